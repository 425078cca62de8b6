import type { Ctx } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import type { PluginScope, ScalePlan } from '../../kernel/plugin.js';
import { inTransaction } from '../../db/transaction.js';
import { CatalogService } from '../catalog/index.js';
import { LocationService } from './locations/index.js';
import { InventoryTables as T } from './inventory.tables.js';

/** Locations each generated variant is stocked at (of the active ones). */
const LOCATIONS_PER_VARIANT = 6;
/** Rows per INSERT statement (well under SQLite's bound-parameter limit). */
const CHUNK = 500;

/** A cheap deterministic hash of an id, for spreading stock. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * `plaza seed --scale N`, inventory part: every variant without stock gets a level at
 * {@link LOCATIONS_PER_VARIANT} of the active locations (picked by a hash of its id) with a
 * receipt movement of the same quantity, so the ledger balances (`inventory:verify` stays
 * clean). Bulk inserts, one transaction per catalog batch.
 */
export async function seedInventoryScale(ctx: Ctx, scope: PluginScope<unknown>, plan: ScalePlan): Promise<void> {
  const locations = (await scope.container.resolve(LocationService).list(ctx, { first: 100 })).edges.map((e) => e.node).filter((l) => l.status === 'active');
  if (locations.length === 0) return;
  const total = plan.products * plan.variantsPerProduct;
  let done = 0;
  for await (const batch of scope.container.resolve(CatalogService).streamProducts(ctx, { batchSize: 500 })) {
    const variantIds = batch.flatMap((p) => p.variants.map((v) => v.id));
    if (variantIds.length === 0) continue;
    await inTransaction(ctx, async (trx) => {
      const stocked = new Set(((await trx.db(T.level).whereIn('variant_id', variantIds).distinct('variant_id')) as { variant_id: string }[]).map((r) => r.variant_id));
      const now = Date.now();
      const levels = new Map<string, object>();
      const movements: object[] = [];
      for (const variantId of variantIds) {
        if (stocked.has(variantId)) continue;
        const h = hash(variantId);
        for (let k = 0; k < Math.min(LOCATIONS_PER_VARIANT, locations.length); k++) {
          const location = locations[(h + k * 7) % locations.length]!;
          const quantity = (h >>> (k % 16)) % 40;
          const key = `${variantId}@${location.id}`;
          if (levels.has(key)) continue;
          // Every variant gets its levels (some at zero: sold out there); a receipt only for stock.
          levels.set(key, { variant_id: variantId, location_id: location.id, on_hand: quantity, reserved: 0, updated_at: now });
          if (quantity > 0) movements.push({ id: newId('imv'), variant_id: variantId, location_id: location.id, kind: 'receipt', quantity, reason: 'Scale seed', actor_kind: 'system', actor_id: 'system', created_at: now });
        }
      }
      const rows = [...levels.values()];
      for (let i = 0; i < rows.length; i += CHUNK) await trx.db(T.level).insert(rows.slice(i, i + CHUNK));
      for (let i = 0; i < movements.length; i += CHUNK) await trx.db(T.movement).insert(movements.slice(i, i + CHUNK));
    });
    done += variantIds.length;
    plan.progress('stock levels (variants)', Math.min(done, total), total);
  }
}
