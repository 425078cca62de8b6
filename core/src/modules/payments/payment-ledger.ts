import { injectable } from 'tsyringe';
import { permissionScope, requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { parseInput } from '../../kernel/field-errors.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { ledgerFilter, reportInput, type LedgerFilter, type ReportInput } from './payment.inputs.js';
import { PaymentTables as T } from './payment.migrations.js';
import { PaymentPermission as P } from './payment.permissions.js';
import { toTransaction, utcDay, type PaymentTransaction, type TransactionRow } from './payment.records.js';

/** One row of the payments report: a platform × method × currency × UTC day. */
export interface PaymentsReportRow {
  platformId: string;
  method: string;
  currency: string;
  day: string;
  captured: number;
  refunded: number;
  net: number;
  /** Succeeded captures and refunds counted. */
  count: number;
}

/** The ledger and the payments report (admin reads, scoped to the platforms the actor may read). */
@injectable()
export class PaymentLedger {
  /** Ledger rows, newest first, filtered. */
  async list(ctx: Ctx, args: PageArgs & { filter?: LedgerFilter | null } = {}): Promise<Connection<PaymentTransaction>> {
    const filter = parseInput(ledgerFilter, args.filter ?? {}, 'ledger filter', 'LEDGER_FILTER_INVALID', 'filter');
    const actor = requirePermission(ctx, P.Read, { platformId: filter.platformId ?? null });
    const page = readPageArgs(args);
    const query = ctx.db(T.transaction).orderBy('id', 'desc').limit(page.size + 1);
    if (filter.platformId) query.where('platform_id', filter.platformId);
    if (filter.orderId) query.where('order_id', filter.orderId);
    if (filter.method) query.where('method', filter.method);
    if (filter.provider) query.where('provider', filter.provider);
    if (filter.kind) query.where('kind', filter.kind);
    if (filter.status) query.where('status', filter.status);
    if (filter.from) query.where('created_at', '>=', filter.from.getTime());
    if (filter.to) query.where('created_at', '<', filter.to.getTime());
    if (page.afterKey) query.where('id', '<', page.afterKey);
    const scope = permissionScope(actor, P.Read);
    if (!scope.all && !scope.unscopedPlatforms) query.whereIn('platform_id', [...scope.platformIds]);
    const rows = (await query) as TransactionRow[];
    return toConnection(rows.map(toTransaction), page.size, (t) => t.id);
  }

  /**
   * Succeeded captures and refunds from `from` (inclusive) to `to` (exclusive), grouped by
   * platform, method, currency and UTC day; net = captured − refunded.
   */
  async report(ctx: Ctx, raw: ReportInput): Promise<PaymentsReportRow[]> {
    const input = parseInput(reportInput, raw, 'payments report', 'REPORT_INPUT_INVALID');
    const actor = requirePermission(ctx, P.Read, { platformId: input.platformId ?? null });
    const query = ctx
      .db(T.transaction)
      .select('platform_id', 'method', 'currency', 'day')
      .select(ctx.db.raw(`coalesce(sum(case when kind = 'capture' then amount else 0 end), 0) as captured`))
      .select(ctx.db.raw(`coalesce(sum(case when kind = 'refund' then amount else 0 end), 0) as refunded`))
      .count({ count: '*' })
      .where('status', 'succeeded')
      .whereIn('kind', ['capture', 'refund'])
      .where('created_at', '>=', input.from.getTime())
      .where('created_at', '<', input.to.getTime())
      .groupBy('platform_id', 'method', 'currency', 'day')
      .orderBy([{ column: 'day' }, { column: 'platform_id' }, { column: 'method' }, { column: 'currency' }]);
    if (input.platformId) query.where('platform_id', input.platformId);
    const scope = permissionScope(actor, P.Read);
    if (!scope.all && !scope.unscopedPlatforms) query.whereIn('platform_id', [...scope.platformIds]);
    const rows = (await query) as { platform_id: string; method: string; currency: string; day: string; captured: string | number; refunded: string | number; count: string | number }[];
    return rows.map((r) => ({
      platformId: r.platform_id,
      method: r.method,
      currency: r.currency,
      day: r.day,
      captured: Number(r.captured),
      refunded: Number(r.refunded),
      net: Number(r.captured) - Number(r.refunded),
      count: Number(r.count),
    }));
  }
}

export { utcDay };
