import { definePlugin } from '../../core/plugin';
import { userSettingsMigrations } from './migrations';
import { registerSettingsRoutes } from './routes';
import { SettingsStore } from './SettingsStore';

/** Per-user key/value settings (starred entities, UI preferences), Backstage's user-settings API. */
export const userSettingsPlugin = definePlugin({
  id: 'user-settings',
  migrations: userSettingsMigrations,
  register(ctx) {
    registerSettingsRoutes(ctx.http, new SettingsStore(ctx.database));
  },
});
