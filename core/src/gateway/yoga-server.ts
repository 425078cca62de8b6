import { randomUUID } from 'node:crypto';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../kernel/config.js';
import { createCtx, type Actor, type Ctx, type PlatformRef } from '../kernel/context.js';
import { errors, isPlazaError } from '../kernel/errors.js';
import { newRequestId } from '../kernel/ids.js';
import type { ChannelResponseCache } from './channel-response-cache.js';
import { createErrorMasker } from './error-masking.js';
import { bearerToken, type RequestAuthenticator } from './request-auth.js';
import type { ApiName } from './schema-composer.js';

/** What the GraphQL servers need from the kernel. */
export interface ApiServerDeps {
  schema: GraphQLSchema;
  config: ResolvedConfig;
  logger: Logger;
  db: Knex;
  auth: RequestAuthenticator;
  /** Every declared permission code (checks for undeclared ones fail loudly). */
  knownPermissions: ReadonlySet<string>;
  /** The channel API's response cache (absent: no caching). */
  responseCache?: ChannelResponseCache;
}

/** Server context yoga passes in: the node request carries the request id set by the HTTP layer. */
interface ServerContext {
  req: { requestId?: string; socket?: { remoteAddress?: string } };
}

/** The path each API is served at. */
export const API_PATHS: Record<ApiName, string> = { channel: '/graphql', admin: '/admin/graphql' };

function asGraphQLError(error: unknown): unknown {
  if (!isPlazaError(error)) return error;
  const status = error.code === 'UNAUTHENTICATED' ? 401 : error.code === 'FORBIDDEN' ? 403 : undefined;
  return new GraphQLError(error.message, { extensions: { ...error.toExtensions(), ...(status ? { http: { status } } : {}) } });
}

async function resolveCredentials(api: ApiName, request: Request, auth: RequestAuthenticator): Promise<{ platform: PlatformRef | null; actor: Actor | null }> {
  const token = bearerToken(request.headers.get('authorization'));
  if (api === 'admin') return { platform: null, actor: token ? await auth.adminActor(token) : null };
  const key = request.headers.get('x-plaza-key');
  if (!key && auth.requiresPlatformKey) {
    throw errors.unauthenticated("Send your platform's publishable key in the x-plaza-key header", 'PLATFORM_KEY_REQUIRED');
  }
  const platform = key ? await auth.platformFromKey(key) : null;
  const actor = token ? await auth.customerActor(token, platform) : null;
  return { platform, actor };
}

/**
 * Caches anonymous channel reads per platform: requests with a customer token (prices and data
 * of their own) and mutations are never cached; results with errors neither. The key is
 * resolved (from the in-process key cache) before a hit can be served, so a revoked or disabled
 * key gets a session of its own that never hits, and then its error from the context.
 */
function responseCachePlugin(cache: ChannelResponseCache, ttlMs: number, auth: RequestAuthenticator): Plugin {
  return useResponseCache({
    cache,
    ttl: ttlMs,
    session: async (request) => {
      const key = request.headers.get('x-plaza-key');
      if (!key) return '';
      try {
        return (await auth.platformFromKey(key)).id;
      } catch {
        return `refused:${randomUUID()}`;
      }
    },
    enabled: (request) => !request.headers.get('authorization'),
    invalidateViaMutation: false,
    includeExtensionMetadata: false,
  }) as Plugin;
}

/** Creates the graphql-yoga server of one API (channel or admin). */
export function createApiServer(api: ApiName, deps: ApiServerDeps): YogaServerInstance<ServerContext, Ctx> {
  const { config, logger, db, auth } = deps;
  return createYoga<ServerContext, Ctx>({
    schema: deps.schema,
    graphqlEndpoint: API_PATHS[api],
    logging: false,
    landingPage: false,
    graphiql: config.gateway.graphiql ? { title: `Plaza ${api} API` } : false,
    maskedErrors: { maskError: createErrorMasker(logger), errorMessage: 'Unexpected error; it has been logged' },
    plugins: [
      maxDepthPlugin({ n: config.gateway.maxDepth, ignoreIntrospection: true }),
      costLimitPlugin({ maxCost: config.gateway.maxCost, ignoreIntrospection: true }),
      ...(api === 'channel' && deps.responseCache && config.gateway.responseCacheTtlMs > 0 ? [responseCachePlugin(deps.responseCache, config.gateway.responseCacheTtlMs, auth)] : []),
    ],
    context: async ({ request, req }) => {
      const requestId = req?.requestId ?? newRequestId();
      try {
        const { platform, actor } = await resolveCredentials(api, request, auth);
        const ip = req?.socket?.remoteAddress ?? null;
        return createCtx({ db, logger, api, actor, platform, requestId, ip, knownPermissions: deps.knownPermissions });
      } catch (error) {
        throw asGraphQLError(error);
      }
    },
  });
}
