import path from 'node:path';
import { definePlugin } from '../../core/plugin';
import { catalogApi } from '../catalog/extensions';
import { searchCollators } from '../search/extensions';
import { createBuiltinActions } from './actions/builtin';
import { scaffolderActions, type TemplateAction } from './extensions';
import { scaffolderMigrations } from './migrations';
import { registerScaffolderRoutes } from './routes';
import { ScaffolderService } from './ScaffolderService';
import { createTemplateCollator } from './search/templateCollator';
import { TaskEvents } from './TaskEvents';
import { TaskSecrets } from './TaskSecrets';
import { TaskStore } from './TaskStore';
import { serverIdFor, TaskWorker } from './TaskWorker';

/** Software templates: Backstage's v1beta3 templates run as durable tasks by any replica. */
export const scaffolderPlugin = definePlugin({
  id: 'scaffolder',
  migrations: scaffolderMigrations,
  register(ctx) {
    const config = ctx.config.scaffolder;
    const workspaceDir = config.workspaceDir
      ? path.resolve(ctx.config.rootDir, config.workspaceDir)
      : path.join(ctx.config.dataDir, 'scaffolder');
    const catalog = () => ctx.contributions(catalogApi)[0];
    // The search page's Templates tab: templates link to their wizard.
    ctx.contribute(searchCollators, createTemplateCollator(catalog, ctx.events));
    const store = new TaskStore(ctx.database);
    const events = new TaskEvents(store);

    // Contributions are complete only once every plugin registered: build the registry on first use.
    let registry: Map<string, TemplateAction> | undefined;
    const actions = () => {
      if (registry) return registry;
      const all = [
        ...createBuiltinActions({ config: ctx.config, reader: ctx.reader, logger: ctx.logger, catalog: () => catalog()!, workspaceDir }),
        ...ctx.contributions(scaffolderActions),
      ];
      const byId = new Map<string, TemplateAction>();
      for (const action of all) {
        if (byId.has(action.id)) throw new Error(`Two scaffolder actions have the id "${action.id}"`);
        byId.set(action.id, action);
      }
      return (registry = byId);
    };

    const secrets = new TaskSecrets({ configuredKey: config.secretsKey, dataDir: ctx.config.dataDir });
    const worker = new TaskWorker({
      store,
      events,
      actions,
      secrets,
      logger: ctx.logger,
      workspaceDir,
      concurrency: config.concurrentTasksLimit,
      staleTaskSeconds: config.staleTaskSeconds,
      serverId: serverIdFor(ctx.config.dataDir),
    });
    const service = new ScaffolderService({ permissions: ctx.permissions, store, events, worker, secrets, catalog, actions });
    registerScaffolderRoutes(ctx.http, { service, store, events, actions, workspaceDir });

    ctx.onStart(async () => {
      actions();
      await worker.start();
    });
    ctx.onStop(() => worker.stop());
  },
});
