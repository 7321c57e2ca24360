import { parseEntityRef, stringifyEntityRef, type Entity } from '@greenroom/model';
import { InputError } from '../../core/errors';
import type { CatalogApi } from '../catalog/extensions';

function normalise(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref, { defaultNamespace: 'default' }));
  } catch (error) {
    throw new InputError(`notification recipient "${ref}": ${(error as Error).message}`);
  }
}

const targets = (entity: Entity, type: string) => (entity.relations ?? []).filter((r) => r.type === type).map((r) => r.targetRef);

/**
 * The users `entityRefs` reach: a user directly, a group through its members and the members of
 * its sub-groups (hasMember / parentOf relations), any other entity through its owner.
 */
export async function resolveRecipients(catalog: CatalogApi, entityRefs: string[]): Promise<string[]> {
  const users = new Set<string>();
  const visited = new Set<string>();
  let pending = entityRefs.map(normalise);
  while (pending.length) {
    const batch = [...new Set(pending)].filter((ref) => !visited.has(ref));
    pending = [];
    for (const ref of batch) visited.add(ref);
    const lookups = batch.filter((ref) => !ref.startsWith('user:'));
    for (const ref of batch) if (ref.startsWith('user:')) users.add(ref);
    if (lookups.length === 0) continue;
    const entities = await catalog.getEntitiesByRefs(lookups);
    entities.forEach((entity, i) => {
      if (!entity) throw new InputError(`notification recipient "${lookups[i]}" is not in the catalog`);
      if (entity.kind.toLowerCase() === 'group') pending.push(...targets(entity, 'hasMember'), ...targets(entity, 'parentOf'));
      else pending.push(...targets(entity, 'ownedBy'));
    });
  }
  return [...users].sort();
}
