import type { Ctx } from '../../kernel/context.js';
import type { EventBus } from '../../events/event-bus.js';
import { levelStore } from './level-store.js';
import { toLevel, type StockLevel } from './inventory.records.js';

/**
 * Re-reads a level after a change in the same transaction and raises `inventory.low_stock`
 * when available crossed below the threshold: once per crossing, because the mark
 * (`low_stock_since`) is set by a conditional update and only its winner publishes. The mark
 * is cleared when available is back at or above the threshold. Returns the level.
 */
export async function checkLowStock(ctx: Ctx, events: EventBus, variantId: string, locationId: string, now: number): Promise<StockLevel | null> {
  const row = await levelStore.read(ctx.db, variantId, locationId);
  if (!row) return null;
  const level = toLevel(row);
  const threshold = level.lowStockThreshold;
  if (threshold !== null && level.available < threshold) {
    if (row.low_stock_since === null && (await levelStore.markLow(ctx.db, variantId, locationId, now))) {
      await events.publish(ctx, 'inventory.low_stock', { variantId, locationId, available: level.available, threshold });
    }
  } else if (row.low_stock_since !== null) {
    await levelStore.clearLow(ctx.db, variantId, locationId);
  }
  return level;
}
