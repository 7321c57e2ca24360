import { parse as parseYaml } from 'yaml';
import type { UrlReader } from '../../../core/reader';
import { sha1 } from '../store/EntityWriter';

export interface PlaceholderDependency {
  type: 'file' | 'url';
  target: string;
  hash: string;
}

const RESOLVERS: Record<string, (text: string, target: string) => unknown> = {
  $text: (text) => text,
  $json: (text, target) => {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Error(`$json: ${target} is not valid JSON: ${(error as Error).message}`);
    }
  },
  $yaml: (text, target) => {
    try {
      return parseYaml(text, { schema: 'core', maxAliasCount: 100 });
    } catch (error) {
      throw new Error(`$yaml: ${target} is not valid YAML: ${(error as Error).message}`);
    }
  },
};

/** Whether a value holds any placeholder; most entities have none, and skip the async walk. */
export function hasPlaceholders(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasPlaceholders);
  if (!value || typeof value !== 'object') return false;
  for (const [key, child] of Object.entries(value)) {
    if (key in RESOLVERS || hasPlaceholders(child)) return true;
  }
  return false;
}

/**
 * Replaces `{ $text | $json | $yaml: <path or url> }` objects with the content they
 * point to, resolved relative to the file that holds the entity. Reads go through the
 * reader, so its allow-list applies. Every file read is returned, for change detection.
 */
export async function resolvePlaceholders(
  value: unknown,
  source: { type: 'file' | 'url'; target: string },
  reader: UrlReader,
  deps: PlaceholderDependency[],
  path = '',
): Promise<unknown> {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(await resolvePlaceholders(value[i], source, reader, deps, `${path}[${i}]`));
    return out;
  }
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0][0].startsWith('$') && RESOLVERS[entries[0][0]]) {
    const [key, ref] = entries[0];
    if (typeof ref !== 'string' || ref.length === 0) throw new Error(`${path}: ${key} needs a path or URL string`);
    const target = reader.resolve(source.type, source.target, ref);
    let content: Buffer;
    try {
      content = await reader.read(source.type, target);
    } catch (error) {
      throw new Error(`${path}: ${key} could not read ${target}: ${(error as Error).message}`);
    }
    const text = content.toString('utf8');
    deps.push({ type: source.type, target, hash: sha1(text) });
    return RESOLVERS[key](text, target);
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of entries) out[key] = await resolvePlaceholders(child, source, reader, deps, path ? `${path}.${key}` : key);
  return out;
}
