import { ANNOTATION_TECHDOCS_ENTITY, ANNOTATION_TECHDOCS_REF, parseEntityRef, stringifyEntityRef, type Entity } from '@greenroom/model';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InputError, NotFoundError } from '../../core/errors';
import type { Permissions } from '../../core/permissions';
import type { CatalogApi } from '../catalog/extensions';
import { mayRead } from './authorizeEntity';
import type { BuildStore } from './BuildStore';
import type { DocsBuilds } from './DocsBuilds';
import { techdocsPermissions } from './permissions';

const entityParams = z.object({ namespace: z.string().min(1), kind: z.string().min(1), name: z.string().min(1) });
const listQuery = z.object({ owner: z.string().min(1).optional(), kind: z.string().min(1).optional() });

/** The entity whose site an entity shows: itself, or the one `backstage.io/techdocs-entity` names. */
export function docsEntityRef(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  if (annotations[ANNOTATION_TECHDOCS_REF]) return stringifyEntityRef(entity);
  const other = annotations[ANNOTATION_TECHDOCS_ENTITY];
  if (!other) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(other, { defaultKind: 'component', defaultNamespace: entity.metadata.namespace ?? 'default' }),
    );
  } catch {
    return undefined;
  }
}

/** A catalog filter value may not carry the filter syntax's own separators. */
const filterValue = (name: string, value: string) => {
  if (/[,=]/.test(value)) throw new InputError(`${name}: may not contain "," or "="`);
  return value;
};

/**
 * The routes that start from an entity: its Backstage-shaped metadata, the documented-entity list
 * of the docs index (Greenroom's), and Backstage's `sync`, which builds now and streams the outcome.
 */
export function registerDocsEntityRoutes(
  http: FastifyInstance,
  deps: { catalog: () => CatalogApi; store: BuildStore; builds: DocsBuilds; permissions: Permissions },
) {
  const read = { permission: techdocsPermissions.read };
  const entityOf = async (params: unknown): Promise<Entity> => {
    const { namespace, kind, name } = entityParams.parse(params);
    const entity = await deps.catalog().getEntityByRef(stringifyEntityRef({ kind, namespace, name }));
    if (!entity) throw new NotFoundError(`No entity ${kind}:${namespace}/${name}`);
    return entity;
  };

  http.get('/metadata/entity/:namespace/:kind/:name', { config: read }, async (request) => entityOf(request.params));

  http.get('/entities', { config: read }, async (request) => {
    const { owner, kind } = listQuery.parse(request.query);
    let extra = '';
    if (kind) extra += `,kind=${filterValue('kind', kind)}`;
    if (owner) {
      let ownerRef: string;
      try {
        ownerRef = stringifyEntityRef(parseEntityRef(filterValue('owner', owner), { defaultKind: 'group' }));
      } catch (error) {
        throw new InputError(`owner: ${(error as Error).message}`);
      }
      extra += `,relations.ownedBy=${ownerRef}`;
    }
    const entities = await deps.catalog().getEntities({
      filter: [`metadata.annotations.${ANNOTATION_TECHDOCS_REF}${extra}`, `metadata.annotations.${ANNOTATION_TECHDOCS_ENTITY}${extra}`],
    });
    const documented: Array<{ entity: Entity; docsRef: string }> = [];
    for (const entity of entities) {
      const docsRef = docsEntityRef(entity);
      // Listed when both the entity and the one whose docs it shows may be read.
      if (
        docsRef &&
        (await mayRead(deps.permissions, request.principal, stringifyEntityRef(entity))) &&
        (await mayRead(deps.permissions, request.principal, docsRef))
      ) {
        documented.push({ entity, docsRef });
      }
    }
    const statuses = await deps.store.statuses([...new Set(documented.map((d) => d.docsRef))]);
    return {
      items: documented.map(({ entity, docsRef }) => {
        const status = deps.builds.withPending(docsRef, statuses.get(docsRef)!);
        const entityRef = stringifyEntityRef(entity);
        return {
          entityRef,
          kind: entity.kind,
          namespace: entity.metadata.namespace ?? 'default',
          name: entity.metadata.name,
          ...(entity.metadata.title && { title: entity.metadata.title }),
          ...(entity.metadata.description && { description: entity.metadata.description }),
          ...(ownerOf(entity) && { owner: ownerOf(entity) }),
          ...(docsRef !== entityRef && { docsEntityRef: docsRef }),
          state: status.state,
          ...(status.builtAt && { builtAt: status.builtAt }),
        };
      }),
    };
  });

  http.get('/sync/:namespace/:kind/:name', { config: read }, async (request, reply) => {
    const entity = await entityOf(request.params);
    const entityRef = docsEntityRef(entity);
    if (!entityRef) throw new NotFoundError(`${stringifyEntityRef(entity)} has no ${ANNOTATION_TECHDOCS_REF} annotation`);
    // The log streams the other entity's warnings: it must be readable too.
    if (entityRef !== stringifyEntityRef(entity)) await deps.permissions.authorize(request.principal, techdocsPermissions.read, entityRef);
    const before = await deps.store.get(entityRef);
    let open = true;
    reply.raw.on('close', () => (open = false));
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown) => open && reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    try {
      send('log', `Checking the documentation source of ${entityRef}`);
      await deps.builds.whenBuilt(entityRef);
      const after = await deps.store.get(entityRef);
      for (const warning of after.warnings) send('log', `${warning.file}${warning.line ? `:${warning.line}` : ''}: ${warning.message}`);
      if (after.state === 'failed') send('error', after.error ?? 'The build failed');
      else send('finish', { updated: after.builtAt !== before.builtAt });
    } catch (error) {
      request.log.warn({ err: error, entityRef }, 'docs sync ended early');
      send('error', 'The build could not run');
    } finally {
      reply.raw.end();
    }
  });
}

function ownerOf(entity: Entity): string | undefined {
  return entity.relations?.find((relation) => relation.type === 'ownedBy')?.targetRef;
}
