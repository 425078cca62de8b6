import http from 'node:http';
import type { Logger } from 'pino';
import { newRequestId } from '../kernel/ids.js';
import { API_PATHS } from './yoga-server.js';

/** A request handler (yoga instances are such handlers). */
export type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/** What the HTTP layer routes to. */
export interface HttpRoutes {
  channel: NodeHandler;
  admin: NodeHandler;
  /** Answers whether the process can serve (database reachable, migrations applied). */
  ready(): Promise<{ ok: boolean; reason?: string }>;
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
    } else sendJson(res, 404, { error: 'not_found', message: `Nothing at ${path}; the APIs are at ${API_PATHS.channel} and ${API_PATHS.admin}` });
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
