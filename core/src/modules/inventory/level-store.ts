import type { Knex } from 'knex';
import { InventoryTables as T } from './inventory.tables.js';
import type { LevelRow } from './inventory.records.js';

type Db = Knex | Knex.Transaction;

/** The condition under which a level change applies (see {@link levelStore.change}). */
export type LevelGuard = { available: { safetyStock: number } } | { nonNegative: true } | { onHandIs: number };

/**
 * The SQL that changes `inventory_level`. Every change that depends on what is there is ONE
 * conditional UPDATE whose WHERE clause holds the condition, and the caller checks the number
 * of affected rows — never a read followed by a write, so two connections can never both take
 * the last unit (the database serializes the two UPDATEs on the row and re-checks the WHERE).
 */
export const levelStore = {
  /** Creates the (variant, location) level at zero when missing; concurrent callers are fine. */
  async ensure(db: Db, variantId: string, locationId: string, now: number): Promise<void> {
    await db(T.level)
      .insert({ variant_id: variantId, location_id: locationId, on_hand: 0, reserved: 0, updated_at: now })
      .onConflict(['variant_id', 'location_id'])
      .ignore();
  },

  /** The level row, or undefined. */
  async read(db: Db, variantId: string, locationId: string): Promise<LevelRow | undefined> {
    return (await db(T.level).where({ variant_id: variantId, location_id: locationId }).first()) as LevelRow | undefined;
  },

  /**
   * reserved += n when on_hand − reserved − safetyStock ≥ n. True when the units were taken.
   */
  async reserve(db: Db, variantId: string, locationId: string, n: number, safetyStock: number, now: number): Promise<boolean> {
    const affected = await db(T.level)
      .where({ variant_id: variantId, location_id: locationId })
      .whereRaw('on_hand - reserved - ? >= ?', [safetyStock, n])
      .update({ reserved: db.raw('reserved + ?', [n]), updated_at: now });
    return affected === 1;
  },

  /** reserved −= n (a reservation ended; the caller made sure it ends only once). */
  async unreserve(db: Db, variantId: string, locationId: string, n: number, now: number): Promise<void> {
    await db(T.level)
      .where({ variant_id: variantId, location_id: locationId })
      .update({ reserved: db.raw('reserved - ?', [n]), updated_at: now });
  },

  /**
   * on_hand += delta and reserved += reservedDelta, under an optional guard:
   * `available` — on_hand − reserved − safetyStock ≥ −delta (a sale of what is available);
   * `nonNegative` — on_hand + delta ≥ 0 (an adjustment may not invent negative stock);
   * `onHandIs` — on_hand is still what the caller saw (a count's compare-and-set).
   * True when the row changed.
   */
  async change(
    db: Db,
    variantId: string,
    locationId: string,
    delta: number,
    options: { reservedDelta?: number; guard?: LevelGuard; now: number },
  ): Promise<boolean> {
    const query = db(T.level).where({ variant_id: variantId, location_id: locationId });
    const guard = options.guard;
    if (guard && 'available' in guard) query.whereRaw('on_hand - reserved - ? >= ?', [guard.available.safetyStock, -delta]);
    if (guard && 'nonNegative' in guard) query.whereRaw('on_hand + ? >= 0', [delta]);
    if (guard && 'onHandIs' in guard) query.where('on_hand', guard.onHandIs);
    const changes: Record<string, unknown> = { on_hand: db.raw('on_hand + ?', [delta]), updated_at: options.now };
    if (options.reservedDelta) changes.reserved = db.raw('reserved + ?', [options.reservedDelta]);
    return (await query.update(changes)) === 1;
  },

  /** Sets or clears the low-stock threshold. */
  async setThreshold(db: Db, variantId: string, locationId: string, threshold: number | null, now: number): Promise<void> {
    await db(T.level).where({ variant_id: variantId, location_id: locationId }).update({ low_stock_threshold: threshold, updated_at: now });
  },

  /** Marks the level as below threshold; true only for the call that made the mark (once per crossing). */
  async markLow(db: Db, variantId: string, locationId: string, now: number): Promise<boolean> {
    return (await db(T.level).where({ variant_id: variantId, location_id: locationId }).whereNull('low_stock_since').update({ low_stock_since: now })) === 1;
  },

  /** Clears the below-threshold mark (stock rose again, or the threshold changed). */
  async clearLow(db: Db, variantId: string, locationId: string): Promise<void> {
    await db(T.level).where({ variant_id: variantId, location_id: locationId }).whereNotNull('low_stock_since').update({ low_stock_since: null });
  },
};
