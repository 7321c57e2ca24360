import path from 'node:path';
import { ANNOTATION_TECHDOCS_REF, stringifyEntityRef } from '@greenroom/model';
import { definePlugin } from '../../core/plugin';
import { catalogApi } from '../catalog/extensions';
import { searchCollators } from '../search/extensions';
import { authorizeEachEntity } from './authorizeEntity';
import { BuildStore } from './BuildStore';
import { createPublisher } from './createPublisher';
import { DocsBuilds } from './DocsBuilds';
import { registerDocsEntityRoutes } from './entityRoutes';
import { techdocsMigrations } from './migrations';
import { registerTechdocsRoutes } from './routes';
import { createTechdocsCollator } from './search/techdocsCollator';

/** Each app's build queue, so tests and the browser-test launcher can wait for the builds. */
const queues = new WeakMap<object, DocsBuilds>();

/** TechDocs: builds the documentation of entities with `backstage.io/techdocs-ref` and serves it. */
export const techdocsPlugin = definePlugin({
  id: 'techdocs',
  migrations: techdocsMigrations,
  register(ctx) {
    const store = new BuildStore(ctx.database);
    const publisher = createPublisher(ctx.config);
    const catalog = () => ctx.contributions(catalogApi)[0];
    const builds = new DocsBuilds({
      catalog,
      store,
      publisher,
      reader: ctx.reader,
      fileRoots: ctx.config.reading.fileRoots,
      workDir: path.join(ctx.config.dataDir, 'techdocs-sources'),
      concurrency: ctx.config.techdocs.build.concurrency,
      events: ctx.events,
      logger: ctx.logger,
    });
    queues.set(ctx.database, builds);
    authorizeEachEntity(ctx.http, ctx.permissions);
    registerTechdocsRoutes(ctx.http, builds, publisher);
    registerDocsEntityRoutes(ctx.http, { catalog, store, builds, permissions: ctx.permissions });
    ctx.contribute(searchCollators, createTechdocsCollator({ catalog, store, publisher, events: ctx.events }));

    const queueDocumented = () =>
      builds.queueFrom(async () => {
        const documented = await catalog().getEntities({ filter: `metadata.annotations.${ANNOTATION_TECHDOCS_REF}` });
        return documented.map((entity) => stringifyEntityRef(entity));
      });
    ctx.onStart(() => {
      ctx.events.subscribe('entity.changed', ({ added, updated, removed }) => builds.queue([...added, ...updated, ...removed]));
      // Docs change without their entity changing: each catalog refresh checks the sources again
      // (an unchanged source costs a hash of its files, no build).
      ctx.events.subscribe('location.processed', () => queueDocumented());
      queueDocumented();
    });
  },
});

/** Resolves when the app's queued documentation builds have run. */
export async function docsBuildsIdle(app: { database: object }): Promise<void> {
  await queues.get(app.database)?.idle();
}
