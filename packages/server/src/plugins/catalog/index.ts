import { createKindRegistry } from '@greenroom/model';
import type { Kysely } from 'kysely';
import { definePlugin } from '../../core/plugin';
import { searchCollators } from '../search/extensions';
import { createCatalogApi } from './catalogApi';
import { catalogApi } from './extensions';
import { CATALOG_ENTITY, entityResourceRules } from './permissionRules';
import { CatalogEngine } from './processing/CatalogEngine';
import { CatalogRules } from './processing/rules';
import { YamlParser } from './processing/yamlWorker';
import type { ProcessingSettings } from './processing/walkLocation';
import { EntityGraph } from './query/EntityGraph';
import { EntityQueries } from './query/EntityQueries';
import { FacetCache } from './query/FacetCache';
import { registerActionRoutes } from './routes/actions';
import { registerEntityRoutes } from './routes/entities';
import { registerFacetRoutes } from './routes/facets';
import { registerGraphRoutes } from './routes/graph';
import { registerLocationRoutes } from './routes/locations';
import { createCatalogCollator } from './search/catalogCollator';
import { EntityWriter, sha1 } from './store/EntityWriter';
import { LocationStore } from './store/LocationStore';
import { catalogMigrations } from './store/migrations';
import { Stitcher } from './store/Stitcher';
import type { CatalogTables } from './store/tables';

/** Bump when processing changes in a way that must redo every cached source. */
const PROCESSING_VERSION = 1;

export const catalogPlugin = definePlugin({
  id: 'catalog',
  migrations: catalogMigrations,
  register(ctx) {
    const { config } = ctx;
    const { database } = ctx;
    const registry = createKindRegistry(config.catalog.customKinds);
    const globalRules = config.catalog.rules;
    const fingerprint = sha1(
      JSON.stringify({ v: PROCESSING_VERSION, rules: globalRules, kinds: config.catalog.customKinds, max: config.catalog.maxEntitySize }),
    );
    const settingsFor = (location: { type: string; target: string }): ProcessingSettings => {
      const own = config.catalog.locations.find((l) => l.type === location.type && l.target === location.target)?.rules ?? [];
      return {
        registry,
        rules: new CatalogRules([...globalRules, ...own]),
        maxEntitySize: config.catalog.maxEntitySize,
        fingerprint: own.length ? sha1(fingerprint + JSON.stringify(own)) : fingerprint,
      };
    };

    const locations = new LocationStore(database.db as Kysely<CatalogTables>);
    const facetCache = new FacetCache();
    const parser = new YamlParser();
    ctx.onStop(() => parser.close());
    const engine = new CatalogEngine({
      locations,
      writer: new EntityWriter(database),
      stitcher: new Stitcher(database, () => facetCache.clear()),
      reader: ctx.reader,
      settingsFor,
      events: ctx.events,
      logger: ctx.logger,
      onChanged: () => facetCache.clear(),
      parser,
    });
    const service = {
      queries: new EntityQueries(database),
      facetCache,
      locations,
      engine,
      settings: settingsFor({ type: '', target: '' }),
      permissions: ctx.permissions,
      readonly: config.catalog.readonly,
      reader: ctx.reader,
    };

    // The policy's conditions on entities (isEntityOwner, isEntityKind, …) are answered from the catalog's index.
    ctx.permissions.addResourceRules(CATALOG_ENTITY, entityResourceRules(service.queries, ctx.logger));
    ctx.contribute(catalogApi, createCatalogApi(service));
    ctx.contribute(searchCollators, createCatalogCollator(service.queries, ctx.events));

    registerEntityRoutes(ctx.http, service);
    registerFacetRoutes(ctx.http, service);
    registerGraphRoutes(ctx.http, new EntityGraph(database), ctx.permissions);
    registerLocationRoutes(ctx.http, service);
    registerActionRoutes(ctx.http, service, ctx.reader);

    ctx.onStart(async () => {
      await engine.syncConfigLocations(config.catalog.locations);
      // Ingestion runs in the background: the server answers from the last stored state meanwhile.
      void engine.refreshAll().catch((error) => ctx.logger.error({ err: error }, 'initial catalog refresh failed'));
      const interval = config.catalog.refresh.intervalSeconds * 1000;
      if (interval > 0) ctx.scheduler.every('catalog.refresh', interval, async () => void (await engine.refreshAll()));
    });
  },
});
