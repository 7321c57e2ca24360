/** One thing wrong with an entity, at a path such as ['spec', 'owner'] or ['metadata', 'tags', 2]. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}
