import type { DocumentNode } from 'graphql';
import type { IResolvers } from '@graphql-tools/utils';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { z } from 'zod';
import type { Actor, Ctx, PlatformRef } from './context.js';
import type { AnyStepType, ProcessKindDefinition } from './process-contributions.js';
import type { CustomerActivity, CustomerDataSource } from './customer-data.js';

/** What a plugin's hooks receive: its own child container, its validated config, its logger. */
export interface PluginScope<TConfig = unknown> {
  readonly name: string;
  readonly version: string;
  /** The plugin's child container: the core's public tokens plus what the plugin binds. */
  readonly container: DependencyContainer;
  readonly config: TConfig;
  readonly logger: Logger;
}

/** One schema migration of a plugin; its full name is `<plugin>/<name>`. */
export interface Migration {
  /** Sortable and unique within the plugin, e.g. `0001_create_store_notice`. */
  name: string;
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
}

/** A named, typed domain event a plugin declares (the closed catalogue). */
export interface EventDefinition<TPayload = unknown> {
  name: string;
  description: string;
  payload: z.ZodType<TPayload>;
  /** What the event means for a customer's timeline and lifetime figures (see docs/customers.md). */
  customerActivity?(payload: TPayload): CustomerActivity | null;
}

/**
 * Which events a subscription really wants. `events` is decided once at boot from the event
 * definitions (e.g. only events with a `customerActivity` projection); `relevant` is asked at
 * fan-out, once per batch of new events, in the fan-out's transaction, and returns the ids of
 * the events to deliver (e.g. those some record is waiting for). An event left out is never
 * delivered to this subscription.
 */
export interface SubscriberFilter {
  events?: (definition: EventDefinition) => boolean;
  relevant?: (db: Knex, events: readonly DomainEvent[]) => Promise<ReadonlySet<string>>;
}

/** An event as subscribers receive it. */
export interface DomainEvent<TPayload = unknown> {
  id: string;
  name: string;
  payload: TPayload;
  platformId: string | null;
  actorId: string | null;
  occurredAt: Date;
}

/** Handles one event; must be idempotent (it may run more than once for the same event). */
export type SubscriberHandler<TConfig = unknown> = (
  event: DomainEvent,
  ctx: Ctx,
  scope: PluginScope<TConfig>,
) => Promise<void>;

/** A job type: a handler, its retry policy, and optionally a cron schedule. */
export interface JobDefinition<TConfig = unknown, TPayload = unknown> {
  /** Unique across Plaza, e.g. `notices.expire`. */
  name: string;
  description?: string;
  payload?: z.ZodType<TPayload>;
  /** Attempts before the job is marked failed (default 5). */
  maxAttempts?: number;
  /** First retry delay in ms, doubled each attempt (default 1000). */
  backoffMs?: number;
  /** Run on this cron schedule (5 or 6 fields), in `timezone` (default UTC). */
  cron?: string;
  timezone?: string;
  run(payload: TPayload, ctx: Ctx, scope: PluginScope<TConfig>): Promise<void>;
}

/** A job definition whatever its payload type (how registries and workers hold them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition<TConfig = unknown> = JobDefinition<TConfig, any>;

/** A permission code the roles module can grant. */
export interface PermissionDefinition {
  /** `area.action`, e.g. `platforms.manage`. */
  code: string;
  /** What it allows, in a sentence staff understand. */
  description: string;
  /** Short name for the role editor (defaults to the description). */
  label?: string;
  /** Group in the role editor (defaults to the code's first segment). */
  group?: string;
  /**
   * Built-in roles that get this permission when it first appears (at first start, or when
   * the plugin is installed later): `owner` holds everything anyway; others are
   * `store-manager`, `store-associate`, `call-center`, `marketing`, `read-only`.
   */
  defaultRoles?: string[];
}

/**
 * A kind of channel a plugin adds (web, pos, social, marketplace, chat, …). Its settings
 * schema validates every platform of this type; field `.describe()` texts become form help.
 */
export interface PlatformTypeDefinition {
  /** Unique code, e.g. `pos`. */
  code: string;
  label: string;
  description: string;
  /** zod object schema of the platform's settings. */
  settingsSchema: z.ZodType;
  /** What front ends of this type can do, e.g. `['checkout', 'pickup', 'offline']`. */
  capabilities: string[];
}

/** A slice of one GraphQL API: type definitions and resolvers built from the plugin's scope. */
export interface GraphQLContribution<TConfig = unknown> {
  typeDefs: string | DocumentNode;
  resolvers?: (scope: PluginScope<TConfig>) => IResolvers<unknown, Ctx>;
}

/** Hooks through which a module turns request credentials into a platform or an actor. */
export interface AuthHooks<TConfig = unknown> {
  /** Resolve an `x-plaza-key` publishable key; null when this module does not know it. */
  platformKey?: (key: string, scope: PluginScope<TConfig>) => Promise<PlatformRef | null>;
  /** Resolve an admin `Authorization: Bearer` token; null when this module does not know it. */
  adminBearer?: (token: string, scope: PluginScope<TConfig>) => Promise<Actor | null>;
  /** Resolve a customer token on the channel API; null when unknown. */
  customerBearer?: (token: string, platform: PlatformRef | null, scope: PluginScope<TConfig>) => Promise<Actor | null>;
}

/**
 * What seeds hand back to the person who started Plaza: the demo admin's credentials and the
 * demo platforms' keys. `plaza start` prints them and writes `.plaza/demo-credentials.json`.
 */
export interface SeedReport {
  admin?: { email: string; password: string };
  platforms: { code: string; type: string; key: string }[];
}

/**
 * What `plaza seed --scale N` asks of every plugin: `products` generated products with
 * `variantsPerProduct` variants each, spread over `locations` stock locations, and `customers`
 * customers. Each plugin's
 * `scale` hook adds its share (the catalog the products, pricing their prices, inventory their
 * levels…) in boot order, committing in batches of its own, and reports progress.
 */
export interface ScalePlan {
  products: number;
  variantsPerProduct: number;
  locations: number;
  /** Generated customers (the customers module's share); `plaza.seedScale` defaults it to 4 × `products`. */
  customers?: number;
  /** Reports `done` of `total` units of `label` (e.g. "products") for the CLI's progress line. */
  progress(label: string, done: number, total: number): void;
}

/** Data a plugin writes by `plaza seed` (base), `plaza seed --demo` / first start (demo) and `plaza seed --scale N` (scale). */
export interface SeedHooks<TConfig = unknown> {
  base?: (ctx: Ctx, scope: PluginScope<TConfig>, report: SeedReport) => Promise<void>;
  demo?: (ctx: Ctx, scope: PluginScope<TConfig>, report: SeedReport) => Promise<void>;
  /** Bulk data for benchmarks, on top of the demo data. Runs outside a transaction: commit in batches. */
  scale?: (ctx: Ctx, scope: PluginScope<TConfig>, plan: ScalePlan) => Promise<void>;
}

/** An HTTP method a plugin route answers. */
export type HttpRouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a plugin HTTP route handler receives: the request with its raw body (bounded). */
export interface PluginHttpRequest {
  method: HttpRouteMethod;
  /** The path without the query string, e.g. `/webhooks/payments/sandbox-card`. */
  path: string;
  /** For a prefix route (`/x/*`): the part after the prefix, e.g. `sandbox-card`; '' for exact routes. */
  rest: string;
  query: URLSearchParams;
  /** Header names in lowercase. */
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received (webhook signatures are computed over these bytes). */
  rawBody: Buffer;
  requestId: string;
  ip: string | null;
}

/** What a plugin HTTP route handler answers. A string body is sent as is; anything else as JSON. */
export interface PluginHttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A plain HTTP route a plugin serves (webhooks, file downloads, redirects). `path` is exact, or
 * a prefix ending with `/*`. It can never shadow `/graphql`, `/admin/graphql`, `/health` or
 * `/ready`; two plugins claiming the same method and path fail the boot.
 */
export interface HttpRouteDefinition<TConfig = unknown> {
  method: HttpRouteMethod;
  path: string;
  /** Largest accepted body in bytes (default 1 MiB); larger requests get 413. */
  maxBodyBytes?: number;
  handler(req: PluginHttpRequest, scope: PluginScope<TConfig>): Promise<PluginHttpResponse>;
}

/** The one typed manifest of a plugin. The core's own modules use exactly this shape. */
export interface PluginManifest<TSchema extends z.ZodType = z.ZodType> {
  /** Unique name, e.g. `@plaza/plugin-pos` or `core.platforms`. */
  name: string;
  /** The plugin's semver version. */
  version: string;
  description?: string;
  /** Plugins that must boot before this one. `@plaza/core` is always present. */
  requires?: string[];
  /** zod schema of the plugin's options; validated at boot, the parsed value is `scope.config`. */
  configSchema?: TSchema;
  /** Bind services in the plugin's child container. */
  register?: (scope: PluginScope<z.output<TSchema>>) => void | Promise<void>;
  /** Tokens bound in `register` that other plugins may resolve. */
  exports?: InjectionToken[];
  migrations?: Migration[];
  events?: EventDefinition[];
  /** Event name → idempotent handler; `*` receives every event. An unknown event name fails the boot. */
  subscribers?: Record<string, SubscriberHandler<z.output<TSchema>>>;
  /**
   * Narrows a subscription (by the same key as in `subscribers`, usually `*`) so that events it
   * would ignore are never delivered to it: each delivery costs a claim, a transaction and a
   * status update. See {@link SubscriberFilter}.
   */
  subscriberFilters?: Record<string, SubscriberFilter>;
  /** Payload types differ per job; each job's own definition keeps its type. */
  jobs?: AnyJobDefinition<z.output<TSchema>>[];
  permissions?: PermissionDefinition[];
  /** Channel kinds this plugin adds; platforms of these types can then be created. */
  platformTypes?: PlatformTypeDefinition[];
  /** Step types staff can use in process definitions (guards and actions). See docs/processes.md. */
  stepTypes?: AnyStepType[];
  /** Process kinds this plugin adds (the core adds `order`, `fulfillment` and `return`). */
  processKinds?: ProcessKindDefinition[];
  /** Tables holding rows about customers: merged, exported, erased and looked up with them. */
  customerData?: CustomerDataSource[];
  graphql?: {
    channel?: GraphQLContribution<z.output<TSchema>>;
    admin?: GraphQLContribution<z.output<TSchema>>;
  };
  auth?: AuthHooks<z.output<TSchema>>;
  /** Plain HTTP routes (webhooks and the like), dispatched before the 404. */
  httpRoutes?: HttpRouteDefinition<z.output<TSchema>>[];
  seed?: SeedHooks<z.output<TSchema>>;
  /** Called once Plaza serves requests. */
  onReady?: (scope: PluginScope<z.output<TSchema>>) => void | Promise<void>;
  /** Called on shutdown, in reverse boot order, before the database closes. */
  onClose?: (scope: PluginScope<z.output<TSchema>>) => void | Promise<void>;
}

/** A manifest with the options a config file gave it. */
export interface PluginEntry {
  plugin: PluginManifest;
  options?: unknown;
}

/**
 * Declares a plugin. Returns the manifest unchanged, typed so that `scope.config` in every hook
 * is the parsed output of `configSchema`.
 */
export function definePlugin<TSchema extends z.ZodType = z.ZodType<Record<string, never>>>(
  manifest: PluginManifest<TSchema>,
): PluginManifest<TSchema> {
  return manifest;
}

/** Declares a domain event for a plugin's `events` list. */
export function defineEvent<TPayload>(
  name: string,
  payload: z.ZodType<TPayload>,
  description: string,
  options: { customerActivity?: (payload: TPayload) => CustomerActivity | null } = {},
): EventDefinition<TPayload> {
  return { name, payload, description, ...options };
}

/** Declares a job for a plugin's `jobs` list. */
export function defineJob<TConfig = unknown, TPayload = unknown>(job: JobDefinition<TConfig, TPayload>): JobDefinition<TConfig, TPayload> {
  return job;
}
