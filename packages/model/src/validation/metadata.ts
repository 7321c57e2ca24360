import {
  MESSAGES,
  isNonBlank,
  isValidEntityName,
  isValidKey,
  isValidLabelValue,
  isValidNamespace,
  isValidTag,
  isValidUrl,
  withLength,
} from './rules';
import type { ValidationIssue } from './types';
import { describeValue, isPlainObject } from './values';

type Path = (string | number)[];

/** metadata.*: name, namespace, labels, annotations, tags, links and the free-text fields. */
export function checkMetadata(metadata: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (...path: Path): Path => ['metadata', ...path];
  const add = (path: Path, message: string) => issues.push({ path, message });

  const { name, namespace, title, description, labels, annotations, tags, links, uid, etag } = metadata;

  if (name === undefined || name === null) {
    add(at('name'), MESSAGES.required);
  } else if (typeof name !== 'string') {
    add(at('name'), MESSAGES.name);
  } else if (!isValidEntityName(name)) {
    add(at('name'), withLength(MESSAGES.name, name, 63));
  }

  if (namespace !== undefined) {
    if (typeof namespace !== 'string' || !isValidNamespace(namespace)) {
      const hint = typeof namespace === 'string' && isValidNamespace(namespace.toLowerCase()) ? ` (try ${namespace.toLowerCase()})` : '';
      add(at('namespace'), (typeof namespace === 'string' ? withLength(MESSAGES.namespace, namespace, 63) : MESSAGES.namespace) + hint);
    }
  }

  // Backstage's schema: title must not be empty; description is any string.
  if (title !== undefined && (typeof title !== 'string' || title === '')) add(at('title'), MESSAGES.nonEmptyString);
  if (description !== undefined && typeof description !== 'string') add(at('description'), MESSAGES.string);
  for (const [field, value] of [
    ['uid', uid],
    ['etag', etag],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || value === '')) add(at(field), MESSAGES.nonEmptyString);
  }

  for (const [field, value] of [
    ['labels', labels],
    ['annotations', annotations],
  ] as const) {
    if (value === undefined) continue;
    if (!isPlainObject(value)) {
      add(at(field), `${MESSAGES.mapping}, not ${describeValue(value)}`);
      continue;
    }
    for (const [key, v] of Object.entries(value)) {
      if (!isValidKey(key)) add(at(field, key), `key "${key}" is not valid: it ${MESSAGES.key}`);
      if (typeof v !== 'string') add(at(field, key), MESSAGES.quoteHint);
      else if (field === 'labels' && !isValidLabelValue(v)) add(at(field, key), withLength(MESSAGES.labelValue, v, 63));
    }
  }

  if (tags !== undefined) {
    if (!Array.isArray(tags)) {
      add(at('tags'), `${MESSAGES.list} of tags, not ${describeValue(tags)}`);
    } else {
      tags.forEach((tag, i) => {
        if (typeof tag !== 'string') add(at('tags', i), MESSAGES.tag);
        else if (!isValidTag(tag)) {
          const hint = isValidTag(tag.toLowerCase()) ? ` (try ${tag.toLowerCase()})` : '';
          add(at('tags', i), withLength(MESSAGES.tag, tag, 63) + hint);
        }
      });
    }
  }

  if (links !== undefined) {
    if (!Array.isArray(links)) {
      add(at('links'), `${MESSAGES.list} of links, not ${describeValue(links)}`);
    } else {
      links.forEach((link, i) => issues.push(...checkLink(link, at('links', i))));
    }
  }

  return issues;
}

function checkLink(link: unknown, path: Path): ValidationIssue[] {
  if (!isPlainObject(link)) {
    return [{ path, message: `must be a mapping with a url (and optionally title, icon, type), not ${describeValue(link)}` }];
  }
  const issues: ValidationIssue[] = [];
  const { url } = link;
  if (url === undefined || url === null) issues.push({ path: [...path, 'url'], message: MESSAGES.required });
  else if (typeof url !== 'string' || !isValidUrl(url)) issues.push({ path: [...path, 'url'], message: MESSAGES.url });
  for (const field of ['title', 'icon', 'type']) {
    const value = link[field];
    if (value !== undefined && (typeof value !== 'string' || !isNonBlank(value))) {
      issues.push({ path: [...path, field], message: MESSAGES.nonEmptyString });
    }
  }
  return issues;
}
