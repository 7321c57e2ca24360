import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** Thrown when greenroom.yaml is missing, unreadable or wrong; the message names the file and key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const allowedHostSchema = z.strictObject({
  host: z.string().min(1),
  paths: z.array(z.string().startsWith('/')).optional(),
});

const locationSchema = z.strictObject({
  type: z.enum(['file', 'url']),
  target: z.string().min(1),
  rules: z.array(z.lazy(() => ruleSchema)).optional(),
});

const ruleSchema = z.strictObject({
  allow: z.array(z.string().min(1)),
  locations: z.array(z.strictObject({ type: z.string(), target: z.string().optional(), pattern: z.string().optional() })).optional(),
});

const customKindSchema = z.strictObject({
  kind: z.string().regex(/^[a-zA-Z][a-z0-9A-Z]*$/, 'must be a kind name such as Widget'),
  apiVersions: z.array(z.string().min(1)).min(1),
  schema: z.record(z.string(), z.unknown()),
});

const integrationHost = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'must be a host name, optionally with :port');

const githubIntegrationSchema = z.strictObject({
  host: integrationHost.default('github.com'),
  token: z.string().min(1).optional(),
  /** REST API root; https://api.github.com for github.com, `https://<host>/api/v3` for GitHub Enterprise. */
  apiBaseUrl: z.string().url().optional(),
});

const gitlabIntegrationSchema = z.strictObject({
  host: integrationHost.default('gitlab.com'),
  token: z.string().min(1).optional(),
  /** REST API root without `/api/v4`; `https://<host>` when absent. */
  apiBaseUrl: z.string().url().optional(),
});

const gitIntegrationSchema = z.strictObject({
  host: integrationHost,
  /** Repositories live at `<baseUrl>/<owner>/<repo>.git`; `https://<host>` when absent. */
  baseUrl: z.string().url().optional(),
  username: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
});

const sizeSchema = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d+(\.\d+)?\s*(B|KB|MB|GB)?$/i, 'must be a size such as 5MB or a number of bytes')
    .transform(parseSize),
]);

/** A YAML condition on a catalog entity in a permission rule (Backstage's catalog rules, as config). */
const keyValueSchema = z.union([z.string().min(1), z.strictObject({ key: z.string().min(1), value: z.string().optional() })]);
export type PolicyConditionConfig =
  | { allOf: PolicyConditionConfig[] }
  | { anyOf: PolicyConditionConfig[] }
  | { not: PolicyConditionConfig }
  | { isEntityOwner: true }
  | { isEntityKind: string[] }
  | { hasAnnotation: z.infer<typeof keyValueSchema> }
  | { hasLabel: z.infer<typeof keyValueSchema> }
  | { hasMetadata: z.infer<typeof keyValueSchema> }
  | { hasSpec: z.infer<typeof keyValueSchema> };
const policyConditionSchema: z.ZodType<PolicyConditionConfig> = z.lazy(() =>
  z.union([
    z.strictObject({ allOf: z.array(policyConditionSchema).min(1) }),
    z.strictObject({ anyOf: z.array(policyConditionSchema).min(1) }),
    z.strictObject({ not: policyConditionSchema }),
    z.strictObject({ isEntityOwner: z.literal(true) }),
    z.strictObject({ isEntityKind: z.array(z.string().min(1)).min(1) }),
    z.strictObject({ hasAnnotation: keyValueSchema }),
    z.strictObject({ hasLabel: keyValueSchema }),
    z.strictObject({ hasMetadata: keyValueSchema }),
    z.strictObject({ hasSpec: keyValueSchema }),
  ]),
);

const permissionRuleSchema = z.strictObject({
  /** Permission names, or patterns such as `catalog.*` and `*`. */
  permissions: z.array(z.string().min(1)).min(1),
  /** Roles the rule applies to; every caller when absent. */
  roles: z.array(z.string().min(1)).min(1).optional(),
  /** Only on resources (catalog entities) matching this; turns into a database filter for lists. */
  if: policyConditionSchema.optional(),
  decision: z.enum(['allow', 'deny']),
});
export type PermissionRuleConfig = z.infer<typeof permissionRuleSchema>;

const signInResolverSchema = z.discriminatedUnion('match', [
  /** The provider's verified email equals the User's `spec.profile.email`. */
  z.strictObject({ match: z.literal('email') }),
  /** The part of the email before `@` is the User's `metadata.name`. */
  z.strictObject({ match: z.literal('emailLocalPart') }),
  /** A claim of the provider's profile (e.g. `preferred_username`, GitHub's `login`) is the User's `metadata.name`. */
  z.strictObject({ match: z.literal('name'), claim: z.string().min(1).default('preferred_username') }),
  /** A claim equals the value of an annotation on the User, e.g. `github.com/user-login` = `login`. */
  z.strictObject({ match: z.literal('annotation'), annotation: z.string().min(1), claim: z.string().min(1) }),
]);
export type SignInResolverConfig = z.infer<typeof signInResolverSchema>;

const configTokenSchema = z.strictObject({
  /** Who the token acts as: the service `service:<name>` (roles may name it). */
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be a lowercase name such as ci or deploy-bot'),
  /** SHA-256 of the token, hex; the token itself is never written in config (`greenroom auth hash-token`). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the hex SHA-256 of the token'),
  scopes: z.array(z.string().min(1)).min(1).default(['*']),
  expiresAt: z.coerce.date().optional(),
});

const authSchema = z
  .strictObject({
    /** Anyone may use the portal as `user:default/guest`. On when no provider is configured, off otherwise. */
    guest: z.boolean().optional(),
    session: z
      .strictObject({
        /** Signs the short-lived sign-in cookie; set it when several replicas serve one portal. */
        secret: z.string().min(32, 'must be at least 32 characters').optional(),
        /** A session unused for this long ends; each use extends it. */
        idleMinutes: z
          .number()
          .int()
          .positive()
          .default(8 * 60),
        /** A session ends this long after sign-in, used or not. */
        maxAgeHours: z
          .number()
          .int()
          .positive()
          .default(7 * 24),
      })
      .prefault({}),
    providers: z
      .strictObject({
        oidc: z
          .strictObject({
            issuer: z.string().url(),
            clientId: z.string().min(1),
            clientSecret: z.string().min(1),
            title: z.string().min(1).default('OpenID Connect'),
            scope: z.string().min(1).default('openid profile email'),
          })
          .optional(),
        github: z
          .strictObject({
            clientId: z.string().min(1),
            clientSecret: z.string().min(1),
            title: z.string().min(1).default('GitHub'),
            /** Where users sign in; a GitHub Enterprise server's URL. */
            baseUrl: z.string().url().default('https://github.com'),
            /** REST API root; `<baseUrl>/api/v3` for GitHub Enterprise. */
            apiBaseUrl: z.string().url().default('https://api.github.com'),
          })
          .optional(),
      })
      .prefault({}),
    signIn: z
      .strictObject({
        /** Tried in order; the first that finds exactly one User entity signs the user in. */
        resolvers: z
          .array(signInResolverSchema)
          .min(1)
          .default([{ match: 'email' }]),
        /** Lets people without a User entity in the catalog sign in (as `user:default/<name>`). */
        allowWithoutUserEntity: z.boolean().default(false),
      })
      .prefault({}),
    /** Tokens for CI and other services, sent as `Authorization: Bearer …`. */
    tokens: z.array(configTokenSchema).default([]),
    /** Sign-in attempts one client address may make per minute. */
    signInRateLimit: z.number().int().positive().default(20),
  })
  .prefault({});

const permissionSchema = z.strictObject({
  /** Role name → who holds it: user or group refs (members of child groups too), `service:<name>`, or `*` (anyone signed in). */
  roles: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'role names are lowercase, e.g. admin'), z.array(z.string().min(1))).default({}),
  /** Tried in order; the first rule whose permission, role and condition match decides. */
  rules: z.array(permissionRuleSchema).default([]),
  /** The decision when no rule matches. */
  default: z.enum(['allow', 'deny']).default('deny'),
});
export type PermissionConfig = z.infer<typeof permissionSchema>;

export const configSchema = z.strictObject({
  server: z
    .strictObject({
      port: z.coerce.number().int().min(0).max(65535).default(7007),
      host: z.string().default('127.0.0.1'),
      baseUrl: z.string().url().optional(),
    })
    .default({ port: 7007, host: '127.0.0.1' }),
  database: z
    .strictObject({
      url: z
        .string()
        .refine((u) => u.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(u), 'must be sqlite:<path> or postgres://…')
        .default('sqlite:./data/greenroom.db'),
    })
    .default({ url: 'sqlite:./data/greenroom.db' }),
  catalog: z
    .strictObject({
      rules: z.array(ruleSchema).default([{ allow: ['Component', 'API', 'Location'] }]),
      locations: z.array(locationSchema).default([]),
      refresh: z.strictObject({ intervalSeconds: z.number().int().min(0).default(120) }).default({ intervalSeconds: 120 }),
      maxEntitySize: sizeSchema.default(5 * 1024 * 1024),
      customKinds: z.array(customKindSchema).default([]),
      readonly: z.boolean().default(false),
    })
    .default({
      rules: [{ allow: ['Component', 'API', 'Location'] }],
      locations: [],
      refresh: { intervalSeconds: 120 },
      maxEntitySize: 5 * 1024 * 1024,
      customKinds: [],
      readonly: false,
    }),
  reading: z
    .strictObject({
      allow: z.array(allowedHostSchema).default([]),
      gitHosts: z.array(z.string()).default([]),
      fileRoots: z.array(z.string()).default(['.']),
      timeoutMs: z.number().int().positive().default(10_000),
      /** A git repository is fetched at most this often; reads in between use the local clone. */
      gitFetchIntervalMs: z.number().int().min(0).default(5_000),
      /** Largest file read; one file may hold many entities, each limited by catalog.maxEntitySize. */
      maxBytes: sizeSchema.default(64 * 1024 * 1024),
    })
    .default({ allow: [], gitHosts: [], fileRoots: ['.'], timeoutMs: 10_000, gitFetchIntervalMs: 5_000, maxBytes: 64 * 1024 * 1024 }),
  scaffolder: z
    .strictObject({
      /** Tasks one server runs at the same time; 0 makes a server that accepts tasks but never runs them. */
      concurrentTasksLimit: z.number().int().min(0).default(4),
      /** Where task workspaces are created; `<dataDir>/scaffolder` when absent. Relative to the config file. */
      workspaceDir: z.string().min(1).optional(),
      /** A task whose worker has not written a heartbeat for this long is failed by any server. */
      staleTaskSeconds: z.number().int().positive().default(120),
      /** Hosts RepoUrlPicker offers and publish:* actions may push to, e.g. github.com. */
      allowedHosts: z.array(z.string().min(1)).default([]),
      /** Author of the commits publish:* actions make. */
      gitAuthor: z
        .strictObject({ name: z.string().min(1).default('Greenroom'), email: z.string().min(1).default('scaffolder@greenroom.invalid') })
        .prefault({}),
      defaultCommitMessage: z.string().min(1).default('Initial commit'),
      secretsKey: z.string().min(1).optional(), // encrypts task secrets at rest; absent: a random key in <dataDir>/scaffolder-secrets.key
    })
    .prefault({}),
  auth: authSchema,
  /** The permission policy; without it, anyone who may use the portal may do everything. */
  permission: permissionSchema.optional(),
  /** Credentials and API endpoints per code host (Backstage's `integrations` shape); secrets here are never logged. */
  integrations: z
    .strictObject({
      github: z.array(githubIntegrationSchema).default([]),
      gitlab: z.array(gitlabIntegrationSchema).default([]),
      /** Any git host over http(s): where repositories live and how to authenticate. */
      git: z.array(gitIntegrationSchema).default([]),
    })
    .prefault({}),
  techdocs: z
    .strictObject({
      /** Where built sites are stored: `<dataDir>/techdocs` by default, or an S3-compatible bucket. */
      publisher: z
        .discriminatedUnion('type', [
          z.strictObject({ type: z.literal('local') }),
          z.strictObject({
            type: z.literal('awsS3'),
            bucket: z.string().min(1),
            region: z.string().min(1).default('us-east-1'),
            /** An S3-compatible service's URL (MinIO, Ceph, R2, …); AWS when absent. */
            endpoint: z.string().url().optional(),
            forcePathStyle: z.boolean().default(false),
            /** Static keys; the AWS SDK's default chain (environment, profile, role) when absent. */
            credentials: z
              .strictObject({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1), sessionToken: z.string().optional() })
              .optional(),
          }),
        ])
        .prefault({ type: 'local' }),
      build: z
        .strictObject({
          /** Documentation builds one server runs at the same time (they share the CPU with requests). */
          concurrency: z.number().int().min(1).max(4).default(1),
        })
        .prefault({}),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema> & {
  /** Directory the config file lives in; relative paths in config resolve against it. */
  rootDir: string;
  /** Directory for the embedded database, git clones and built artefacts. */
  dataDir: string;
};
/** Guest mode: as configured, else on exactly when no sign-in provider is configured. */
export function isGuestMode(config: Pick<Config, 'auth'>): boolean {
  const { guest, providers } = config.auth;
  return guest ?? !(providers.oidc || providers.github);
}

export type LocationConfig = z.infer<typeof locationSchema>;
export type CatalogRule = z.infer<typeof ruleSchema>;

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?$/i.exec(text.trim())!;
  const unit = (match[2] ?? 'B').toUpperCase();
  const factor = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[unit as 'B']!;
  return Math.round(Number(match[1]) * factor);
}

/** Replaces `${NAME}` with the environment variable; `$${` escapes a literal `${`. */
export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, keyPath: string[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$?\$\{([^}]*)\}/g, (whole, name: string) => {
      if (whole.startsWith('$$')) return whole.slice(1);
      const trimmed = name.trim();
      const found = env[trimmed];
      if (found === undefined) {
        throw new ConfigError(`${keyPath.join('.') || '(root)'}: environment variable ${trimmed} is not set`);
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, env, [...keyPath, String(i)]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env, [...keyPath, k])]));
  }
  return value;
}

/** Validates raw config (already parsed YAML) and applies env overrides. */
export function parseConfig(raw: unknown, options: { rootDir: string; env?: NodeJS.ProcessEnv; source?: string }): Config {
  const env = options.env ?? process.env;
  const source = options.source ?? 'greenroom.yaml';
  const substituted = substituteEnvWithSource(raw ?? {}, env, source);
  const result = configSchema.safeParse(substituted);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in ${source}:\n${lines.join('\n')}`);
  }
  const config = result.data;
  const databaseOverride = env.GREENROOM_DATABASE_URL;
  if (databaseOverride) {
    if (!databaseOverride.startsWith('sqlite:') && !/^postgres(ql)?:\/\//.test(databaseOverride)) {
      throw new ConfigError('GREENROOM_DATABASE_URL: must be sqlite:<path> or postgres://…');
    }
    config.database.url = databaseOverride;
  }
  if (env.PORT) config.server.port = Number(env.PORT);
  const rootDir = options.rootDir;
  return {
    ...config,
    catalog: {
      ...config.catalog,
      // File targets are stored absolute, so the same file is one location whatever the working directory.
      locations: config.catalog.locations.map((l) => (l.type === 'file' ? { ...l, target: path.resolve(rootDir, l.target) } : l)),
    },
    reading: { ...config.reading, fileRoots: config.reading.fileRoots.map((r) => path.resolve(rootDir, r)) },
    rootDir,
    dataDir: path.resolve(rootDir, env.GREENROOM_DATA_DIR ?? 'data'),
  };
}

function substituteEnvWithSource(raw: unknown, env: NodeJS.ProcessEnv, source: string): unknown {
  try {
    return substituteEnv(raw, env);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`Invalid configuration in ${source}: ${error.message}`);
    throw error;
  }
}

/** Reads and validates a greenroom.yaml file. */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read configuration file ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  return parseConfig(raw, { rootDir: path.dirname(path.resolve(file)), env, source: file });
}
