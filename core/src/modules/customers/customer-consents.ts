import { inject, injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { parseInput } from '../../kernel/field-errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { inTransaction } from '../../db/transaction.js';
import { CustomerTables as T } from './customer.migrations.js';
import { consentInput, type ConsentInput } from './customer.inputs.js';

/** A customer's current answer for one purpose and channel. */
export interface Consent {
  purpose: string;
  channel: string;
  granted: boolean;
  wordingVersion: string;
  platformId: string | null;
  source: string;
  recordedAt: Date;
}

interface ConsentRow {
  id: string;
  purpose: string;
  channel: string;
  granted: boolean | number;
  wording_version: string;
  platform_id: string | null;
  source: string;
  recorded_at: number | string;
}

function toConsent(row: ConsentRow): Consent {
  return { purpose: row.purpose, channel: row.channel, granted: Boolean(row.granted), wordingVersion: row.wording_version, platformId: row.platform_id, source: row.source, recordedAt: new Date(Number(row.recorded_at)) };
}

/**
 * Consents per purpose and channel. Every change is a new row (the history is the proof of
 * what the customer agreed to, when, where and to which wording); the current answer is the
 * latest row. Callers check permissions (the customer themself, or staff with `customers.write`).
 */
@injectable()
export class CustomerConsents {
  constructor(@inject(Tokens.EventBus) private readonly events: EventBus) {}

  /** Records a consent given or withdrawn. `source` says who recorded it (`account`, `staff`, `pos`…). */
  async record(ctx: Ctx, customerId: string, input: ConsentInput, source: string, platformId: string | null): Promise<Consent> {
    const data = parseInput(consentInput, input, 'consent', 'CONSENT_INVALID');
    return inTransaction(ctx, async (trx) => {
      const row: ConsentRow & { customer_id: string } = {
        id: newId('ccn'),
        customer_id: customerId,
        purpose: data.purpose,
        channel: data.channel,
        granted: data.granted,
        wording_version: data.wordingVersion,
        platform_id: platformId,
        source,
        recorded_at: Date.now(),
      };
      await trx.db(T.consent).insert(row);
      await this.events.publish(trx, 'customer.consent_changed', { customerId, platformId, purpose: data.purpose, channel: data.channel, granted: data.granted, wordingVersion: data.wordingVersion }, { platformId });
      return toConsent(row);
    });
  }

  /** The current answer per purpose and channel. */
  async current(ctx: Ctx, customerId: string): Promise<Consent[]> {
    const rows = (await ctx.db(T.consent).where('customer_id', customerId).orderBy('id')) as ConsentRow[];
    const latest = new Map<string, ConsentRow>();
    for (const row of rows) latest.set(`${row.purpose}\u0000${row.channel}`, row);
    return [...latest.values()].map(toConsent).sort((a, b) => a.purpose.localeCompare(b.purpose) || a.channel.localeCompare(b.channel));
  }

  /** Every consent change, newest first. */
  async history(ctx: Ctx, customerId: string): Promise<Consent[]> {
    const rows = (await ctx.db(T.consent).where('customer_id', customerId).orderBy('id', 'desc').limit(500)) as ConsentRow[];
    return rows.map(toConsent);
  }
}
