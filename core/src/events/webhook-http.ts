import type { DomainEvent } from '../kernel/plugin.js';
import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature.js';

/** The most of a response body kept in the attempt log. */
export const WEBHOOK_RESPONSE_BODY_LIMIT = 2048;

/** What one webhook POST came back with. */
export interface WebhookHttpResult {
  /** True for a 2xx answer. */
  ok: boolean;
  status: number | null;
  /** The response body, cut to {@link WEBHOOK_RESPONSE_BODY_LIMIT} bytes. */
  body: string | null;
  durationMs: number;
  /** A network error, a timeout, or a non-2xx status, in words. */
  error: string | null;
}

/** What a webhook POST needs besides the event. */
export interface WebhookRequest {
  url: string;
  secret: string;
  deliveryId: string;
  /** Signing time, epoch ms. */
  now: number;
  timeoutMs: number;
}

/** The JSON body Plaza POSTs for an event. */
export function webhookBody(event: DomainEvent): string {
  return JSON.stringify({
    id: event.id,
    name: event.name,
    occurredAt: event.occurredAt.toISOString(),
    platformId: event.platformId,
    payload: event.payload,
  });
}

/** Cuts UTF-8 bytes to at most `maxBytes` without splitting a character. */
export function truncateUtf8(bytes: Buffer, maxBytes: number): string {
  if (bytes.length <= maxBytes) return bytes.toString('utf8');
  let end = maxBytes;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size <= maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    // Stop downloading a large body we are not going to keep.
    await reader.cancel().catch(() => undefined);
  }
  return truncateUtf8(Buffer.concat(chunks), maxBytes);
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timed out';
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/**
 * POSTs an event to a webhook URL, signed with the subscription secret, and never throws:
 * a network error, a timeout (`AbortSignal.timeout`) or a non-2xx status is a failed result.
 * Redirects are not followed (a 3xx is a failure), so a URL cannot bounce the request
 * elsewhere.
 */
export async function postWebhook(event: DomainEvent, request: WebhookRequest): Promise<WebhookHttpResult> {
  const body = webhookBody(event);
  const timestamp = Math.floor(request.now / 1000);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Plaza-Webhooks/1',
        'plaza-event': event.name,
        'plaza-delivery': request.deliveryId,
        [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload(request.secret, body, timestamp),
      },
      body,
    });
    let text: string | null = null;
    try {
      text = await readLimited(response, WEBHOOK_RESPONSE_BODY_LIMIT);
    } catch {
      // The status already tells the outcome; a body cut off mid-way is not a failure.
    }
    return {
      ok: response.ok,
      status: response.status,
      body: text,
      durationMs: elapsed(),
      error: response.ok ? null : `endpoint answered HTTP ${response.status}`,
    };
  } catch (error) {
    return { ok: false, status: null, body: null, durationMs: elapsed(), error: describeFetchError(error) };
  }
}
