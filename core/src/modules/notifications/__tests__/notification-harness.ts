import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GraphQLClient, TestEnvironment } from '../../../testing/index.js';

/** Admin operations of the notifications module, as the back office sends them. */
export const NQ = {
  messages: `query($filter: NotificationMessageFilter, $first: Int, $after: String) {
    notificationMessages(filter: $filter, first: $first, after: $after) {
      edges { cursor node { id eventId customerId platformId template channel locale provider status reason subject attempts lastError createdAt sentAt } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  templates: `{ notificationTemplates { code name category security locales variables { name required kind } } }`,
  preview: `query($template: String!, $locale: String!, $variables: JSON) { previewNotification(template: $template, locale: $locale, variables: $variables) { template locale subject text html } }`,
  providers: `{ notificationProviders { channel provider } }`,
} as const;

export interface MessageNode {
  id: string;
  eventId: string | null;
  customerId: string | null;
  platformId: string | null;
  template: string;
  channel: string;
  locale: string;
  provider: string | null;
  status: 'QUEUED' | 'SENT' | 'FAILED' | 'SKIPPED';
  reason: string | null;
  subject: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** Messages through the admin API (first page of 100). */
export async function messages(client: GraphQLClient, filter: Record<string, unknown> = {}): Promise<MessageNode[]> {
  const { notificationMessages } = await client.data<{ notificationMessages: { edges: { node: MessageNode }[] } }>(NQ.messages, { filter, first: 100 });
  return notificationMessages.edges.map((e) => e.node);
}

/** Decodes MIME encoded-words in the headers and quoted-printable in the body, so tests can search an .eml. */
export function readableEml(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split);
  const qp = (text: string) => Buffer.from(text.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  const headers = head.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
  );
  return headers + qp(body.replace(/=\r?\n/g, ''));
}

/** The .eml files of the outbox directory, by message id. */
export async function outboxFiles(dir: string): Promise<Map<string, string>> {
  const files = await readdir(dir).catch(() => [] as string[]);
  const out = new Map<string, string>();
  for (const file of files.filter((f) => f.endsWith('.eml'))) out.set(file.slice(0, -4), await readFile(path.join(dir, file), 'utf8'));
  return out;
}

/** Delivers events, runs due jobs, and delivers the events the jobs published (timeline). */
export async function settle(env: TestEnvironment): Promise<void> {
  await env.drainEvents();
  await env.runJobs();
  await env.drainEvents();
}

/** Makes every waiting send job due now (skips its backoff) and runs it. */
export async function retryNow(env: TestEnvironment): Promise<void> {
  await env.plaza.db('plaza_job').where({ name: 'notifications.send', status: 'waiting' }).update({ run_at: Date.now() - 1 });
  await settle(env);
}
