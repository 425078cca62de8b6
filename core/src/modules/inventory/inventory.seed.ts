import type { Ctx } from '../../kernel/context.js';
import type { PluginScope } from '../../kernel/plugin.js';
import { CatalogService } from '../catalog/index.js';
import { LocationService } from './locations/index.js';
import { InventoryTables as T } from './inventory.tables.js';
import { StockOperations } from './stock-operations.js';

/** Low-stock threshold the demo sets at stores (so some demo levels show as low). */
export const DEMO_STORE_THRESHOLD = 3;

/**
 * A fixed, varied quantity for the demo: mostly 4–30 units, some 0 and some 1–2 (below the
 * store threshold), different per variant and location.
 */
export function demoQuantity(variantIndex: number, locationIndex: number): number {
  const n = (variantIndex * 7 + locationIndex * 13) % 29;
  if (n % 9 === 0) return 0;
  if (n % 7 === 0) return 1 + (n % 2);
  return 4 + n;
}

/**
 * Demo seed: stock for every demo variant at every active demo location, booked as receipts
 * (so the ledger explains every unit), with a low-stock threshold at stores. Reads the
 * catalog's and locations' demo rows through their services; does nothing when either is
 * empty, or when stock was already booked.
 */
export async function seedDemoInventory(ctx: Ctx, scope: PluginScope<unknown>): Promise<void> {
  if (await ctx.db(T.movement).first('id')) {
    scope.logger.info('inventory already has movements; demo stock not seeded again');
    return;
  }
  const locations = (await scope.container.resolve(LocationService).list(ctx, { first: 100 })).edges.map((e) => e.node).filter((l) => l.status === 'active');
  const variantIds: string[] = [];
  for await (const batch of scope.container.resolve(CatalogService).streamProducts(ctx)) {
    for (const product of batch) for (const variant of product.variants) variantIds.push(variant.id);
  }
  if (locations.length === 0 || variantIds.length === 0) {
    scope.logger.info({ locations: locations.length, variants: variantIds.length }, 'no demo locations or variants; demo stock not seeded');
    return;
  }
  const operations = scope.container.resolve(StockOperations);
  for (const [v, variantId] of variantIds.entries()) {
    for (const [l, location] of locations.entries()) {
      const quantity = demoQuantity(v, l);
      if (quantity > 0) await operations.receive(ctx, { variantId, locationId: location.id, quantity, reason: 'Demo opening stock' });
      if (location.type === 'store') await operations.setLowStockThreshold(ctx, { variantId, locationId: location.id, threshold: DEMO_STORE_THRESHOLD });
    }
  }
  scope.logger.info({ variants: variantIds.length, locations: locations.length }, 'seeded demo stock');
}
