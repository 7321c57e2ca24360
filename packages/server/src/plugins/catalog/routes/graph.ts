import { parseEntityRef, stringifyEntityRef } from '@greenroom/model';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InputError, NotFoundError } from '../../../core/errors';
import type { Permissions } from '../../../core/permissions';
import { readableEntities } from '../permissionRules';
import { catalogPermissions } from '../permissions';
import type { EntityGraph } from '../query/EntityGraph';

const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be an integer from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be an integer from ${min} to ${max}`)
    .default(fallback);

const graphQuery = z.object({
  root: z.string({ error: 'required: the entity ref to start from, e.g. component:default/checkout' }),
  relations: z
    .string()
    .transform((list) => list.split(',').map((type) => type.trim()))
    .refine((types) => types.every(Boolean), 'must be a comma-separated list of relation types, e.g. dependsOn,providesApi')
    .optional(),
  direction: z.enum(['out', 'in', 'both']).default('both'),
  depth: integer(1, 10, 1),
  maxNodes: integer(1, 2000, 500),
});

/** Greenroom's addition: the neighbourhood of an entity, followed through its relations. */
export function registerGraphRoutes(http: FastifyInstance, graph: EntityGraph, permissions: Permissions) {
  http.get('/graph', { config: { permission: catalogPermissions.entityRead } }, async (request) => {
    const query = graphQuery.parse(request.query);
    let root: string;
    try {
      root = stringifyEntityRef(parseEntityRef(query.root));
    } catch (error) {
      throw new InputError(`root: ${(error as Error).message}`);
    }
    const result = await graph.walk({ ...query, root, visible: await readableEntities(permissions, request.principal) });
    if (!result) throw new NotFoundError(`No entity named ${root}`);
    return result;
  });
}
