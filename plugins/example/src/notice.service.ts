import {
  inject,
  injectable,
  inTransaction,
  newId,
  PlazaError,
  readPageArgs,
  requirePermission,
  toConnection,
  Tokens,
  type Connection,
  type Ctx,
  type EventBus,
  type PageArgs,
} from '@plaza/core';
import { z } from 'zod';

/** A notice as the API returns it. */
export interface StoreNotice {
  id: string;
  title: string;
  body: string;
  status: 'active' | 'expired';
  expiresAt: Date | null;
  createdBy: string;
  createdAt: Date;
}

interface NoticeRow {
  id: string;
  title: string;
  body: string;
  status: 'active' | 'expired';
  expires_at: string | number | null;
  created_by: string;
  created_at: string | number;
}

const publishInput = z.object({
  title: z.string().trim().min(1, 'is required').max(200),
  body: z.string().trim().min(1, 'is required').max(5000),
  expiresAt: z.coerce.date().optional().nullable(),
});

function toNotice(row: NoticeRow): StoreNotice {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    status: row.status,
    expiresAt: row.expires_at === null ? null : new Date(Number(row.expires_at)),
    createdBy: row.created_by,
    createdAt: new Date(Number(row.created_at)),
  };
}

/** Publishes, lists and expires store notices. */
@injectable()
export class NoticeService {
  constructor(@inject(Tokens.EventBus) private readonly events: EventBus) {}

  /** Publishes a notice and its `notice.published` event in one transaction. */
  async publish(ctx: Ctx, input: z.input<typeof publishInput>): Promise<StoreNotice> {
    const actor = requirePermission(ctx, 'notices.manage');
    const parsed = publishInput.safeParse(input);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new PlazaError('BAD_USER_INPUT', `The notice is invalid: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, { fields });
    }
    const { title, body, expiresAt } = parsed.data;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new PlazaError('BAD_USER_INPUT', 'expiresAt must be in the future', { fields: [{ path: 'expiresAt', message: 'must be in the future' }] });
    }
    return inTransaction(ctx, async (trx) => {
      const row: NoticeRow = {
        id: newId('ntc'),
        title,
        body,
        status: 'active',
        expires_at: expiresAt ? expiresAt.getTime() : null,
        created_by: actor.id,
        created_at: Date.now(),
      };
      await trx.db('example_store_notice').insert(row);
      await this.events.publish(trx, 'notice.published', { noticeId: row.id, title });
      return toNotice(row);
    });
  }

  /** Lists notices, newest first, as a cursor connection (ids are time-ordered, so they are the sort key). */
  async list(ctx: Ctx, args: PageArgs & { status?: string | null }): Promise<Connection<StoreNotice>> {
    requirePermission(ctx, 'notices.read');
    const { size, afterKey } = readPageArgs(args);
    const query = ctx.db<NoticeRow>('example_store_notice').orderBy('id', 'desc').limit(size + 1);
    if (args.status) query.where('status', args.status);
    if (afterKey) query.where('id', '<', afterKey);
    const rows = (await query) as NoticeRow[];
    return toConnection(rows.map(toNotice), size, (notice) => notice.id);
  }

  /** Marks every notice past its expiry as expired and publishes `notice.expired` for each. */
  async expireDue(ctx: Ctx, now: Date = new Date()): Promise<number> {
    return inTransaction(ctx, async (trx) => {
      const due = (await trx.db('example_store_notice').where('status', 'active').where('expires_at', '<=', now.getTime()).select('id')) as { id: string }[];
      if (due.length === 0) return 0;
      await trx.db('example_store_notice').whereIn('id', due.map((d) => d.id)).update({ status: 'expired' });
      for (const { id } of due) await this.events.publish(trx, 'notice.expired', { noticeId: id });
      return due.length;
    });
  }

  /** Records what happened to a notice, once per event (the subscriber's idempotency). */
  async recordActivity(ctx: Ctx, eventId: string, noticeId: string, kind: string): Promise<void> {
    await ctx.db('example_notice_activity').insert({ event_id: eventId, notice_id: noticeId, kind, recorded_at: Date.now() }).onConflict('event_id').ignore();
  }

  /** The activity recorded for a notice, oldest first. */
  async activity(ctx: Ctx, noticeIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = (await ctx.db('example_notice_activity').whereIn('notice_id', noticeIds).orderBy('event_id').select('notice_id', 'kind')) as { notice_id: string; kind: string }[];
    const byNotice = new Map<string, string[]>(noticeIds.map((id) => [id, []]));
    for (const row of rows) byNotice.get(row.notice_id)?.push(row.kind);
    return byNotice;
  }
}
