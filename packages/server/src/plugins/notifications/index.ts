import { definePlugin } from '../../core/plugin';
import { catalogApi } from '../catalog/extensions';
import { scaffolderActions } from '../scaffolder/extensions';
import { notificationsMigrations } from './migrations';
import { NotificationStore } from './NotificationStore';
import { registerNotificationRoutes } from './routes';
import { createNotificationSendAction } from './sendAction';

/** In-portal notifications (the bell in the header); templates send them with `notification:send`. */
export const notificationsPlugin = definePlugin({
  id: 'notifications',
  migrations: notificationsMigrations,
  register(ctx) {
    const store = new NotificationStore(ctx.database);
    registerNotificationRoutes(ctx.http, store);
    ctx.contribute(scaffolderActions, createNotificationSendAction({ store, catalog: () => ctx.contributions(catalogApi)[0] }));
  },
});
