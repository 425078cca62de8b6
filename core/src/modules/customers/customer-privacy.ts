import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import type { CustomerDataSource } from '../../kernel/customer-data.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { EventTables } from '../../events/event-records.js';
import { dialectOf } from '../../db/database.js';
import { fromJson, toJson } from '../../db/json-column.js';
import { inTransaction } from '../../db/transaction.js';
import { CustomerTables as T } from './customer.migrations.js';
import { CustomerPermission as P } from './customer.permissions.js';
import type { CustomerRow } from './customer.records.js';
import { CustomerTokens } from './customer.tokens.js';

/** Format tag of {@link CustomerExport} documents. */
export const CUSTOMER_EXPORT_FORMAT = 'plaza.customer-export.v1';

/** Everything stored about a customer, as the export hands it over (a GDPR access request). */
export interface CustomerExport {
  format: typeof CUSTOMER_EXPORT_FORMAT;
  customerId: string;
  exportedAt: string;
  /** Records that were merged into this customer (their rows are included). */
  mergedCustomerIds: string[];
  /**
   * Rows per label of every declared `customerData` source (this module's and every plugin's),
   * plus `merges` and `erasures`: columns as stored minus secrets, JSON parsed, `…_at` epochs as
   * ISO strings.
   */
  records: Record<string, Record<string, unknown>[]>;
}

/** What an erasure cleared. */
export interface ErasureResult {
  erasureId: string;
  customerId: string;
  erasedAt: Date;
  /** Rows deleted or anonymised per label. */
  cleared: Record<string, number>;
}

/** Delivery events: the only events whose payload holds personal data (an e-mail and a token). */
const DELIVERY_EVENTS = ['customer.email_verification_requested', 'customer.password_reset_requested'] as const;
const ERASED = '[erased]';

type ColumnKinds = Map<string, 'json' | 'boolean' | 'integer' | 'other'>;

function columnKind(type: string): 'json' | 'boolean' | 'integer' | 'other' {
  const t = type.toLowerCase();
  if (t === 'json' || t === 'jsonb') return 'json';
  if (t === 'boolean' || t === 'bool') return 'boolean';
  if (t === 'bigint' || t === 'integer' || t === 'int' || t === 'int8' || t === 'int4' || t === 'smallint') return 'integer';
  return 'other';
}

function erasedValue(how: NonNullable<CustomerDataSource['personal']>[string]): unknown {
  switch (how) {
    case 'null':
      return null;
    case 'redact':
      return ERASED;
    case 'empty_object':
      return toJson({});
    case 'empty_array':
      return toJson([]);
  }
}

/**
 * Privacy requests (permission `customers.privacy`). **Export** gathers every row about a
 * customer from every declared `customerData` source — this module's and every plugin's — into
 * one JSON document. **Erase** anonymises a customer in one transaction: rows of sources that
 * say `onErase: 'delete'` go (identities, addresses, account, sessions, tokens, merge
 * suggestions), the `personal` columns of the others are cleared while the rows (orders, ledger
 * entries, purchases, the timeline) stay for accounting; the delivery events' e-mails and tokens
 * are scrubbed from the outbox; the erasure is recorded, audited and published. Both cover the
 * records merged into the customer.
 */
@injectable()
export class CustomerPrivacy {
  private readonly columns = new Map<string, ColumnKinds>();

  constructor(
    @inject(Tokens.Plugins) private readonly registry: PluginRegistry,
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(CustomerTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** Everything known about a customer as JSON. Audited (`customer.exported`, counts only). */
  async export(ctx: Ctx, customerId: string): Promise<CustomerExport> {
    requirePermission(ctx, P.Privacy);
    return inTransaction(ctx, async (trx) => {
      await this.subject(trx, customerId);
      const ids = await this.idsOf(trx, customerId);
      const records: Record<string, Record<string, unknown>[]> = {};
      for (const source of this.registry.customerData) {
        const kinds = await this.columnKinds(trx, source.table);
        const query = trx.db(source.table).whereIn(source.customerColumn, ids);
        if (kinds.has('id')) query.orderBy('id');
        const rows = (await query) as Record<string, unknown>[];
        const exclude = new Set(source.exportExclude ?? []);
        (records[source.label] ??= []).push(...rows.map((row) => this.exportRow(row, kinds, exclude)));
      }
      for (const [label, table, columns] of [
        ['merges', T.merge, ['survivor_id', 'merged_id']],
        ['erasures', T.erasure, ['customer_id']],
      ] as const) {
        const kinds = await this.columnKinds(trx, table);
        const rows = (await trx.db(table).where((q) => columns.forEach((c) => q.orWhereIn(c, ids))).orderBy('id')) as Record<string, unknown>[];
        records[label] = rows.map((row) => this.exportRow(row, kinds, new Set()));
      }
      const counts = Object.fromEntries(Object.entries(records).map(([label, rows]) => [label, rows.length]));
      await this.audit.record(trx, { action: 'customer.exported', entityType: 'customer', entityId: customerId, after: { records: counts } });
      return { format: CUSTOMER_EXPORT_FORMAT, customerId, exportedAt: new Date().toISOString(), mergedCustomerIds: ids.filter((id) => id !== customerId), records };
    });
  }

  /**
   * Erases a customer's personal data (see the class comment). `reason` is kept with the erasure
   * record (write no personal data in it). CONFLICT `CUSTOMER_ERASED` when already erased,
   * `CUSTOMER_MERGED` for a merged record (erase the customer it was merged into).
   */
  async erase(ctx: Ctx, customerId: string, reason: string): Promise<ErasureResult> {
    const actor = requirePermission(ctx, P.Privacy);
    const why = (reason ?? '').trim();
    if (why.length === 0 || why.length > 500) throw errors.badInput('Say why the customer is erased (1–500 characters)', [{ path: 'reason', message: 'must be 1–500 characters' }], 'ERASURE_REASON_INVALID');
    return inTransaction(ctx, async (trx) => {
      const customer = await this.subject(trx, customerId, true);
      if (customer.status === 'erased') throw new PlazaError('CONFLICT', 'This customer was already erased', { reason: 'CUSTOMER_ERASED' });
      const ids = await this.idsOf(trx, customerId);
      const cleared: Record<string, number> = {};
      const count = (label: string, n: number) => {
        if (n > 0) cleared[label] = (cleared[label] ?? 0) + n;
      };
      for (const source of this.registry.customerData) {
        const rows = trx.db(source.table).whereIn(source.customerColumn, ids);
        if (source.onErase === 'delete') {
          count(source.label, await rows.delete());
          continue;
        }
        const personal = Object.entries(source.personal ?? {});
        if (personal.length === 0) continue;
        count(source.label, await rows.update(Object.fromEntries(personal.map(([column, how]) => [column, erasedValue(how)]))));
      }
      const now = Date.now();
      await trx.db(T.customer).where('id', customerId).update({ status: 'erased', erased_at: now, updated_at: now, default_shipping_address_id: null, default_billing_address_id: null });
      count('delivery events', await this.scrubOutbox(trx, ids));
      const erasureId = newId('cer');
      await trx.db(T.erasure).insert({ id: erasureId, customer_id: customerId, actor_id: actor.id, reason: why, cleared: toJson(cleared), erased_at: now });
      await this.audit.record(trx, { action: 'customer.erased', entityType: 'customer', entityId: customerId, after: { erasureId, cleared } });
      await this.events.publish(trx, 'customer.erased', { customerId, erasureId });
      trx.loaders.clearAll();
      return { erasureId, customerId, erasedAt: new Date(now), cleared };
    });
  }

  /** The customer a privacy request is about; CONFLICT for a merged record. */
  private async subject(ctx: Ctx, customerId: string, lock = false): Promise<Pick<CustomerRow, 'id' | 'status' | 'merged_into_id'>> {
    const query = ctx.db(T.customer).where('id', customerId).first('id', 'status', 'merged_into_id');
    if (lock && dialectOf(ctx.db) === 'postgres') query.forUpdate();
    const row = (await query) as Pick<CustomerRow, 'id' | 'status' | 'merged_into_id'> | undefined;
    if (!row) throw errors.notFound('Customer', customerId);
    if (row.status === 'merged') {
      throw new PlazaError('CONFLICT', `This customer was merged into ${row.merged_into_id}; ask for that customer instead`, { reason: 'CUSTOMER_MERGED', details: { mergedIntoId: row.merged_into_id } });
    }
    return row;
  }

  /** The customer and every record merged into it (directly or through earlier merges). */
  private async idsOf(ctx: Ctx, customerId: string): Promise<string[]> {
    const ids = [customerId];
    let frontier = [customerId];
    for (let depth = 0; depth < 20 && frontier.length > 0; depth++) {
      const rows = (await ctx.db(T.customer).whereIn('merged_into_id', frontier).select('id')) as { id: string }[];
      frontier = rows.map((r) => r.id).filter((id) => !ids.includes(id));
      ids.push(...frontier);
    }
    return ids;
  }

  /**
   * Replaces the e-mail and token of the delivery events about these customers in the outbox,
   * and drops the webhook receivers' response bodies for them (a receiver may echo the payload).
   */
  private async scrubOutbox(ctx: Ctx, ids: string[]): Promise<number> {
    const customerIdOf = dialectOf(ctx.db) === 'postgres' ? `payload->>'customerId'` : `json_extract(payload, '$.customerId')`;
    const rows = (await ctx
      .db(EventTables.outbox)
      .whereIn('name', [...DELIVERY_EVENTS])
      .whereRaw(`${customerIdOf} in (${ids.map(() => '?').join(', ')})`, ids)
      .select('id', 'payload')) as { id: string; payload: unknown }[];
    for (const row of rows) {
      const payload = fromJson<Record<string, unknown>>(row.payload);
      await ctx.db(EventTables.outbox).where('id', row.id).update({ payload: toJson({ ...payload, email: ERASED, token: ERASED }) });
    }
    if (rows.length > 0) {
      const deliveries = ctx.db(EventTables.delivery).whereIn('event_id', rows.map((r) => r.id)).select('id');
      await ctx.db(EventTables.webhookAttempt).whereIn('delivery_id', deliveries).update({ response_body: null });
    }
    return rows.length;
  }

  private async columnKinds(ctx: Ctx, table: string): Promise<ColumnKinds> {
    let kinds = this.columns.get(table);
    if (!kinds) {
      const info = await ctx.db(table).columnInfo();
      kinds = new Map(Object.entries(info).map(([column, c]) => [column, columnKind(c.type)]));
      this.columns.set(table, kinds);
    }
    return kinds;
  }

  private exportRow(row: Record<string, unknown>, kinds: ColumnKinds, exclude: ReadonlySet<string>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      if (exclude.has(column)) continue;
      out[column] = this.exportValue(column, value, kinds.get(column) ?? 'other');
    }
    return out;
  }

  private exportValue(column: string, value: unknown, kind: 'json' | 'boolean' | 'integer' | 'other'): unknown {
    if (value === null || value === undefined) return null;
    switch (kind) {
      case 'json':
        try {
          return fromJson(value);
        } catch {
          return value;
        }
      case 'boolean':
        return Boolean(value);
      case 'integer':
        return column.endsWith('_at') ? new Date(Number(value)).toISOString() : Number(value);
      default:
        return value instanceof Date ? value.toISOString() : value;
    }
  }
}
