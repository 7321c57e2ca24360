import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InputError } from '../../../core/errors';
import { both, readableEntities } from '../permissionRules';
import { catalogPermissions } from '../permissions';
import { parseFilterParams, parsePredicate } from '../query/conditions';
import type { CatalogService } from '../service';

const facetsBody = z.strictObject({
  facets: z.array(z.string().min(1)).min(1),
  query: z.record(z.string(), z.unknown()).optional(),
});

export function registerFacetRoutes(http: FastifyInstance, catalog: CatalogService) {
  const config = { permission: catalogPermissions.entityRead };

  http.get('/entity-facets', { config }, async (request) => {
    const q = request.query as Record<string, unknown>;
    const facets = q.facet === undefined ? [] : (Array.isArray(q.facet) ? q.facet : [q.facet]).map(String).filter(Boolean);
    if (facets.length === 0) throw new InputError('At least one facet is required, e.g. ?facet=kind');
    // Counts only what the caller may read; the cache keys on the whole condition, so per caller.
    const condition = both(parseFilterParams(q.filter, request.principal), await readableEntities(catalog.permissions, request.principal));
    return { facets: await catalog.facetCache.get(facets, condition, () => catalog.queries.facets(facets, condition)) };
  });

  http.post('/entity-facets', { config: { ...config, audit: false } }, async (request) => {
    const body = facetsBody.parse(request.body ?? {});
    const asked = body.query ? parsePredicate(body.query, request.principal) : undefined;
    const condition = both(asked, await readableEntities(catalog.permissions, request.principal));
    return { facets: await catalog.facetCache.get(body.facets, condition, () => catalog.queries.facets(body.facets, condition)) };
  });
}
