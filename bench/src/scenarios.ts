import type { Entity } from './entity';
import { referencesOf } from './entityReferences';
import type { GeneratedOrg } from './generateOrg';
import type { HttpResponse } from './httpClient';
import type { BenchRequest } from './loadRunner';
import type { Rng } from './prng';
import type { ScenarioId } from './targets';

// The four catalog reads a portal makes most: an entity page (by name), a
// team's list (filtered query), the search box (full text) and the filter
// sidebar (facets). Targets vary per request so that no single cached row
// flatters the figures.

export interface Scenario {
  id: ScenarioId;
  label: string;
  /** `count` requests with targets drawn from the generated org. */
  requests(rng: Rng, count: number): BenchRequest[];
}

interface QueryResponse {
  items?: Array<{ kind?: string }>;
}

export function catalogScenarios(org: GeneratedOrg): Scenario[] {
  const components = org.entities.filter((e) => e.kind === 'Component');
  const componentOwners = [...new Set(components.map(ownerRef))];

  return [
    {
      id: 'byName',
      label: 'by-name',
      requests: (rng, count) =>
        times(count, () => {
          const name = rng.pick(components).metadata.name;
          return {
            path: `/api/catalog/entities/by-name/component/default/${encodeURIComponent(name)}`,
            check: (r) => ((r.body as Entity | undefined)?.metadata?.name === name ? undefined : `expected entity ${name}`),
          };
        }),
    },
    {
      id: 'filtered',
      label: 'by-query, kind + ownedBy',
      requests: (rng, count) =>
        times(count, () => {
          const owner = rng.pick(componentOwners);
          return {
            path: `/api/catalog/entities/by-query?${new URLSearchParams({ filter: `kind=component,relations.ownedBy=${owner}`, limit: '50' })}`,
            check: (r) => {
              const items = (r.body as QueryResponse | undefined)?.items;
              if (!items?.length) return `no items, though ${owner} owns components`;
              return items.every((i) => i.kind?.toLowerCase() === 'component') ? undefined : 'items of another kind';
            },
          };
        }),
    },
    {
      id: 'fullText',
      label: 'by-query, full text',
      requests: (rng, count) =>
        times(count, () => {
          const term = nameFragment(rng, rng.pick(components).metadata.name);
          const query = new URLSearchParams({
            fullTextFilterTerm: term,
            fullTextFilterFields: 'metadata.name,metadata.title',
            limit: '50',
          });
          return { path: `/api/catalog/entities/by-query?${query}`, check: nonEmptyItems(`"${term}" is part of a component name`) };
        }),
    },
    {
      id: 'facets',
      label: 'facets, type + lifecycle',
      // Always the same request: a sidebar asks exactly this on every page load.
      requests: (_rng, count) =>
        times(count, () => ({
          path: '/api/catalog/entity-facets?facet=spec.type&facet=spec.lifecycle&filter=kind=component',
          check: (r: HttpResponse) => {
            const facets = (r.body as { facets?: Record<string, unknown[]> } | undefined)?.facets;
            return facets?.['spec.type']?.length && facets['spec.lifecycle']?.length ? undefined : 'empty facets';
          },
        })),
    },
  ];
}

/** 3–6 letters out of one word of a name, like a person typing into a search box. */
export function nameFragment(rng: Rng, name: string): string {
  const words = name.split('-').filter((w) => /^[a-z]{3,}$/.test(w));
  if (words.length === 0) throw new Error(`No word of 3+ letters in "${name}"`);
  const word = rng.pick(words);
  const length = rng.int(3, Math.min(6, word.length));
  const start = rng.int(0, word.length - length);
  return word.slice(start, start + length);
}

function ownerRef(entity: Entity): string {
  const owner = referencesOf(entity).find((r) => r.relation === 'ownedBy');
  if (!owner) throw new Error(`${entity.metadata.name} has no owner`);
  return owner.targetRef;
}

function nonEmptyItems(why: string) {
  return (r: HttpResponse) => ((r.body as QueryResponse | undefined)?.items?.length ? undefined : `no items, though ${why}`);
}

function times<T>(count: number, make: () => T): T[] {
  return Array.from({ length: count }, make);
}
