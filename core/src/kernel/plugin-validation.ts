import { z } from 'zod';
import { CronExpressionParser } from 'cron-parser';
import type { PluginEntry, PluginManifest } from './plugin.js';

const NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
const EVENT_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** Paths the core serves; no plugin route may match them. */
const RESERVED_PATHS = ['/graphql', '/admin/graphql', '/health', '/ready'];

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function');

const manifestShape = z.object({
  name: z.string().regex(NAME, 'must be a package-like name, e.g. @acme/plaza-plugin-gifts or acme.gifts'),
  version: z.string().regex(SEMVER, 'must be a semver version like 1.0.0'),
  requires: z.array(z.string()).optional(),
  configSchema: z.custom((v) => v === undefined || (typeof v === 'object' && v !== null && 'safeParse' in v), 'must be a zod schema').optional(),
  register: fn.optional(),
  migrations: z.array(z.object({ name: z.string().min(1), up: fn, down: fn.optional() })).optional(),
  events: z
    .array(z.object({ name: z.string().regex(EVENT_NAME, 'must look like "area.something_happened"'), description: z.string(), payload: z.any() }))
    .optional(),
  subscribers: z.record(z.string(), fn).optional(),
  jobs: z.array(z.object({ name: z.string().min(1), run: fn, cron: z.string().optional() })).optional(),
  permissions: z.array(z.object({ code: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'must look like "area.action"'), description: z.string() })).optional(),
  platformTypes: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'must be a short lowercase code like "pos"'),
        label: z.string().min(1),
        description: z.string(),
        settingsSchema: z.custom((v) => typeof v === 'object' && v !== null && 'safeParse' in v, 'must be a zod schema'),
        capabilities: z.array(z.string()),
      }),
    )
    .optional(),
  stepTypes: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'must look like "area.step_name"'),
        label: z.string().min(1),
        description: z.string(),
        kind: z.enum(['guard', 'action']),
        configSchema: z.custom((v) => typeof v === 'object' && v !== null && 'safeParse' in v, 'must be a zod schema'),
        execution: z.enum(['transaction', 'job']).optional(),
        check: fn.optional(),
        run: fn.optional(),
        compensate: fn.optional(),
      }).refine((s) => (s.kind === 'guard' ? typeof s.check === 'function' : typeof s.run === 'function' && s.execution !== undefined), {
        message: 'a guard needs check(); an action needs run() and execution "transaction" or "job"',
      }),
    )
    .optional(),
  processKinds: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a short lowercase code like "order"'),
        label: z.string().min(1),
        description: z.string(),
        subjectType: z.string().min(1),
        subjectKey: z.string().min(1),
      }),
    )
    .optional(),
  httpRoutes: z
    .array(
      z.object({
        method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
        path: z
          .string()
          .regex(/^\/[A-Za-z0-9._~\-/]*(\/\*)?$/, 'must be an absolute path, optionally ending with "/*" for a prefix')
          .refine((p) => !RESERVED_PATHS.some((r) => p === r || p === `${r}/*` || (p.endsWith('/*') && r.startsWith(p.slice(0, -1)))), {
            message: `must not shadow ${'/graphql, /admin/graphql, /health or /ready'}`,
          }),
        maxBodyBytes: z.number().int().positive().max(64 * 1024 * 1024).optional(),
        handler: fn,
      }),
    )
    .optional(),
  onReady: fn.optional(),
  onClose: fn.optional(),
});

/** Checks one manifest's shape; returns readable problems (without the plugin name). */
export function checkManifestShape(manifest: unknown): string[] {
  const result = manifestShape.safeParse(manifest);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.') || 'manifest'}: ${issue.message}`);
}

/** Parses a plugin's options with its configSchema; returns the value or the problems. */
export function parsePluginConfig(entry: PluginEntry): { value: unknown; problems: string[] } {
  const schema = entry.plugin.configSchema;
  if (!schema) return { value: entry.options ?? {}, problems: [] };
  const result = schema.safeParse(entry.options ?? {});
  if (result.success) return { value: result.data, problems: [] };
  return {
    value: undefined,
    problems: result.error.issues.map((issue) => `option "${issue.path.join('.') || '(root)'}": ${issue.message}`),
  };
}

/** Checks names that must be unique or known across all plugins (events, jobs, permissions, subscriptions). */
export function checkCrossPluginNames(plugins: readonly PluginManifest[]): string[] {
  const problems: string[] = [];
  const owners = {
    event: new Map<string, string>(),
    job: new Map<string, string>(),
    permission: new Map<string, string>(),
    'platform type': new Map<string, string>(),
    'step type': new Map<string, string>(),
    'process kind': new Map<string, string>(),
    'HTTP route': new Map<string, string>(),
  };
  const claim = (kind: keyof typeof owners, name: string, plugin: string): void => {
    const owner = owners[kind].get(name);
    if (owner) problems.push(`plugin "${plugin}" declares ${kind} "${name}", already declared by "${owner}"`);
    else owners[kind].set(name, plugin);
  };
  for (const plugin of plugins) {
    for (const event of plugin.events ?? []) claim('event', event.name, plugin.name);
    for (const job of plugin.jobs ?? []) {
      claim('job', job.name, plugin.name);
      if (job.cron) {
        try {
          CronExpressionParser.parse(job.cron, { tz: job.timezone ?? 'UTC' });
        } catch (error) {
          problems.push(`plugin "${plugin.name}" job "${job.name}" has an invalid cron "${job.cron}": ${(error as Error).message}`);
        }
      }
    }
    for (const permission of plugin.permissions ?? []) claim('permission', permission.code, plugin.name);
    for (const type of plugin.platformTypes ?? []) claim('platform type', type.code, plugin.name);
    for (const step of plugin.stepTypes ?? []) claim('step type', step.code, plugin.name);
    for (const kind of plugin.processKinds ?? []) claim('process kind', kind.code, plugin.name);
    for (const route of plugin.httpRoutes ?? []) claim('HTTP route', `${route.method} ${route.path}`, plugin.name);
  }
  const known = [...owners.event.keys()];
  for (const plugin of plugins) {
    for (const eventName of Object.keys(plugin.subscribers ?? {})) {
      if (eventName !== '*' && !owners.event.has(eventName)) {
        const hint = closest(eventName, known);
        problems.push(`plugin "${plugin.name}" subscribes to unknown event "${eventName}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
      }
    }
  }
  return problems;
}

function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const temp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = temp;
    }
  }
  return row[b.length]!;
}
