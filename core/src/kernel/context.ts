import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { LoaderRegistry } from '../gateway/loader-registry.js';
import { errors } from './errors.js';
import { newRequestId } from './ids.js';

/** Who is acting: a staff member, a customer, an API client or the system itself. */
export interface Actor {
  kind: 'staff' | 'customer' | 'system' | 'api';
  id: string;
  name?: string;
  /** Granted permission codes; `'*'` grants every permission (system and owner). */
  permissions: ReadonlySet<string> | '*';
  /** Optional scoping (e.g. platform ids, stock location ids) filled by the roles module. */
  scope?: Readonly<Record<string, readonly string[]>>;
}

/** The platform (channel instance) a request speaks for, resolved from its publishable key. */
export interface PlatformRef {
  id: string;
  code: string;
  type: string;
  currency: string;
  locale: string;
}

/** Which API surface an operation came through. */
export type ApiSurface = 'channel' | 'admin' | 'system';

/**
 * The operation context every service method takes first: who acts, for which platform, and
 * on which database handle (the active transaction when inside one — never reach for the root
 * connection inside a transaction).
 */
export interface Ctx {
  readonly requestId: string;
  readonly api: ApiSurface;
  readonly actor: Actor | null;
  readonly platform: PlatformRef | null;
  /** The active database handle: the root knex, or the transaction this operation runs in. */
  readonly db: Knex | Knex.Transaction;
  readonly logger: Logger;
  /** Per-request DataLoaders. */
  readonly loaders: LoaderRegistry;
}

/** The system actor used by jobs, subscribers and the CLI. */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  kind: 'system',
  id: 'system',
  name: 'Plaza',
  permissions: '*',
});

/** Fields to build a {@link Ctx}; missing ones get system defaults. */
export interface CtxInit {
  db: Knex | Knex.Transaction;
  logger: Logger;
  api?: ApiSurface;
  actor?: Actor | null;
  platform?: PlatformRef | null;
  requestId?: string;
}

/** Builds a context. Its logger is a child bound to the request id, made on first use (hot path). */
export function createCtx(init: CtxInit): Ctx {
  const requestId = init.requestId ?? newRequestId();
  let logger: Logger | undefined;
  return {
    requestId,
    api: init.api ?? 'system',
    actor: init.actor === undefined ? SYSTEM_ACTOR : init.actor,
    platform: init.platform ?? null,
    db: init.db,
    get logger() {
      return (logger ??= init.logger.child({ requestId }));
    },
    loaders: new LoaderRegistry(),
  };
}

/** Does the actor hold this permission? */
export function hasPermission(actor: Actor | null, permission: string): boolean {
  if (!actor) return false;
  return actor.permissions === '*' || actor.permissions.has(permission);
}

/** Throws UNAUTHENTICATED unless someone is signed in. */
export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw errors.unauthenticated('Sign in to do this', 'AUTH_REQUIRED');
  return ctx.actor;
}

/** Throws UNAUTHENTICATED / FORBIDDEN unless the context's actor holds the permission. */
export function requirePermission(ctx: Ctx, permission: string): Actor {
  const actor = requireActor(ctx);
  if (!hasPermission(actor, permission)) {
    throw errors.forbidden(`This needs the permission "${permission}"`, 'PERMISSION_MISSING');
  }
  return actor;
}

/** Throws UNAUTHENTICATED unless the request carries a platform key. */
export function requirePlatform(ctx: Ctx): PlatformRef {
  if (!ctx.platform) {
    throw errors.unauthenticated('This needs a platform: send its publishable key in the x-plaza-key header', 'PLATFORM_KEY_REQUIRED');
  }
  return ctx.platform;
}
