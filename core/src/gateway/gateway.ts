import type { YogaServerInstance } from 'graphql-yoga';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../kernel/config.js';
import type { Ctx } from '../kernel/context.js';
import type { PluginRegistry } from '../kernel/plugin-registry.js';
import { ChannelResponseCache } from './channel-response-cache.js';
import { PlazaHttpServer, PluginRouteTable } from './http-server.js';
import { RequestAuthenticator } from './request-auth.js';
import { composeSchema } from './schema-composer.js';
import { createApiServer } from './yoga-server.js';

/** What the gateway needs from the kernel. */
export interface GatewayDeps {
  registry: PluginRegistry;
  config: ResolvedConfig;
  logger: Logger;
  db: Knex;
  /** The readiness check (database reachable, migrations applied). */
  ready(): Promise<{ ok: boolean; reason?: string }>;
  /** Subscribes to committed domain events in this process (clears the channel response cache). */
  onCommittedEvent?(listener: (name: string) => void): void;
}

/** The two GraphQL APIs and the HTTP server that routes to them. */
export interface Gateway {
  channel: YogaServerInstance<object, Ctx>;
  admin: YogaServerInstance<object, Ctx>;
  http: PlazaHttpServer;
  /** The channel API's cache of anonymous read results. */
  responseCache: ChannelResponseCache;
  ready(): Promise<{ ok: boolean; reason?: string }>;
}

/** Composes both schemas from the loaded plugins and builds the servers (not listening yet). */
export function createGateway(deps: GatewayDeps): Gateway {
  const auth = new RequestAuthenticator(deps.registry);
  const knownPermissions = new Set(deps.registry.permissions.keys());
  const common = { config: deps.config, logger: deps.logger, db: deps.db, auth, knownPermissions };
  const responseCache = new ChannelResponseCache();
  deps.onCommittedEvent?.(() => responseCache.clear());
  const channel = createApiServer('channel', { ...common, responseCache, schema: composeSchema('channel', deps.registry) });
  const admin = createApiServer('admin', { ...common, schema: composeSchema('admin', deps.registry) });
  let readyOnce = false;
  const ready = async (): Promise<{ ok: boolean; reason?: string }> => {
    // Once migrations were seen applied they stay applied; afterwards only ping the database.
    if (readyOnce) {
      try {
        await deps.db.raw('select 1');
        return { ok: true };
      } catch {
        return { ok: false, reason: 'database unreachable' };
      }
    }
    const result = await deps.ready();
    readyOnce = result.ok;
    return result;
  };
  const http = new PlazaHttpServer({ channel, admin, ready, plugin: new PluginRouteTable(deps.registry.httpRoutes) }, deps.logger.child({ component: 'http' }));
  return { channel: channel as never, admin: admin as never, http, responseCache, ready };
}
