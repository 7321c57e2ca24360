import type { GreenroomApp } from '../../core/app';
import type { Database } from '../../core/database';
import { definePlugin } from '../../core/plugin';
import { SearchIndex } from './engine/SearchIndex';
import { searchCollators } from './extensions';
import { searchMigrations } from './migrations';
import { registerSearchRoutes } from './routes';
import { SearchIndexer } from './SearchIndexer';

/** Each app's full rebuild, so the CLI can rebuild the index of the app it built. */
const rebuilds = new WeakMap<Database, () => Promise<void>>();

export const searchPlugin = definePlugin({
  id: 'search',
  migrations: searchMigrations,
  register(ctx) {
    const index = new SearchIndex(ctx.database);
    registerSearchRoutes(ctx.http, index, ctx.permissions);
    let indexer: SearchIndexer | undefined;
    const indexerOf = () => (indexer ??= new SearchIndexer(index, ctx.contributions(searchCollators), ctx.logger));
    // Collators are contributed during registration; by now every plugin has registered.
    rebuilds.set(ctx.database, async () => {
      await index.init();
      await indexerOf().rebuild();
    });
    ctx.onStart(() => indexerOf().start());
    ctx.onStop(() => indexer?.stop());
  },
});

/** Rebuilds the app's search index into fresh rows and switches to them; search keeps answering meanwhile. */
export async function rebuildSearchIndex(app: GreenroomApp): Promise<void> {
  const rebuild = rebuilds.get(app.database);
  if (!rebuild) throw new Error('The search plugin is not part of this app');
  await rebuild();
}
