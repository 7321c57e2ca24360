import { parseEntityRef, stringifyEntityRef, validateEntity, type Entity } from '@greenroom/model';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InputError, NotFoundError } from '../../../core/errors';
import type { UrlReader } from '../../../core/reader';
import { readableEntities } from '../permissionRules';
import { catalogPermissions } from '../permissions';
import type { CatalogService } from '../service';

const refreshBody = z.strictObject({ entityRef: z.string().min(1), authorizationToken: z.string().optional() });
const validateBody = z.strictObject({ entity: z.unknown(), location: z.string().min(1) });
const analyzeBody = z.strictObject({
  location: z.strictObject({ type: z.enum(['url', 'file']), target: z.string().min(1) }),
  catalogFilename: z.string().min(1).optional(),
});

export function registerActionRoutes(http: FastifyInstance, catalog: CatalogService, reader: UrlReader) {
  http.post('/refresh', { config: { permission: catalogPermissions.entityRefresh } }, async (request, reply) => {
    const body = refreshBody.parse(request.body ?? {});
    const ref = entityRefOrThrow(body.entityRef);
    request.auditResource = ref;
    const locationId = await catalog.queries.locationIdOf(ref);
    // An entity the caller may not read is answered as absent, before asking whether they may refresh it.
    const visible = await readableEntities(catalog.permissions, request.principal);
    const hidden = visible !== undefined && (await catalog.queries.refsMatching([ref], visible)).size === 0;
    if (!locationId || hidden) throw new NotFoundError(`No entity named ${ref}`);
    // The route's check passed a conditional decision (e.g. owners only): this is the check on the entity.
    await catalog.permissions.authorize(request.principal, catalogPermissions.entityRefresh, ref);
    const run = catalog.engine.refreshLocation(locationId);
    // Greenroom addition: ?wait=true answers once processing has finished (scripts, benchmarks).
    if ((request.query as Record<string, unknown>).wait === 'true') await run;
    else run.catch((error) => request.log.error({ err: error }, 'refresh failed'));
    reply.code(200).send();
  });

  http.post('/validate-entity', { config: { permission: catalogPermissions.entityValidate } }, async (request, reply) => {
    const body = validateBody.parse(request.body ?? {});
    if (!body.location.startsWith('url:')) {
      return reply
        .code(400)
        .send({ errors: [{ name: 'InputError', message: `location: only url:<target> locations are supported, got "${body.location}"` }] });
    }
    const issues = validateEntity(body.entity, catalog.settings.registry);
    const kind = (body.entity as Entity | undefined)?.kind;
    const errors = issues.map((issue) => ({ name: 'InputError', message: `${issue.path.join('.') || 'entity'}: ${issue.message}` }));
    if (issues.length === 0 && typeof kind === 'string' && !catalog.settings.rules.isAllowed(kind, locationOf(body.location))) {
      errors.push({ name: 'NotAllowedError', message: `kind ${kind} is not allowed by catalog.rules` });
    }
    if (errors.length) return reply.code(400).send({ errors });
    reply.code(200).send();
  });

  http.post('/analyze-location', { config: { permission: catalogPermissions.locationAnalyze } }, async (request) => {
    const body = analyzeBody.parse(request.body ?? {});
    const { type } = body.location;
    const filename = body.catalogFilename ?? 'catalog-info.yaml';
    const target = /\.ya?ml$/i.test(body.location.target)
      ? body.location.target
      : reader.resolve(type, body.location.target.replace(/\/?$/, '/'), filename);
    await reader.checkAccess(type, target);
    const existing = await catalog.locations.findByTarget(type, target);
    let result;
    try {
      result = await catalog.engine.dryRun({ type, target });
    } catch (error) {
      throw new InputError(`Cannot analyze ${target}: ${(error as Error).message}`);
    }
    const found = result.entities.filter((e) => e.kind !== 'Location' || !e.metadata.name.startsWith('generated-'));
    if (found.length > 0) {
      const refs = found.map((e) => stringifyEntityRef(e));
      const rows = await catalog.queries.byRefs(refs, await readableEntities(catalog.permissions, request.principal));
      return {
        existingEntityFiles: found.map((entity, i) => ({
          entity,
          isRegistered: Boolean(existing) || rows[i] !== null,
          location: { type, target },
        })),
        generateEntities: [],
      };
    }
    return { existingEntityFiles: [], generateEntities: [suggestComponent(body.location.target)] };
  });
}

export function entityRefOrThrow(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch (error) {
    throw new InputError(`Invalid entity ref "${ref}": ${(error as Error).message}`);
  }
}

function locationOf(ref: string): { type: string; target: string } {
  const colon = ref.indexOf(':');
  if (colon <= 0) throw new InputError(`location must be a location ref such as url:https://…, got "${ref}"`);
  return { type: ref.slice(0, colon), target: ref.slice(colon + 1) };
}

/** No catalog file found: propose a Component named after the repository, owner left to the user. */
function suggestComponent(target: string) {
  const name =
    target
      .replace(/\.git$/, '')
      .split(/[/?#]/)
      .filter(Boolean)
      .pop()
      ?.toLowerCase()
      .replace(/[^a-z0-9-_.]/g, '-')
      .replace(/^[-_.]+|[-_.]+$/g, '') || 'new-component';
  return {
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name },
      spec: { type: 'service', lifecycle: 'experimental' },
    },
    fields: [
      { field: 'metadata.name', state: 'analysisSuggestedValue', value: name, description: 'Derived from the repository name' },
      { field: 'spec.owner', state: 'needsUserInput', value: null, description: 'The team that owns this component' },
    ],
  };
}
