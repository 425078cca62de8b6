import type DataLoader from 'dataloader';
import type { Ctx } from '../../kernel/context.js';
import { LocationTables } from '../inventory/locations/location.migrations.js';
import type { Payment, PaymentService } from '../payments/index.js';
import { ProcessTables } from '../processes/index.js';
import { PlatformTables } from '../platforms/platform.migrations.js';
import { OrderTables as T } from './order.migrations.js';
import { toAdjustment, toLine, type AdjustmentRow, type LineRow, type OrderAdjustment, type OrderLine } from './order.records.js';

function grouped<V>(keys: readonly string[], items: V[], keyOf: (v: V) => string): V[][] {
  const by = new Map<string, V[]>(keys.map((k) => [k, []]));
  for (const item of items) by.get(keyOf(item))?.push(item);
  return keys.map((k) => by.get(k) ?? []);
}

/** The request's loaders of the orders module (one query per level of the tree). */
export const orderLoaders = {
  lines(ctx: Ctx): DataLoader<string, OrderLine[]> {
    return ctx.loaders.get<string, OrderLine[]>('orders.linesByOrder', async (ids) => {
      const rows = (await ctx.db(T.line).whereIn('order_id', [...ids]).orderBy(['order_id', 'position'])) as LineRow[];
      return grouped(ids, rows.map(toLine), (l) => l.orderId);
    });
  },
  adjustments(ctx: Ctx): DataLoader<string, OrderAdjustment[]> {
    return ctx.loaders.get<string, OrderAdjustment[]>('orders.adjustmentsByOrder', async (ids) => {
      const rows = (await ctx.db(T.adjustment).whereIn('order_id', [...ids]).orderBy('id')) as AdjustmentRow[];
      return grouped(ids, rows.map(toAdjustment), (a) => a.orderId);
    });
  },
  payments(ctx: Ctx, service: PaymentService): DataLoader<string, Payment[]> {
    return ctx.loaders.get<string, Payment[]>('orders.paymentsByOrder', async (ids) => {
      const byOrder = await service.paymentsOfOrders(ctx, ids);
      return ids.map((id) => byOrder.get(id) ?? []);
    });
  },
  platform(ctx: Ctx): DataLoader<string, { id: string; code: string; name: string } | null> {
    return ctx.loaders.get<string, { id: string; code: string; name: string } | null>('orders.platformById', async (ids) => {
      const rows = (await ctx.db(PlatformTables.platform).whereIn('id', [...ids]).select('id', 'code', 'name')) as { id: string; code: string; name: string }[];
      const by = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => by.get(id) ?? null);
    });
  },
  location(ctx: Ctx): DataLoader<string, { id: string; name: string } | null> {
    return ctx.loaders.get<string, { id: string; name: string } | null>('orders.locationById', async (ids) => {
      const rows = (await ctx.db(LocationTables.location).whereIn('id', [...ids]).select('id', 'name')) as { id: string; name: string }[];
      const by = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => by.get(id) ?? null);
    });
  },
  /** Where the order's process instance stands (id, version, state, seq). */
  instance(ctx: Ctx): DataLoader<string, { id: string; versionId: string; state: string; seq: number } | null> {
    return ctx.loaders.get<string, { id: string; versionId: string; state: string; seq: number } | null>('orders.instanceById', async (ids) => {
      const rows = (await ctx.db(ProcessTables.instance).whereIn('id', [...ids]).select('id', 'version_id', 'state', 'seq')) as { id: string; version_id: string; state: string; seq: string | number }[];
      const by = new Map(rows.map((r) => [r.id, { id: r.id, versionId: r.version_id, state: r.state, seq: Number(r.seq) }]));
      return ids.map((id) => by.get(id) ?? null);
    });
  },
};
