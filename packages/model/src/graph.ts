/** The answer of `GET /api/catalog/graph`: the entities around a root and the relations between them. */
export interface EntityGraph {
  root: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** maxNodes was reached: some neighbours (and everything behind them) were left out. */
  truncated: boolean;
}

export interface GraphNode {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  type?: string;
  lifecycle?: string;
  owner?: string;
  /** Hops from the root. */
  depth: number;
  /** The relation names an entity the catalog does not serve; such nodes are not expanded. */
  missing?: boolean;
}

/** A relation as stored from `source`'s side, e.g. `{ source: component:…, target: api:…, type: 'providesApi' }`. */
export interface GraphEdge {
  source: string;
  target: string;
  type: string;
}
