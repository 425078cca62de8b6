import type { Ctx } from '../../kernel/context.js';
import { openSpans, type StockLocation } from '../inventory/locations/index.js';

/**
 * When a new pickup order at `location` would be ready, given `queued` open pickup orders
 * ahead of it there: staff prepare one order at a time (a parallelism of 1), each taking the
 * location's preparation time, and only while the location is open. The work — (queued + 1) ×
 * preparation minutes — is laid over the location's opening spans from `now`: whatever does
 * not fit before closing continues at the next opening. Null when it does not fit in the
 * next 14 days of opening hours.
 */
export function queuedReadyAt(location: Pick<StockLocation, 'openingHours' | 'timeZone' | 'preparationMinutes'>, queued: number, now: Date): Date | null {
  let work = (queued + 1) * location.preparationMinutes * 60_000;
  let at = now.getTime();
  if (location.openingHours === null) return new Date(at + work);
  for (const span of openSpans(location.openingHours, location.timeZone, now, 14)) {
    if (span.end <= at) continue;
    const start = Math.max(span.start, at);
    const room = span.end - start;
    if (work <= room) return new Date(start + work);
    work -= room;
    at = span.end;
  }
  return null;
}

/**
 * Open pickup orders per location not yet ready: the orders module's `sales_order` rows with
 * mode pickup/order_ahead in state placed/accepted (one grouped statement). Zero everywhere
 * when the orders tables are not there (a Plaza without the orders module).
 */
export async function pickupQueues(ctx: Ctx, locationIds: readonly string[]): Promise<Map<string, number>> {
  const queues = new Map<string, number>();
  if (locationIds.length === 0) return queues;
  try {
    const rows = (await ctx
      .db('sales_order')
      .whereIn('pickup_location_id', [...locationIds])
      .whereIn('mode', ['pickup', 'order_ahead'])
      .whereIn('state', ['placed', 'accepted'])
      .groupBy('pickup_location_id')
      .select('pickup_location_id')
      .count({ n: '*' })) as { pickup_location_id: string; n: number | string }[];
    for (const row of rows) queues.set(row.pickup_location_id, Number(row.n));
  } catch (error) {
    ctx.logger.warn({ err: error }, 'carts: could not read the pickup queue; assuming none');
  }
  return queues;
}
