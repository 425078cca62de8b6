import { z } from 'zod';
import type { PluginEntry, PluginManifest } from './plugin.js';
import { PlazaError } from './errors.js';
import { parseDatabaseUrl, type DatabaseTarget } from '../db/database-url.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What a `plaza.config.ts` may set. Environment variables override the matching fields. */
export interface PlazaUserConfig {
  /** HTTP port (env `PORT`, default 9000). */
  port?: number;
  /** Interface to listen on (env `HOST`, default 0.0.0.0). */
  host?: string;
  /** `postgres://…` or `sqlite:<path>` (env `DATABASE_URL`, default `sqlite:.plaza/plaza.sqlite`). */
  databaseUrl?: string;
  /** Signing secret (env `PLAZA_SECRET`); generated into `.plaza/secret` when absent. */
  secret?: string;
  /** pino level (env `LOG_LEVEL`, default info). */
  logLevel?: (typeof LOG_LEVELS)[number];
  /** Where Plaza keeps its local files (default `.plaza`, relative to the working directory). */
  dataDir?: string;
  /** Plugins to load after the core's modules, as manifests or `{ plugin, options }`. */
  plugins?: (PluginManifest | PluginEntry)[];
  gateway?: {
    /** Deepest allowed selection (default 12). */
    maxDepth?: number;
    /** Highest allowed query cost (default 5000). */
    maxCost?: number;
    /** Serve GraphiQL on GET (default true outside production). */
    graphiql?: boolean;
    /**
     * How long the channel API caches anonymous read results per platform key (ms, default
     * 5000; 0 turns the cache off). Any domain event committed in this process clears it, so
     * this bounds how stale another instance's answers can be.
     */
    responseCacheTtlMs?: number;
  };
  events?: {
    /** How often the dispatcher looks for due deliveries when nothing wakes it (ms, default 1000). */
    pollIntervalMs?: number;
    /** Attempts before a delivery is dead-lettered (default 8). */
    maxAttempts?: number;
    /** First retry delay (ms, default 1000), doubled each attempt. */
    backoffMs?: number;
  };
  jobs?: {
    pollIntervalMs?: number;
    /** Jobs run at once per process (default 4). */
    concurrency?: number;
  };
  /** Run the event dispatcher and job worker in this process (default true). */
  worker?: boolean;
  retention?: {
    /** Days delivered events (and their webhook attempts) are kept (default 30). */
    eventsDays?: number;
    /** Days completed jobs are kept (default 14). */
    jobsDays?: number;
  };
  /** Customer messages (see docs/notifications.md). */
  notifications?: {
    /** `smtp://user:pass@host:587` or `smtps://…` (env `SMTP_URL`); without it e-mails are written as .eml files. */
    smtpUrl?: string;
    /** The From address of e-mails (env `SMTP_FROM`, default `Plaza <no-reply@plaza.local>`). */
    from?: string;
    /** Where the file provider writes `.eml` files (default `<dataDir>/outbox`). */
    outboxDir?: string;
  };
}

/** Declares a Plaza configuration (the default export of `plaza.config.ts`). */
export function defineConfig(config: PlazaUserConfig): PlazaUserConfig {
  return config;
}

const portSchema = z.coerce.number().int().min(0).max(65535);

const userConfigSchema = z.object({
  port: portSchema.default(9000),
  host: z.string().min(1).default('0.0.0.0'),
  databaseUrl: z.string().min(1).default('sqlite:.plaza/plaza.sqlite'),
  secret: z.string().min(16, 'must be at least 16 characters').optional(),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  dataDir: z.string().min(1).default('.plaza'),
  plugins: z.array(z.any()).default([]),
  gateway: z
    .object({
      maxDepth: z.number().int().min(2).default(12),
      maxCost: z.number().int().min(10).default(5000),
      graphiql: z.boolean().optional(),
      responseCacheTtlMs: z.number().int().min(0).max(3_600_000).default(5_000),
    })
    .prefault({}),
  events: z
    .object({
      pollIntervalMs: z.number().int().min(10).default(1000),
      maxAttempts: z.number().int().min(1).default(8),
      backoffMs: z.number().int().min(1).default(1000),
    })
    .prefault({}),
  jobs: z
    .object({
      pollIntervalMs: z.number().int().min(10).default(1000),
      concurrency: z.number().int().min(1).max(64).default(4),
    })
    .prefault({}),
  worker: z.boolean().default(true),
  retention: z
    .object({
      eventsDays: z.number().int().min(1).default(30),
      jobsDays: z.number().int().min(1).default(14),
    })
    .prefault({}),
  notifications: z
    .object({
      smtpUrl: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
      from: z.string().min(3).default('Plaza <no-reply@plaza.local>'),
      outboxDir: z.string().min(1).optional(),
    })
    .prefault({}),
});

/** The validated, frozen configuration the kernel runs with. */
export interface ResolvedConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly database: DatabaseTarget;
  /** Undefined until the secret store fills it at boot. */
  readonly secret: string | undefined;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly dataDir: string;
  readonly plugins: readonly PluginEntry[];
  readonly gateway: { readonly maxDepth: number; readonly maxCost: number; readonly graphiql: boolean; readonly responseCacheTtlMs: number };
  readonly events: { readonly pollIntervalMs: number; readonly maxAttempts: number; readonly backoffMs: number };
  readonly jobs: { readonly pollIntervalMs: number; readonly concurrency: number };
  readonly worker: boolean;
  readonly retention: { readonly eventsDays: number; readonly jobsDays: number };
  readonly notifications: { readonly smtpUrl?: string; readonly from: string; readonly outboxDir?: string };
}

/** Environment variables Plaza reads. */
export type PlazaEnv = Record<string, string | undefined>;

function envOverrides(env: PlazaEnv): Partial<PlazaUserConfig> {
  const out: Record<string, unknown> = {};
  if (env.PORT !== undefined && env.PORT !== '') out.port = env.PORT;
  if (env.HOST) out.host = env.HOST;
  if (env.DATABASE_URL) out.databaseUrl = env.DATABASE_URL;
  if (env.PLAZA_SECRET) out.secret = env.PLAZA_SECRET;
  const level = env.PLAZA_LOG_LEVEL ?? env.LOG_LEVEL;
  if (level) out.logLevel = level;
  if (env.SMTP_URL || env.SMTP_FROM) {
    out.notifications = { ...(env.SMTP_URL ? { smtpUrl: env.SMTP_URL } : {}), ...(env.SMTP_FROM ? { from: env.SMTP_FROM } : {}) };
  }
  return out as Partial<PlazaUserConfig>;
}

function toEntry(value: unknown): PluginEntry | string {
  if (value && typeof value === 'object') {
    if ('plugin' in value && value.plugin && typeof value.plugin === 'object') return value as PluginEntry;
    if ('name' in value && 'version' in value) return { plugin: value as PluginManifest };
  }
  return 'is not a plugin manifest (use definePlugin) nor { plugin, options }';
}

/**
 * Validates a user config merged with environment overrides. Every problem is reported in one
 * CONFIG_INVALID error; the result is frozen.
 */
export function resolveConfig(user: PlazaUserConfig = {}, env: PlazaEnv = process.env): ResolvedConfig {
  const overrides = envOverrides(env);
  const merged = { ...user, ...overrides, ...(overrides.notifications ? { notifications: { ...user.notifications, ...overrides.notifications } } : {}) };
  const parsed = userConfigSchema.safeParse(merged);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      const envName = { port: 'PORT', databaseUrl: 'DATABASE_URL', secret: 'PLAZA_SECRET', logLevel: 'LOG_LEVEL' }[key];
      const from = envName && envOverrides(env)[key as keyof PlazaUserConfig] !== undefined ? ` (from ${envName})` : '';
      problems.push(`${key}${from}: ${issue.message}`);
    }
  }
  let database: DatabaseTarget | undefined;
  if (parsed.success) {
    try {
      database = parseDatabaseUrl(parsed.data.databaseUrl);
    } catch (error) {
      problems.push(`databaseUrl: ${(error as Error).message}`);
    }
  }
  const plugins: PluginEntry[] = [];
  (parsed.success ? parsed.data.plugins : []).forEach((value, index) => {
    const entry = toEntry(value);
    if (typeof entry === 'string') problems.push(`plugins[${index}]: ${entry}`);
    else plugins.push(entry);
  });
  if (!parsed.success || !database || problems.length > 0) {
    throw new PlazaError('CONFIG_INVALID', `Plaza's configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      details: { problems },
    });
  }
  const data = parsed.data;
  return Object.freeze({
    ...data,
    secret: data.secret,
    database,
    plugins: Object.freeze(plugins),
    gateway: Object.freeze({ ...data.gateway, graphiql: data.gateway.graphiql ?? env.NODE_ENV !== 'production' }),
    events: Object.freeze(data.events),
    jobs: Object.freeze(data.jobs),
    retention: Object.freeze(data.retention),
    notifications: Object.freeze(data.notifications),
  });
}
