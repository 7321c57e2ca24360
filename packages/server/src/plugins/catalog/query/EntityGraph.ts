import {
  DEFAULT_NAMESPACE,
  RELATION_PAIRS,
  parseEntityRef,
  reverseRelationType,
  stringifyEntityRef,
  type Entity,
  type EntityGraph as EntityGraphWire,
  type GraphEdge,
  type GraphNode,
} from '@greenroom/model';
import type { Kysely } from 'kysely';
import type { Database } from '../../../core/database';
import type { CatalogTables } from '../store/tables';
import { compileCondition } from './compile';
import type { Condition } from './conditions';

/** `out`: relations as seen from the node (node dependsOn X); `in`: relations pointing at it (Y dependsOn node). */
export type GraphDirection = 'out' | 'in' | 'both';

export interface GraphRequest {
  /** Canonical (lowercase) ref of the entity the walk starts from. */
  root: string;
  /** Relation types to follow; undefined follows every type. */
  relations?: string[];
  direction: GraphDirection;
  depth: number;
  maxNodes: number;
  /** The entities the caller may read; the others are left out as if they did not exist. Undefined: all. */
  visible?: Condition;
}

/** The wire shape, shared with the web app through the model package. */
export type EntityGraphResult = EntityGraphWire;

/** Refs per `IN (...)`: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/** The first type of each pair (dependsOn, ownedBy, ...) names an edge when both of its directions are followed. */
const PRIMARY_TYPES = new Set(RELATION_PAIRS.map(([primary]) => primary));

type Relation = GraphEdge;

/**
 * Walks relations breadth-first from one entity. Each level costs one relations query and one
 * entities query (per 500 refs), whatever the number of nodes on it.
 */
export class EntityGraph {
  private readonly db: Kysely<CatalogTables>;

  constructor(database: Database) {
    this.db = database.db as Kysely<CatalogTables>;
  }

  /** Undefined when the root is not a served entity (or not one the caller may read). */
  async walk(request: GraphRequest): Promise<EntityGraphResult | undefined> {
    const hidden = (refs: string[]) => (request.visible ? this.hiddenAmong(refs, request.visible) : new Set<string>());
    if ((await hidden([request.root])).size) return undefined;
    const rootNode = (await this.loadNodes([request.root], 0)).get(request.root);
    if (!rootNode) return undefined;

    const follows = new TypeFilter(request.relations);
    const followOut = request.direction !== 'in';
    const followIn = request.direction !== 'out';
    const nodes = new Map([[request.root, rootNode]]);
    const edges = new Map<string, GraphEdge>();
    let frontier = [request.root];
    let truncated = false;

    for (let depth = 1; depth <= request.depth && frontier.length > 0 && !truncated; depth++) {
      const expanding = new Set(frontier);
      const found: Array<{ edge: GraphEdge; neighbour: string }> = [];
      for (const row of await this.relationsAround(frontier, follows, request.direction)) {
        for (const relation of bothWays(row)) {
          if (!follows.admits(relation.type)) continue;
          if (followOut && expanding.has(relation.source)) found.push({ edge: follows.present(relation), neighbour: relation.target });
          if (followIn && expanding.has(relation.target)) found.push({ edge: follows.present(relation), neighbour: relation.source });
        }
      }

      let discovered = [...new Set(found.map((f) => f.neighbour).filter((ref) => !nodes.has(ref)))].sort();
      // A hidden neighbour is not even shown as missing: it has no node, so its edges are dropped too.
      const concealed = await hidden(discovered);
      discovered = discovered.filter((ref) => !concealed.has(ref));
      const room = request.maxNodes - nodes.size;
      if (discovered.length > room) {
        truncated = true;
        discovered = discovered.slice(0, room);
      }
      const loaded = await this.loadNodes(discovered, depth);
      for (const ref of discovered) nodes.set(ref, loaded.get(ref) ?? missingNode(ref, depth));
      for (const { edge, neighbour } of found) {
        if (nodes.has(neighbour)) edges.set(`${edge.source}\u0000${edge.type}\u0000${edge.target}`, edge);
      }
      frontier = discovered.filter((ref) => loaded.has(ref));
    }

    return { root: request.root, nodes: [...nodes.values()], edges: [...edges.values()], truncated };
  }

  /**
   * Stored rows touching the frontier that can yield a followed relation. A row is kept once,
   * from its declaring side, so a node's relations are the rows it is the source of plus the
   * reverse of the rows it is the target of; the type filter is applied to each side accordingly.
   */
  private async relationsAround(refs: string[], follows: TypeFilter, direction: GraphDirection): Promise<Relation[]> {
    const asDeclared = follows.types;
    const reversed = follows.reversedTypes;
    const union = (a?: string[], b?: string[]) => (a && b ? [...new Set([...a, ...b])] : undefined);
    // Types a row must have when the frontier node is its source (resp. target); undefined: any type.
    const sourceTypes = direction === 'out' ? asDeclared : direction === 'in' ? reversed : union(asDeclared, reversed);
    const targetTypes = direction === 'out' ? reversed : direction === 'in' ? asDeclared : union(asDeclared, reversed);

    const sides = (
      [
        ['source_ref', sourceTypes],
        ['target_ref', targetTypes],
      ] as const
    ).filter(([, types]) => types?.length !== 0);
    const rows: Relation[] = [];
    if (sides.length === 0) return rows;
    for (let i = 0; i < refs.length; i += CHUNK) {
      const chunk = refs.slice(i, i + CHUNK);
      const found = await this.db
        .selectFrom('catalog_relations')
        // No DISTINCT: a row matching both sides comes back once anyway, and edges are keyed by
        // (source, type, target), so sorting thousands of rows for it buys nothing.
        .select(['source_ref as source', 'type', 'target_ref as target'])
        .where((eb) =>
          eb.or(
            sides.map(([column, types]) => (types ? eb.and([eb(column, 'in', chunk), eb('type', 'in', types)]) : eb(column, 'in', chunk))),
          ),
        )
        .execute();
      rows.push(...found);
    }
    return rows;
  }

  /** Served entities among `refs` that do not match `visible`: one query per 500 refs. */
  private async hiddenAmong(refs: string[], visible: Condition): Promise<Set<string>> {
    const hidden = new Set<string>();
    for (let i = 0; i < refs.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('catalog_entities as e')
        .select('e.ref')
        .where('e.stitched', '=', 1)
        .where('e.ref', 'in', refs.slice(i, i + CHUNK))
        .where((eb) => eb.not(compileCondition(eb, visible)))
        .execute();
      for (const row of rows) hidden.add(row.ref);
    }
    return hidden;
  }

  /** Served (stitched) entities among `refs`, as nodes at `depth`. */
  private async loadNodes(refs: string[], depth: number): Promise<Map<string, GraphNode>> {
    const nodes = new Map<string, GraphNode>();
    for (let i = 0; i < refs.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('catalog_entities as e')
        .innerJoin('catalog_documents as d', 'd.entity_id', 'e.id')
        .select(['e.ref', 'd.final'])
        .where('e.stitched', '=', 1)
        .where('e.ref', 'in', refs.slice(i, i + CHUNK))
        .execute();
      for (const row of rows) if (row.final) nodes.set(row.ref, presentNode(row.ref, JSON.parse(row.final) as Entity, depth));
    }
    return nodes;
  }
}

/** Which relation types a walk follows, and which way round it reports an edge. */
class TypeFilter {
  private readonly wanted?: Set<string>;

  constructor(relations: string[] | undefined) {
    this.wanted = relations ? new Set(relations) : undefined;
  }

  get types(): string[] | undefined {
    return this.wanted && [...this.wanted];
  }

  /** The stored types whose reverse is followed. */
  get reversedTypes(): string[] | undefined {
    return this.wanted && [...this.wanted].map(reverseRelationType).filter((t): t is string => t !== undefined);
  }

  admits(type: string): boolean {
    return !this.wanted || this.wanted.has(type);
  }

  /**
   * One relation, one edge: it is reported with the followed type. When both of its types are
   * followed (e.g. no filter), the primary type of the pair wins: `a dependsOn b`, never also `b dependencyOf a`.
   */
  present(relation: Relation): GraphEdge {
    const reverse = reverseRelationType(relation.type);
    if (reverse && !PRIMARY_TYPES.has(relation.type) && this.admits(reverse)) {
      return { source: relation.target, target: relation.source, type: reverse };
    }
    return relation;
  }
}

/** A stored row and, when its type has one, the same relation seen from its target. */
function bothWays(row: Relation): Relation[] {
  const reverse = reverseRelationType(row.type);
  return reverse ? [row, { source: row.target, type: reverse, target: row.source }] : [row];
}

function presentNode(ref: string, entity: Entity, depth: number): GraphNode {
  const namespace = entity.metadata.namespace || DEFAULT_NAMESPACE;
  const spec = entity.spec ?? {};
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  // Absent fields stay undefined, which JSON leaves out.
  return {
    entityRef: ref,
    kind: entity.kind,
    namespace,
    name: entity.metadata.name,
    title: text(entity.metadata.title),
    type: text(spec.type),
    lifecycle: text(spec.lifecycle),
    owner: ownerRef(spec.owner, namespace),
    depth,
  };
}

/** spec.owner as a full ref: a bare name means a group in the entity's own namespace. */
function ownerRef(owner: unknown, namespace: string): string | undefined {
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: namespace }));
  } catch {
    return undefined;
  }
}

/** Stored refs are canonical (`kind:namespace/name`), so the parts are read off the ref itself. */
function missingNode(ref: string, depth: number): GraphNode {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/', colon + 1);
  return {
    entityRef: ref,
    kind: ref.slice(0, colon),
    namespace: ref.slice(colon + 1, slash),
    name: ref.slice(slash + 1),
    depth,
    missing: true,
  };
}
