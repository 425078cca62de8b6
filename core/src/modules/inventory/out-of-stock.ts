import type { Knex } from 'knex';
import { PlazaError } from '../../kernel/errors.js';
import type { StockLineInput } from './inventory.inputs.js';
import { InventoryTables as T } from './inventory.tables.js';

/** A line that could not be served, with what was available to the requester. */
export interface ShortLine {
  variantId: string;
  locationId: string;
  requested: number;
  available: number;
}

/**
 * OUT_OF_STOCK naming every line that could not be served and what was available at that
 * moment (on hand − reserved − the requester's safety stock, at least 0).
 */
export async function outOfStock(db: Knex | Knex.Transaction, lines: { line: StockLineInput; safetyStock: number }[]): Promise<PlazaError> {
  const short: ShortLine[] = [];
  for (const { line, safetyStock } of lines) {
    const row = (await db(T.level).where({ variant_id: line.variantId, location_id: line.locationId }).first('on_hand', 'reserved')) as { on_hand: number | string; reserved: number | string } | undefined;
    const available = row ? Math.max(0, Number(row.on_hand) - Number(row.reserved) - safetyStock) : 0;
    short.push({ variantId: line.variantId, locationId: line.locationId, requested: line.quantity, available });
  }
  const names = short.map((s) => `${s.variantId} at ${s.locationId} (requested ${s.requested}, available ${s.available})`).join('; ');
  return new PlazaError('OUT_OF_STOCK', `Not enough stock: ${names}`, { reason: 'INSUFFICIENT_STOCK', details: { lines: short } });
}
