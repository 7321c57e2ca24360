import type { Feature } from '../../app/extensions';
import { NotificationsBell } from './NotificationsBell';

export const notificationsFeature: Feature = {
  id: 'notifications',
  headerItems: [{ id: 'notifications', order: 10, component: NotificationsBell }],
};
