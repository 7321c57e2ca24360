import { extensionPoint } from '../../core/plugin';

/** One searchable thing. Filter values are lower-case so a filter matches regardless of case. */
export interface SearchDocument {
  /** Unique within the collator's type, e.g. the entity ref. */
  key: string;
  title: string;
  text: string;
  /** The portal URL the result links to. */
  location: string;
  /** Shown with the result (entityRef, kind, owner, …). */
  fields: Record<string, string>;
  /** What `key:value` filters match, e.g. { kind: ['component'], owner: ['group:default/team-x'] }. */
  filters: Record<string, string[]>;
  /** Words that rank a document first when they are the query, e.g. the entity name. */
  boostTerms?: string[];
}

/** A source of documents of one type. The search plugin owns the index; collators only describe what to index. */
export interface SearchCollator {
  type: string;
  /** Every document; iterated page by page so a large source is never held in memory at once. */
  all(): AsyncIterable<SearchDocument>;
  /** Fresh documents for keys, in order; null where the key no longer exists. */
  byKeys?(keys: string[]): Promise<Array<SearchDocument | null>>;
  /** Calls the listener with the keys that changed; returns an unsubscribe function. Needs byKeys. */
  onChange?(listener: (keys: string[]) => void): () => void;
}

export const searchCollators = extensionPoint<SearchCollator>('search.collators');
