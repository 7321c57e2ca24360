import { definePlugin, type Plugin } from '../../packages/server/src/core/plugin';
import { searchCollators, type SearchCollator, type SearchDocument } from '../../packages/server/src/plugins/search/extensions';
import { createRng } from './prng';

// Synthetic TechDocs pages for the search scale benchmark: the docs side of the
// index without building real docs. Deterministic (seeded), generated lazily so
// 10,000 pages are never held in memory at once.

export interface DocsOwner {
  /** Component name in the default namespace. */
  name: string;
  /** Canonical owner ref, e.g. group:default/team-x. */
  owner: string;
}

const VOCABULARY = (
  'deploy rollout canary rollback pipeline build release cache latency throughput retry timeout queue consumer producer ' +
  'schema migration index replica failover backup restore alert dashboard metric trace span log incident runbook oncall ' +
  'escalation quota limit token session certificate secret vault policy permission audit review checklist onboarding ' +
  'architecture overview endpoint request response payload webhook event stream batch scheduler cron worker shard ' +
  'partition cluster node container image registry helm chart manifest config environment staging production sandbox'
).split(' ');
const HEADINGS = ['Overview', 'Getting started', 'Configuration', 'Deployment', 'Monitoring', 'Troubleshooting', 'Runbook', 'API usage'];
const WORDS_PER_PAGE = 300;

export function benchDocsDocuments(owners: readonly DocsOwner[], pages: number, seed: string): Iterable<SearchDocument> {
  return {
    *[Symbol.iterator]() {
      const rng = createRng(`${seed}-docs`);
      for (let i = 0; i < pages; i++) {
        const component = owners[i % owners.length];
        const heading = rng.pick(HEADINGS);
        const words = Array.from({ length: WORDS_PER_PAGE }, () => rng.pick(VOCABULARY));
        const anchor = heading.toLowerCase().replace(/\s+/g, '-');
        const entityRef = `component:default/${component.name}`;
        yield {
          key: `${entityRef}/page-${i}`,
          title: `${component.name}: ${heading} ${rng.pick(VOCABULARY)}`,
          text: `${heading}. ${words.join(' ')}`,
          location: `/docs/default/component/${component.name}/page-${i}#${anchor}`,
          fields: { entityRef, kind: 'component', owner: component.owner },
          filters: { kind: ['component'], owner: [component.owner] },
        };
      }
    },
  };
}

/** A plugin contributing a `techdocs` collator of `pages` synthetic pages spread over `owners`. */
export function benchDocsPlugin(owners: readonly DocsOwner[], pages: number, seed: string): Plugin {
  if (owners.length === 0) throw new Error('benchDocsPlugin needs at least one component');
  const collator: SearchCollator = {
    type: 'techdocs',
    async *all() {
      yield* benchDocsDocuments(owners, pages, seed);
    },
  };
  return definePlugin({ id: 'bench-docs', register: (ctx) => ctx.contribute(searchCollators, collator) });
}
