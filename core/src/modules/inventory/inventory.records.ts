import { epochMillis } from '../../db/epoch-column.js';

/** Kinds of ledger movements. Reservations are not movements: they change `reserved` only. */
export type MovementKind = 'receipt' | 'sale' | 'return' | 'adjustment' | 'transfer_out' | 'transfer_in' | 'damage' | 'count_correction';
/** Every movement kind. */
export const MOVEMENT_KINDS: readonly MovementKind[] = ['receipt', 'sale', 'return', 'adjustment', 'transfer_out', 'transfer_in', 'damage', 'count_correction'];

/** What a movement or reservation is for: a cart, an order, a transfer, a POS ticket… */
export interface StockReference {
  type: string;
  id: string;
}

/** A stock level of one variant at one location. Dates are ISO strings (results are replayable JSON). */
export interface StockLevel {
  variantId: string;
  locationId: string;
  onHand: number;
  reserved: number;
  /** onHand − reserved (may be negative after an offline sale). */
  available: number;
  lowStockThreshold: number | null;
  /** Available is below the threshold. */
  lowStock: boolean;
  updatedAt: string;
}

/** One entry of the append-only ledger. */
export interface StockMovement {
  id: string;
  variantId: string;
  locationId: string;
  kind: MovementKind;
  /** Signed: what it added to on hand. */
  quantity: number;
  reason: string | null;
  actorKind: string;
  actorId: string;
  platformId: string | null;
  reference: StockReference | null;
  idempotencyKey: string | null;
  createdAt: string;
}

/** Lifecycle of a reservation. */
export type ReservationStatus = 'active' | 'committed' | 'released' | 'expired';

/** Units held at a location for a reference. */
export interface StockReservation {
  id: string;
  requestId: string;
  variantId: string;
  locationId: string;
  quantity: number;
  platformId: string | null;
  reference: StockReference;
  status: ReservationStatus;
  expiresAt: string | null;
  createdAt: string;
  endedAt: string | null;
}

/** `inventory_level` row. */
export interface LevelRow {
  variant_id: string;
  location_id: string;
  on_hand: number | string;
  reserved: number | string;
  low_stock_threshold: number | string | null;
  low_stock_since: number | string | null;
  updated_at: number | string;
}

/** `inventory_movement` row. */
export interface MovementRow {
  id: string;
  variant_id: string;
  location_id: string;
  kind: MovementKind;
  quantity: number | string;
  reason: string | null;
  actor_kind: string;
  actor_id: string;
  platform_id: string | null;
  reference_type: string | null;
  reference_id: string | null;
  idempotency_key: string | null;
  created_at: number | string;
}

/** `inventory_reservation` row. */
export interface ReservationRow {
  id: string;
  request_id: string;
  variant_id: string;
  location_id: string;
  quantity: number | string;
  platform_id: string | null;
  reference_type: string;
  reference_id: string;
  status: ReservationStatus;
  expires_at: number | string | null;
  created_at: number | string;
  ended_at: number | string | null;
  actor_kind: string;
  actor_id: string;
}

const iso = (value: number | string): string => new Date(epochMillis(value)).toISOString();
const isoOrNull = (value: number | string | null): string | null => (value === null ? null : iso(value));
const intOrNull = (value: number | string | null): number | null => (value === null ? null : Number(value));

/** Maps a level row. */
export function toLevel(row: LevelRow): StockLevel {
  const onHand = Number(row.on_hand);
  const reserved = Number(row.reserved);
  const threshold = intOrNull(row.low_stock_threshold);
  return {
    variantId: row.variant_id,
    locationId: row.location_id,
    onHand,
    reserved,
    available: onHand - reserved,
    lowStockThreshold: threshold,
    lowStock: threshold !== null && onHand - reserved < threshold,
    updatedAt: iso(row.updated_at),
  };
}

/** Maps a movement row. */
export function toMovement(row: MovementRow): StockMovement {
  return {
    id: row.id,
    variantId: row.variant_id,
    locationId: row.location_id,
    kind: row.kind,
    quantity: Number(row.quantity),
    reason: row.reason,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    platformId: row.platform_id,
    reference: row.reference_type && row.reference_id ? { type: row.reference_type, id: row.reference_id } : null,
    idempotencyKey: row.idempotency_key,
    createdAt: iso(row.created_at),
  };
}

/** Maps a reservation row. */
export function toReservation(row: ReservationRow): StockReservation {
  return {
    id: row.id,
    requestId: row.request_id,
    variantId: row.variant_id,
    locationId: row.location_id,
    quantity: Number(row.quantity),
    platformId: row.platform_id,
    reference: { type: row.reference_type, id: row.reference_id },
    status: row.status,
    expiresAt: isoOrNull(row.expires_at),
    createdAt: iso(row.created_at),
    endedAt: isoOrNull(row.ended_at),
  };
}
