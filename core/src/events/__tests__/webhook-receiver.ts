import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the test receiver got. */
export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

/** A local HTTP endpoint that records requests and answers with a status the test picks. */
export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** The status and body of the next answers; `hang` never answers. */
  reply: { status: number; body: string; hang?: boolean };
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 and a free port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver = { requests: [] as ReceivedRequest[], reply: { status: 200, body: 'ok' } } as WebhookReceiver;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      receiver.requests.push({ headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      if (receiver.reply.hang) return;
      res.writeHead(receiver.reply.status, { 'content-type': 'text/plain' });
      res.end(receiver.reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/hooks/plaza`;
  receiver.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
