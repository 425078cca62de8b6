import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { LoaderRegistry } from '../gateway/loader-registry.js';
import { errors } from './errors.js';
import { unscopedGrant, type Grant } from './authorization.js';
import { newRequestId } from './ids.js';

/** Who is acting: a staff member, a customer, an integration token or the system itself. */
export interface Actor {
  kind: 'staff' | 'customer' | 'system' | 'integration';
  id: string;
  name?: string;
  email?: string;
  /** The role assignments in force, each with its permissions and scope (see authorization.ts). */
  grants: readonly Grant[];
  /** The session or token the actor authenticated with, when there is one. */
  sessionId?: string;
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
  /** The client's IP address (HTTP requests), for the audit log. */
  readonly ip: string | null;
  /** Every declared permission; a check for another code is a programming error. */
  readonly knownPermissions?: ReadonlySet<string>;
}

/** The system actor used by jobs, subscribers and the CLI. */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  kind: 'system',
  id: 'system',
  name: 'Plaza',
  grants: Object.freeze([unscopedGrant('*')]),
});

/** Fields to build a {@link Ctx}; missing ones get system defaults. */
export interface CtxInit {
  db: Knex | Knex.Transaction;
  logger: Logger;
  api?: ApiSurface;
  actor?: Actor | null;
  platform?: PlatformRef | null;
  requestId?: string;
  ip?: string | null;
  knownPermissions?: ReadonlySet<string>;
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
    ip: init.ip ?? null,
    knownPermissions: init.knownPermissions,
  };
}

/** Throws UNAUTHENTICATED unless the request carries a platform key. */
export function requirePlatform(ctx: Ctx): PlatformRef {
  if (!ctx.platform) {
    throw errors.unauthenticated('This needs a platform: send its publishable key in the x-plaza-key header', 'PLATFORM_KEY_REQUIRED');
  }
  return ctx.platform;
}
