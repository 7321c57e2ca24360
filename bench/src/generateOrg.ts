import type { Entity, GeneratedKind } from './entity';
import { refOf } from './entityRefs';
import { referencesOf } from './entityReferences';
import { createRng } from './prng';

// A synthetic but plausible organisation in Backstage's YAML format. Pure and
// deterministic: the same (entities, seed) always gives the same org, so a
// data directory can be reused across runs and figures compared over time.
// Bump GENERATOR_VERSION whenever the output changes, so stale data
// directories are regenerated instead of silently reused.

export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 'greenroom';
/** Below this the proportions cannot give at least one entity of each kind. */
export const MIN_ENTITIES = 50;
/** Roughly how many documents go in one YAML file. */
export const ENTITIES_PER_FILE = 100;

export type KindCounts = Record<GeneratedKind, number>;

export interface OrgFile {
  /** Relative to the org directory, `/`-separated. */
  path: string;
  entities: Entity[];
}

export interface OrgSamples {
  /** The component with the most dependencies, and their canonical refs. */
  componentWithDeps: { name: string; ref: string; dependsOn: string[] };
  /** The group that owns the most entities, and how many. */
  groupWithManyOwned: { name: string; ref: string; ownedCount: number };
  /** The team with the deepest hierarchy: its ref, then each parent up to a root. */
  teamParentChain: string[];
}

export interface GeneratedOrg {
  seed: string;
  entities: Entity[];
  files: OrgFile[];
  counts: KindCounts;
  samples: OrgSamples;
}

export interface GenerateOrgOptions {
  entities: number;
  seed?: string;
}

/** Shares for 100,000 entities; components take whatever is left. */
const SHARES: Omit<KindCounts, 'Component'> = {
  Domain: 0.001,
  System: 0.009,
  Group: 0.03,
  User: 0.15,
  API: 0.15,
  Resource: 0.11,
};

export function kindCounts(total: number): KindCounts {
  if (!Number.isInteger(total) || total < MIN_ENTITIES) {
    throw new Error(`entities must be an integer ≥ ${MIN_ENTITIES}, got ${total}`);
  }
  const share = (kind: keyof typeof SHARES, min: number) => Math.max(min, Math.round(total * SHARES[kind]));
  // At least one department and one team, so the hierarchy is never empty.
  const counts = {
    Domain: share('Domain', 1),
    System: share('System', 1),
    Group: share('Group', 2),
    User: share('User', 1),
    API: share('API', 1),
    Resource: share('Resource', 1),
  };
  const rest = Object.values(counts).reduce((a, b) => a + b, 0);
  return { ...counts, Component: total - rest };
}

const BUSINESS_WORDS = [
  'payments',
  'checkout',
  'ledger',
  'billing',
  'search',
  'catalog',
  'inventory',
  'shipping',
  'identity',
  'profile',
  'notify',
  'messaging',
  'pricing',
  'orders',
  'basket',
  'reviews',
  'media',
  'analytics',
  'reporting',
  'fraud',
  'risk',
  'loyalty',
  'booking',
  'routing',
  'geo',
  'maps',
  'content',
  'feed',
  'recommend',
  'adverts',
  'invoice',
  'tax',
  'audit',
  'onboarding',
  'support',
  'chat',
  'email',
  'export',
  'warehouse',
  'returns',
] as const;
const COMPONENT_WORDS = [
  'service',
  'worker',
  'gateway',
  'adapter',
  'engine',
  'store',
  'indexer',
  'scheduler',
  'sync',
  'proxy',
  'web',
  'portal',
  'frontend',
  'sdk',
  'client',
  'lib',
  'processor',
  'collector',
  'exporter',
  'backend',
] as const;
const SYSTEM_WORDS = ['platform', 'suite', 'system', 'hub', 'core'] as const;
const FIRST_NAMES = [
  'ada',
  'alan',
  'grace',
  'linus',
  'margaret',
  'dennis',
  'barbara',
  'ken',
  'frances',
  'edsger',
  'radia',
  'tim',
  'hedy',
  'john',
  'katherine',
  'niklaus',
  'sophie',
  'bjarne',
  'anita',
  'guido',
] as const;
const LAST_NAMES = [
  'lovelace',
  'turing',
  'hopper',
  'torvalds',
  'hamilton',
  'ritchie',
  'liskov',
  'thompson',
  'allen',
  'dijkstra',
  'perlman',
  'berners-lee',
  'lamarr',
  'mccarthy',
  'johnson',
  'wirth',
  'wilson',
  'stroustrup',
  'borg',
  'van-rossum',
] as const;
const LANGUAGES = ['java', 'go', 'python', 'typescript', 'kotlin', 'rust'] as const;
const EXTRA_TAGS = ['grpc', 'rest', 'kafka', 'graphql', 'batch', 'pci', 'gdpr', 'internal'] as const;

interface GroupDraft {
  name: string;
  type: 'department' | 'team';
  parent?: number;
  children: number[];
  members: string[];
}

interface SystemDraft {
  name: string;
  owner: string;
  components: number[];
  resources: number[];
  apis: number[];
}

interface ComponentDraft {
  entity: Entity;
  system: number;
  owner: string;
  providesApis: string[];
}

export function generateOrg(options: GenerateOrgOptions): GeneratedOrg {
  const seed = options.seed ?? DEFAULT_SEED;
  const counts = kindCounts(options.entities);
  const rng = createRng(`${seed}:${options.entities}`);
  const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const titleOf = (name: string) => name.split(/[-.]/).map(capitalise).join(' ');
  // Owners are written both ways real catalogs write them, so the server's
  // reference parsing is exercised, not just its happy path.
  const ownerRef = (team: string) => (rng.chance(0.2) ? `group:${team}` : team);

  // Groups: departments form a random tree (a few roots, varied depth);
  // every team hangs under one department.
  const departmentCount = Math.max(1, Math.round(counts.Group * 0.12));
  const rootCount = Math.max(1, Math.round(departmentCount * 0.1));
  const groups: GroupDraft[] = [];
  for (let i = 0; i < counts.Group; i++) {
    const isDepartment = i < departmentCount;
    const word = rng.pick(BUSINESS_WORDS);
    const parent = isDepartment ? (i < rootCount ? undefined : rng.int(0, i - 1)) : rng.int(0, departmentCount - 1);
    groups.push({
      name: isDepartment ? `${word}-department-${i}` : `${word}-team-${i}`,
      type: isDepartment ? 'department' : 'team',
      parent,
      children: [],
      members: [],
    });
    if (parent !== undefined) groups[parent].children.push(i);
  }
  const teams = groups.slice(departmentCount);
  const departments = groups.slice(0, departmentCount);
  const pickOwnerTeam = () => teams[rng.skewedIndex(teams.length)].name;

  const users: Entity[] = [];
  for (let i = 0; i < counts.User; i++) {
    const name = `${rng.pick(FIRST_NAMES)}.${rng.pick(LAST_NAMES)}.${i}`;
    const memberOf = rng.sample(teams, rng.chance(0.1) ? 2 : 1);
    for (const team of memberOf) team.members.push(name);
    users.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name },
      spec: {
        profile: { displayName: titleOf(name.replace(/\.\d+$/, '')), email: `${name}@example.com` },
        memberOf: memberOf.map((t) => t.name),
      },
    });
  }

  const domains: Entity[] = [];
  for (let i = 0; i < counts.Domain; i++) {
    const name = `${rng.pick(BUSINESS_WORDS)}-domain-${i}`;
    domains.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name, title: titleOf(name), description: `Everything about ${name.split('-')[0]}.` },
      spec: { owner: ownerRef(rng.pick(departments).name) },
    });
  }

  const systems: SystemDraft[] = [];
  const systemEntities: Entity[] = [];
  for (let i = 0; i < counts.System; i++) {
    const name = `${rng.pick(BUSINESS_WORDS)}-${rng.pick(SYSTEM_WORDS)}-${i}`;
    const owner = pickOwnerTeam();
    // Round-robin first so that every domain has at least one system.
    const domain = i < domains.length ? domains[i] : rng.pick(domains);
    systems.push({ name, owner, components: [], resources: [], apis: [] });
    systemEntities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name, title: titleOf(name), description: `The ${name.split('-')[0]} system.` },
      spec: { owner: ownerRef(owner), domain: domain.metadata.name },
    });
  }
  // Most things in a system belong to the system's team; some to others.
  const ownerWithin = (system: SystemDraft) => (rng.chance(0.7) ? system.owner : pickOwnerTeam());

  const resources: Entity[] = [];
  for (let i = 0; i < counts.Resource; i++) {
    const systemIndex = rng.int(0, systems.length - 1);
    const system = systems[systemIndex];
    const type = rng.chance(0.6) ? 'database' : 's3-bucket';
    const name = `${rng.pick(BUSINESS_WORDS)}-${type === 'database' ? 'db' : 'bucket'}-${i}`;
    system.resources.push(i);
    resources.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name, title: titleOf(name) },
      spec: { type, owner: ownerRef(ownerWithin(system)), system: system.name },
    });
  }

  const components: ComponentDraft[] = [];
  for (let i = 0; i < counts.Component; i++) {
    const systemIndex = rng.int(0, systems.length - 1);
    const system = systems[systemIndex];
    const name = `${rng.pick(BUSINESS_WORDS)}-${rng.pick(COMPONENT_WORDS)}-${i}`;
    const owner = ownerWithin(system);
    // Dependencies only point at earlier components, so the graph is a DAG
    // like a real build graph; most stay inside their own system.
    const dependsOn = new Set<string>();
    const wantedComponents = i === 0 ? 0 : rng.int(0, 4);
    for (let d = 0; d < wantedComponents; d++) {
      const local = system.components.length > 0 && rng.chance(0.7);
      const target = local ? rng.pick(system.components) : rng.int(0, i - 1);
      const targetName = components[target].entity.metadata.name;
      dependsOn.add(rng.chance(0.1) ? `component:default/${targetName}` : `component:${targetName}`);
    }
    const wantedResources = rng.int(0, 2);
    for (let d = 0; d < wantedResources; d++) {
      const pool = system.resources.length > 0 && rng.chance(0.8) ? system.resources : undefined;
      const target = pool ? rng.pick(pool) : rng.int(0, resources.length - 1);
      dependsOn.add(`resource:${resources[target].metadata.name}`);
    }
    const type = rng.chance(0.55) ? 'service' : rng.chance(0.33) ? 'website' : 'library';
    const lifecycle = rng.chance(0.7) ? 'production' : rng.chance(0.66) ? 'experimental' : 'deprecated';
    const tags = [rng.pick(LANGUAGES), ...rng.sample(EXTRA_TAGS, rng.int(0, 2))];
    const annotations: Record<string, string> = {
      'github.com/project-slug': `acme/${name}`,
      'backstage.io/source-location': `url:https://github.example.com/acme/${name}/tree/main/`,
    };
    if (rng.chance(0.2)) annotations['pagerduty.com/service-id'] = `P${i.toString(36).toUpperCase()}`;
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        title: titleOf(name),
        description: `A ${type} of the ${system.name} system.`,
        tags,
        annotations,
        ...(rng.chance(0.3)
          ? {
              links: [
                { url: `https://dashboards.example.com/d/${name}`, title: 'Dashboard', icon: 'dashboard' },
                { url: `https://runbooks.example.com/${name}`, title: 'Runbook' },
              ],
            }
          : {}),
      },
      spec: {
        type,
        lifecycle,
        owner: ownerRef(owner),
        system: system.name,
        ...(dependsOn.size > 0 ? { dependsOn: [...dependsOn] } : {}),
      },
    };
    system.components.push(i);
    components.push({ entity, system: systemIndex, owner, providesApis: [] });
  }

  const apis: Entity[] = [];
  for (let i = 0; i < counts.API; i++) {
    // Each API is provided by one component and lives in that component's system.
    const provider = components[rng.int(0, components.length - 1)];
    const system = systems[provider.system];
    const word = rng.pick(BUSINESS_WORDS);
    const name = `${word}-api-${i}`;
    provider.providesApis.push(name);
    system.apis.push(i);
    apis.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name, title: titleOf(name), description: `The ${word} API.` },
      spec: {
        type: 'openapi',
        lifecycle: rng.chance(0.8) ? 'production' : 'experimental',
        owner: ownerRef(provider.owner),
        system: system.name,
        definition: openApiDefinition(titleOf(name), word),
      },
    });
  }
  for (const component of components) {
    const spec = component.entity.spec;
    if (component.providesApis.length > 0) spec.providesApis = component.providesApis;
    if (rng.chance(0.5)) {
      const consumed = rng
        .sample(apis, rng.int(1, 3))
        .map((api) => api.metadata.name)
        .filter((name) => !component.providesApis.includes(name));
      if (consumed.length > 0) spec.consumesApis = consumed;
    }
  }

  const groupEntities = groups.map((group): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: group.name, title: titleOf(group.name) },
    spec: {
      type: group.type,
      profile: { displayName: titleOf(group.name), email: `${group.name}@example.com` },
      ...(group.parent !== undefined ? { parent: groups[group.parent].name } : {}),
      children: group.children.map((c) => groups[c].name),
      ...(group.members.length > 0 ? { members: group.members } : {}),
    },
  }));

  const componentEntities = components.map((c) => c.entity);
  const entities = [...domains, ...systemEntities, ...groupEntities, ...users, ...resources, ...componentEntities, ...apis];

  const files: OrgFile[] = [
    ...chunkFiles('domains/domains', domains),
    ...chunkFiles('org/groups', groupEntities),
    ...chunkFiles('org/users', users),
  ];
  systems.forEach((system, i) => {
    files.push(
      ...chunkFiles(`systems/${system.name}/entities`, [
        systemEntities[i],
        ...system.resources.map((r) => resources[r]),
        ...system.components.map((c) => componentEntities[c]),
        ...system.apis.map((a) => apis[a]),
      ]),
    );
  });

  return {
    seed,
    entities,
    files,
    counts,
    samples: {
      componentWithDeps: pickComponentWithDeps(componentEntities),
      groupWithManyOwned: pickGroupWithManyOwned(entities),
      teamParentChain: deepestTeamChain(groups, departmentCount),
    },
  };
}

function chunkFiles(prefix: string, entities: Entity[]): OrgFile[] {
  const files: OrgFile[] = [];
  for (let start = 0; start < entities.length; start += ENTITIES_PER_FILE) {
    const number = String(files.length + 1).padStart(3, '0');
    files.push({ path: `${prefix}-${number}.yaml`, entities: entities.slice(start, start + ENTITIES_PER_FILE) });
  }
  return files;
}

function openApiDefinition(title: string, word: string): string {
  return [
    'openapi: 3.0.3',
    'info:',
    `  title: ${title}`,
    '  version: 1.0.0',
    'paths:',
    `  /${word}:`,
    '    get:',
    `      summary: List ${word}`,
    '      responses:',
    "        '200':",
    '          description: OK',
    '',
  ].join('\n');
}

function pickComponentWithDeps(components: Entity[]): OrgSamples['componentWithDeps'] {
  let best: OrgSamples['componentWithDeps'] | undefined;
  for (const component of components) {
    const dependsOn = referencesOf(component)
      .filter((r) => r.relation === 'dependsOn')
      .map((r) => r.targetRef);
    if (!best || dependsOn.length > best.dependsOn.length) {
      best = { name: component.metadata.name, ref: refOf('component', component.metadata.name), dependsOn };
    }
  }
  if (!best || best.dependsOn.length === 0) throw new Error('No component has dependencies');
  return best;
}

function pickGroupWithManyOwned(entities: Entity[]): OrgSamples['groupWithManyOwned'] {
  const owned = new Map<string, number>();
  for (const entity of entities) {
    for (const ref of referencesOf(entity)) {
      if (ref.relation === 'ownedBy') owned.set(ref.targetRef, (owned.get(ref.targetRef) ?? 0) + 1);
    }
  }
  let best: [string, number] | undefined;
  for (const entry of owned) if (!best || entry[1] > best[1]) best = entry;
  if (!best) throw new Error('No entity has an owner');
  const name = best[0].slice(best[0].indexOf('/') + 1);
  return { name, ref: best[0], ownedCount: best[1] };
}

function deepestTeamChain(groups: GroupDraft[], firstTeam: number): string[] {
  let best: string[] = [];
  for (let i = firstTeam; i < groups.length; i++) {
    const chain: string[] = [];
    for (let g: number | undefined = i; g !== undefined; g = groups[g].parent) chain.push(refOf('group', groups[g].name));
    if (chain.length > best.length) best = chain;
  }
  return best;
}
