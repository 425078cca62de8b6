import type { Knex } from 'knex';
import { permissionScope, requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { InventoryPermission as P } from './inventory.permissions.js';
import {
  toLevel, toMovement, toReservation,
  type LevelRow, type MovementKind, type MovementRow, type ReservationRow, type ReservationStatus, type StockLevel, type StockMovement, type StockReservation,
} from './inventory.records.js';
import { InventoryTables as T } from './inventory.tables.js';

/** Filters of the levels list. */
export interface LevelFilter {
  variantId?: string | null;
  locationId?: string | null;
  /** Only levels whose available is below their low-stock threshold. */
  belowThreshold?: boolean | null;
}

/** Filters of the movements list. */
export interface MovementFilter {
  variantId?: string | null;
  locationId?: string | null;
  kind?: MovementKind | null;
  reference?: { type: string; id: string } | null;
  /** Created at or after. */
  from?: Date | string | null;
  /** Created before. */
  to?: Date | string | null;
}

/** Filters of the reservations list. */
export interface ReservationFilter {
  variantId?: string | null;
  locationId?: string | null;
  status?: ReservationStatus | null;
  reference?: { type: string; id: string } | null;
}

/** Limits a query to the locations where the actor holds `inventory.read` (nothing when none). */
export function limitToReadableLocations(ctx: Ctx, query: Knex.QueryBuilder, column: string): void {
  const actor = requirePermission(ctx, P.Read);
  const scope = permissionScope(actor, P.Read);
  if (!scope.all && !scope.unscopedLocations) query.whereIn(column, [...scope.locationIds]);
}

function epoch(value: Date | string, path: string): number {
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) throw errors.badInput(`${path} is not a date`, [{ path, message: 'is not a date' }]);
  return ms;
}

function keyCursor(afterKey: string): [string, string] {
  try {
    const parsed = JSON.parse(afterKey) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) return parsed as [string, string];
  } catch {
    // falls through
  }
  throw errors.badInput('The cursor is not valid; use an endCursor from a previous page', [{ path: 'after', message: 'invalid cursor' }], 'CURSOR_INVALID');
}

/** A page of levels, by variant then location. */
export async function listLevels(ctx: Ctx, args: PageArgs & { filter?: LevelFilter | null }): Promise<Connection<StockLevel>> {
  const { size, afterKey } = readPageArgs(args);
  const filter = args.filter ?? {};
  const query = ctx.db(T.level).select('*');
  limitToReadableLocations(ctx, query, 'location_id');
  if (filter.variantId) query.where('variant_id', filter.variantId);
  if (filter.locationId) query.where('location_id', filter.locationId);
  if (filter.belowThreshold) query.whereNotNull('low_stock_threshold').whereRaw('on_hand - reserved < low_stock_threshold');
  if (afterKey) {
    const [variantId, locationId] = keyCursor(afterKey);
    query.where((q) => q.where('variant_id', '>', variantId).orWhere((q2) => q2.where('variant_id', variantId).andWhere('location_id', '>', locationId)));
  }
  const rows = (await query.orderBy([{ column: 'variant_id' }, { column: 'location_id' }]).limit(size + 1)) as LevelRow[];
  return toConnection(rows.map(toLevel), size, (l) => JSON.stringify([l.variantId, l.locationId]));
}

/** A page of ledger movements, newest first. */
export async function listMovements(ctx: Ctx, args: PageArgs & { filter?: MovementFilter | null }): Promise<Connection<StockMovement>> {
  const { size, afterKey } = readPageArgs(args);
  const filter = args.filter ?? {};
  const query = ctx.db(T.movement).select('*');
  limitToReadableLocations(ctx, query, 'location_id');
  if (filter.variantId) query.where('variant_id', filter.variantId);
  if (filter.locationId) query.where('location_id', filter.locationId);
  if (filter.kind) query.where('kind', filter.kind);
  if (filter.reference) query.where({ reference_type: filter.reference.type, reference_id: filter.reference.id });
  if (filter.from) query.where('created_at', '>=', epoch(filter.from, 'filter.from'));
  if (filter.to) query.where('created_at', '<', epoch(filter.to, 'filter.to'));
  if (afterKey) query.where('id', '<', afterKey);
  const rows = (await query.orderBy('id', 'desc').limit(size + 1)) as MovementRow[];
  return toConnection(rows.map(toMovement), size, (m) => m.id);
}

/** A page of reservations, newest first. */
export async function listReservations(ctx: Ctx, args: PageArgs & { filter?: ReservationFilter | null }): Promise<Connection<StockReservation>> {
  const { size, afterKey } = readPageArgs(args);
  const filter = args.filter ?? {};
  const query = ctx.db(T.reservation).select('*');
  limitToReadableLocations(ctx, query, 'location_id');
  if (filter.variantId) query.where('variant_id', filter.variantId);
  if (filter.locationId) query.where('location_id', filter.locationId);
  if (filter.status) query.where('status', filter.status);
  if (filter.reference) query.where({ reference_type: filter.reference.type, reference_id: filter.reference.id });
  if (afterKey) query.where('id', '<', afterKey);
  const rows = (await query.orderBy('id', 'desc').limit(size + 1)) as ReservationRow[];
  return toConnection(rows.map(toReservation), size, (r) => r.id);
}

/** One level (zeros when nothing was ever booked there). Needs `inventory.read` at the location. */
export async function getLevel(ctx: Ctx, variantId: string, locationId: string): Promise<StockLevel> {
  requirePermission(ctx, P.Read, { locationId });
  const row = (await ctx.db(T.level).where({ variant_id: variantId, location_id: locationId }).first()) as LevelRow | undefined;
  return row ? toLevel(row) : { variantId, locationId, onHand: 0, reserved: 0, available: 0, lowStockThreshold: null, lowStock: false, updatedAt: new Date(0).toISOString() };
}
