import { parseEntityRef, stringifyEntityRef } from '@greenroom/model';

/** Filters whose value is a plain word, matched lower-case. */
const PLAIN_FILTERS = ['kind', 'type', 'lifecycle', 'tag', 'namespace'] as const;

/** Filters whose value is an entity ref, with the kind a bare name defaults to. */
const REF_FILTERS: Record<string, string> = {
  owner: 'group',
  system: 'system',
  dependsOn: 'component',
  dependencyOf: 'component',
  providedBy: 'component',
  consumedBy: 'component',
  hasPart: 'component',
  partOf: 'system',
  consumes: 'api',
  provides: 'api',
  memberOf: 'group',
  parentOf: 'group',
  childOf: 'group',
  hasMember: 'user',
  /** Documents about one entity: the entity itself and the pages of its documentation. */
  entity: 'component',
};

/** Every filter key, spelled as the query language and the API accept it. */
export const FILTER_KEYS: readonly string[] = [...PLAIN_FILTERS, ...Object.keys(REF_FILTERS)];

const keyByLowerCase = new Map(FILTER_KEYS.map((key) => [key.toLowerCase(), key]));

export interface ParsedQuery {
  /** Free words, as typed. */
  words: string[];
  phrases: string[];
  /** Filter key → accepted values (OR); different keys AND together. */
  filters: Record<string, string[]>;
}

/** The canonical key for a filter name (any case), or undefined when it is not a filter. */
export function filterKey(name: string): string | undefined {
  return keyByLowerCase.get(name.toLowerCase());
}

/** The lower-case value a filter matches; an entity ref gets the key's default kind and namespace. Throws on a bad ref. */
export function normalizeFilterValue(key: string, value: string): string {
  const defaultKind = REF_FILTERS[key];
  if (!defaultKind) return value.trim().toLowerCase();
  return stringifyEntityRef(parseEntityRef(value.trim(), { defaultKind }));
}

/** Reads free words, "quoted phrases" and `key:value` filters; an unknown key or a bad value stays a word. */
export function parseQuery(text: string): ParsedQuery {
  const parsed: ParsedQuery = { words: [], phrases: [], filters: {} };
  for (const match of text.matchAll(/"([^"]*)"?|(\S+)/g)) {
    if (match[1] !== undefined) {
      if (match[1].trim()) parsed.phrases.push(match[1].trim());
      continue;
    }
    const part = match[2];
    const colon = part.indexOf(':');
    const key = colon > 0 ? filterKey(part.slice(0, colon)) : undefined;
    const value = colon > 0 ? part.slice(colon + 1) : '';
    if (key && value) {
      try {
        addFilter(parsed.filters, key, normalizeFilterValue(key, value));
        continue;
      } catch {
        // Not a valid ref: searching for the text is more useful than an error.
      }
    }
    parsed.words.push(part);
  }
  return parsed;
}

export function addFilter(filters: Record<string, string[]>, key: string, value: string) {
  const values = (filters[key] ??= []);
  if (!values.includes(value)) values.push(value);
}
