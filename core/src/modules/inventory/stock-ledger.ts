import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { EventBus } from '../../events/event-bus.js';
import { actorOf } from './inventory-access.js';
import { InventoryTables as T } from './inventory.tables.js';
import { toMovement, type MovementKind, type MovementRow, type StockLevel, type StockMovement, type StockReference } from './inventory.records.js';
import { levelStore, type LevelGuard } from './level-store.js';
import { checkLowStock } from './low-stock.js';

/** One movement to book. */
export interface MovementInput {
  variantId: string;
  locationId: string;
  kind: MovementKind;
  /** Signed change of on hand. */
  quantity: number;
  reason?: string | null;
  platformId?: string | null;
  reference?: StockReference | null;
  idempotencyKey?: string | null;
}

/** How the level may change along with the movement. */
export interface BookOptions {
  /** Also change `reserved` (a committed reservation: −n). */
  reservedDelta?: number;
  /** Only when the units are available (after this safety stock), or only when on hand stays ≥ 0. */
  guard?: LevelGuard;
  now: number;
}

/** A booked movement and the level after it. */
export interface Booked {
  movement: StockMovement;
  level: StockLevel;
}

/** Is this a foreign-key violation (PostgreSQL 23503, SQLite FOREIGN KEY)? An unknown variant or location id. */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '23503' || e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || /FOREIGN KEY constraint failed/.test(e.message ?? '');
}

/** Creates the level when missing; an unknown variant or location is BAD_USER_INPUT. */
export async function ensureLevel(ctx: Ctx, variantId: string, locationId: string, now: number): Promise<void> {
  try {
    await levelStore.ensure(ctx.db, variantId, locationId, now);
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    throw new PlazaError('BAD_USER_INPUT', `Variant ${variantId} or location ${locationId} does not exist`, {
      reason: 'INVENTORY_TARGET_UNKNOWN',
      fields: [{ path: 'variantId', message: 'variant or location does not exist' }],
      cause: error,
    });
  }
}

/**
 * Books one ledger movement and changes the level by the same quantity in the caller's
 * transaction (`ctx.db`): the invariant sum(movements) = on_hand holds at every commit.
 * Returns null, writing nothing, when the guard refused the change.
 */
export async function bookMovement(ctx: Ctx, events: EventBus, input: MovementInput, options: BookOptions): Promise<Booked | null> {
  if (!Number.isInteger(input.quantity)) throw errors.badInput('Quantities are whole numbers', [{ path: 'quantity', message: 'must be a whole number' }]);
  await ensureLevel(ctx, input.variantId, input.locationId, options.now);
  const changed = await levelStore.change(ctx.db, input.variantId, input.locationId, input.quantity, options);
  if (!changed) return null;
  const row: MovementRow = {
    id: newId('imv'),
    variant_id: input.variantId,
    location_id: input.locationId,
    kind: input.kind,
    quantity: input.quantity,
    reason: input.reason ?? null,
    ...actorOf(ctx),
    platform_id: input.platformId ?? null,
    reference_type: input.reference?.type ?? null,
    reference_id: input.reference?.id ?? null,
    idempotency_key: input.idempotencyKey ?? null,
    created_at: options.now,
  };
  await ctx.db(T.movement).insert(row);
  const level = await checkLowStock(ctx, events, input.variantId, input.locationId, options.now);
  return { movement: toMovement(row), level: level! };
}
