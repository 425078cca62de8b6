import type { Knex } from 'knex';
import { InventoryTables as T } from './inventory.tables.js';

/** One (variant, location) whose level disagrees with its ledger or its reservations. */
export interface StockDrift {
  variantId: string;
  locationId: string;
  /** on_hand stored on the level (0 when the level row is missing). */
  onHand: number;
  /** sum(movement.quantity): what on_hand must be. */
  ledgerOnHand: number;
  /** reserved stored on the level. */
  reserved: number;
  /** sum(quantity) of the active reservations: what reserved must be. */
  activeReserved: number;
}

type Row = { variant_id: string; location_id: string; on_hand: number | string | null; ledger: number | string | null; reserved: number | string | null; held: number | string | null };

/**
 * Checks the two invariants of the inventory for every (variant, location):
 * on_hand = sum(movements) and reserved = sum(active reservations). Returns the pairs where
 * either fails (empty: no drift). Read-only; `plaza inventory:verify` prints it.
 */
export async function findDrift(db: Knex | Knex.Transaction): Promise<StockDrift[]> {
  const ledger = db(T.movement).select('variant_id', 'location_id').sum({ total: 'quantity' }).groupBy('variant_id', 'location_id').as('m');
  const held = db(T.reservation).where('status', 'active').select('variant_id', 'location_id').sum({ total: 'quantity' }).groupBy('variant_id', 'location_id').as('r');
  const fromLevels = (await db(`${T.level} as l`)
    .leftJoin(ledger, (j) => j.on('m.variant_id', 'l.variant_id').andOn('m.location_id', 'l.location_id'))
    .leftJoin(held, (j) => j.on('r.variant_id', 'l.variant_id').andOn('r.location_id', 'l.location_id'))
    .whereRaw('l.on_hand <> coalesce(m.total, 0)')
    .orWhereRaw('l.reserved <> coalesce(r.total, 0)')
    .select('l.variant_id', 'l.location_id', 'l.on_hand', 'l.reserved', db.raw('coalesce(m.total, 0) as ledger'), db.raw('coalesce(r.total, 0) as held'))) as Row[];
  // Ledger entries or reservations whose level row is gone count as drift too.
  const noLevel = (alias: string) => db(T.level).whereRaw(`variant_id = ${alias}.variant_id`).andWhereRaw(`location_id = ${alias}.location_id`).select(db.raw('1'));
  const orphanLedger = (await db(`${T.movement} as o`).whereNotExists(noLevel('o')).groupBy('o.variant_id', 'o.location_id')
    .select('o.variant_id', 'o.location_id', db.raw('null as on_hand'), db.raw('null as reserved'), db.raw('sum(o.quantity) as ledger'), db.raw('0 as held'))) as Row[];
  const orphanHeld = (await db(`${T.reservation} as o`).where('o.status', 'active').whereNotExists(noLevel('o')).groupBy('o.variant_id', 'o.location_id')
    .select('o.variant_id', 'o.location_id', db.raw('null as on_hand'), db.raw('null as reserved'), db.raw('0 as ledger'), db.raw('sum(o.quantity) as held'))) as Row[];
  const orphans = [...orphanLedger, ...orphanHeld];
  const drift = new Map<string, StockDrift>();
  for (const row of fromLevels) {
    drift.set(`${row.variant_id}@${row.location_id}`, { variantId: row.variant_id, locationId: row.location_id, onHand: Number(row.on_hand), ledgerOnHand: Number(row.ledger), reserved: Number(row.reserved), activeReserved: Number(row.held) });
  }
  for (const row of orphans) {
    const key = `${row.variant_id}@${row.location_id}`;
    const entry = drift.get(key) ?? { variantId: row.variant_id, locationId: row.location_id, onHand: 0, ledgerOnHand: 0, reserved: 0, activeReserved: 0 };
    entry.ledgerOnHand += Number(row.ledger ?? 0);
    entry.activeReserved += Number(row.held ?? 0);
    drift.set(key, entry);
  }
  return [...drift.values()]
    .filter((d) => d.onHand !== d.ledgerOnHand || d.reserved !== d.activeReserved)
    .sort((a, b) => (a.variantId === b.variantId ? a.locationId.localeCompare(b.locationId) : a.variantId.localeCompare(b.variantId)));
}
