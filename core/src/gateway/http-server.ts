import http from 'node:http';
import type { Logger } from 'pino';
import { newRequestId } from '../kernel/ids.js';
import type { HttpRouteDefinition, HttpRouteMethod, PluginScope } from '../kernel/plugin.js';
import { API_PATHS } from './yoga-server.js';

/** A request handler (yoga instances are such handlers). */
export type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/** What the HTTP layer routes to. */
export interface HttpRoutes {
  channel: NodeHandler;
  admin: NodeHandler;
  /** Answers whether the process can serve (database reachable, migrations applied). */
  ready(): Promise<{ ok: boolean; reason?: string }>;
  /** Plugins' plain HTTP routes, tried before the 404. */
  plugin?: PluginRouteTable;
}

/** Default largest body a plugin route accepts. */
export const DEFAULT_ROUTE_BODY_LIMIT = 1024 * 1024;

/** Plugin HTTP routes: exact paths first, then the longest matching `/prefix/*`. */
export class PluginRouteTable {
  private readonly exact = new Map<string, { route: HttpRouteDefinition; scope: PluginScope<unknown> }>();
  private readonly prefixes: { method: string; prefix: string; route: HttpRouteDefinition; scope: PluginScope<unknown> }[] = [];

  constructor(routes: readonly { route: HttpRouteDefinition; plugin: { scope: PluginScope<unknown> } }[]) {
    for (const { route, plugin } of routes) {
      if (route.path.endsWith('/*')) this.prefixes.push({ method: route.method, prefix: route.path.slice(0, -1), route, scope: plugin.scope });
      else this.exact.set(`${route.method} ${route.path}`, { route, scope: plugin.scope });
    }
    this.prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  get size(): number {
    return this.exact.size + this.prefixes.length;
  }

  /** The route for this method and path (and what follows a prefix), or undefined. */
  match(method: string, path: string): { route: HttpRouteDefinition; scope: PluginScope<unknown>; rest: string } | undefined {
    const hit = this.exact.get(`${method} ${path}`);
    if (hit) return { ...hit, rest: '' };
    for (const p of this.prefixes) {
      if (p.method === method && path.startsWith(p.prefix) && path.length > p.prefix.length) return { route: p.route, scope: p.scope, rest: path.slice(p.prefix.length) };
    }
    return undefined;
  }

  /** Is any route (whatever its method) at this path? (for 405) */
  hasPath(path: string): boolean {
    for (const key of this.exact.keys()) if (key.slice(key.indexOf(' ') + 1) === path) return true;
    return this.prefixes.some((p) => path.startsWith(p.prefix) && path.length > p.prefix.length);
  }
}

function notFound(res: http.ServerResponse, path: string | undefined): void {
  sendJson(res, 404, { error: 'not_found', message: `Nothing at ${path}; the APIs are at ${API_PATHS.channel} and ${API_PATHS.admin}` });
}

function sendPluginResponse(res: http.ServerResponse, status: number, headers: Record<string, string> | undefined, body: unknown): void {
  if (body === undefined || body === null) {
    res.writeHead(status, headers);
    res.end();
  } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } else {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The Plaza HTTP server: `/graphql`, `/admin/graphql`, `/health`, `/ready`; a request id on
 * every request (`x-request-id`, echoed back) and one pino log line per request.
 */
export class PlazaHttpServer {
  readonly server: http.Server;
  private inFlight = 0;
  private drained: (() => void) | undefined;

  constructor(private readonly routes: HttpRoutes, private readonly logger: Logger) {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 5_000;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const started = process.hrtime.bigint();
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : newRequestId();
    (req as { requestId?: string }).requestId = requestId;
    res.setHeader('x-request-id', requestId);
    this.inFlight++;
    res.once('close', () => {
      this.inFlight--;
      if (this.logger.isLevelEnabled('info')) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        this.logger.info({ requestId, method: req.method, url: req.url, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
      }
      if (this.inFlight === 0) this.drained?.();
    });
    const path = (req.url ?? '/').split('?')[0];
    if (path === API_PATHS.channel) void this.routes.channel(req, res);
    else if (path === API_PATHS.admin) void this.routes.admin(req, res);
    else if (path === '/health') sendJson(res, 200, { status: 'ok' });
    else if (path === '/ready') {
      this.routes.ready().then(
        (r) => sendJson(res, r.ok ? 200 : 503, r.ok ? { status: 'ready' } : { status: 'not_ready', reason: r.reason }),
        () => sendJson(res, 503, { status: 'not_ready', reason: 'readiness check failed' }),
      );
    } else if (this.routes.plugin && this.routes.plugin.size > 0) {
      const hit = this.routes.plugin.match(req.method ?? 'GET', path ?? '/');
      if (hit) this.servePluginRoute(req, res, hit, path ?? '/', requestId);
      else if (this.routes.plugin.hasPath(path ?? '/')) sendJson(res, 405, { error: 'method_not_allowed', message: `${req.method} is not served at ${path}` });
      else notFound(res, path);
    } else notFound(res, path);
  }

  private servePluginRoute(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    hit: { route: HttpRouteDefinition; scope: PluginScope<unknown>; rest: string },
    path: string,
    requestId: string,
  ): void {
    const limit = hit.route.maxBodyBytes ?? DEFAULT_ROUTE_BODY_LIMIT;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      sendJson(res, 413, { error: 'payload_too_large', message: `The body exceeds ${limit} bytes` });
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        sendJson(res, 413, { error: 'payload_too_large', message: `The body exceeds ${limit} bytes` });
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooLarge) return;
      const url = new URL(req.url ?? '/', 'http://plaza.local');
      hit.route
        .handler(
          {
            method: (req.method ?? 'GET') as HttpRouteMethod,
            path,
            rest: hit.rest,
            query: url.searchParams,
            headers: req.headers,
            rawBody: Buffer.concat(chunks),
            requestId,
            ip: req.socket.remoteAddress ?? null,
          },
          hit.scope,
        )
        .then(
          (out) => sendPluginResponse(res, out.status, out.headers, out.body),
          (error: unknown) => {
            hit.scope.logger.error({ err: error, requestId, path }, 'plugin route failed');
            if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'The route failed', requestId });
            else res.destroy();
          },
        );
    });
  }

  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  /**
   * Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then
   * closes whatever is left (long-lived SSE streams).
   */
  async close(graceMs = 10_000): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    if (this.inFlight > 0) {
      await Promise.race([new Promise<void>((resolve) => (this.drained = resolve)), new Promise((r) => setTimeout(r, graceMs).unref())]);
    }
    this.server.closeAllConnections();
    await closed;
  }
}
