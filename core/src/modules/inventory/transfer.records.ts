import { z } from 'zod';
import { epochMillis } from '../../db/epoch-column.js';

/** requested → shipped → partially_received → received; requested → cancelled. */
export type TransferStatus = 'requested' | 'shipped' | 'partially_received' | 'received' | 'cancelled';

/** One variant of a transfer. */
export interface TransferLine {
  variantId: string;
  quantity: number;
  quantityReceived: number;
  /** Still to arrive (quantity − received; 0 once cancelled or fully received). */
  quantityRemaining: number;
}

/** Stock moving from one location to another. */
export interface StockTransfer {
  id: string;
  sourceLocationId: string;
  destinationLocationId: string;
  status: TransferStatus;
  note: string | null;
  lines: TransferLine[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  shippedAt: string | null;
  receivedAt: string | null;
}

/** `inventory_transfer` row. */
export interface TransferRow {
  id: string;
  source_location_id: string;
  destination_location_id: string;
  status: TransferStatus;
  note: string | null;
  created_by: string;
  created_at: number | string;
  updated_at: number | string;
  shipped_at: number | string | null;
  received_at: number | string | null;
}

/** `inventory_transfer_line` row. */
export interface TransferLineRow {
  transfer_id: string;
  variant_id: string;
  quantity: number | string;
  quantity_received: number | string;
}

const iso = (v: number | string | null): string | null => (v === null ? null : new Date(epochMillis(v)).toISOString());

/** Maps a transfer with its lines. */
export function toTransfer(row: TransferRow, lines: TransferLineRow[]): StockTransfer {
  return {
    id: row.id,
    sourceLocationId: row.source_location_id,
    destinationLocationId: row.destination_location_id,
    status: row.status,
    note: row.note,
    lines: lines.map((l) => {
      const quantity = Number(l.quantity);
      const received = Number(l.quantity_received);
      return { variantId: l.variant_id, quantity, quantityReceived: received, quantityRemaining: row.status === 'cancelled' ? 0 : quantity - received };
    }),
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    shippedAt: iso(row.shipped_at),
    receivedAt: iso(row.received_at),
  };
}

const id = z.string().min(1).max(64);
const line = z.object({ variantId: id, quantity: z.number().int().positive().max(1_000_000) });

/** Input of `createTransfer`. */
export const createTransferSchema = z
  .object({ sourceLocationId: id, destinationLocationId: id, lines: z.array(line).min(1).max(500), note: z.string().max(1000).nullish(), idempotencyKey: z.string().nullish() })
  .refine((v) => v.sourceLocationId !== v.destinationLocationId, { message: 'must differ from the source', path: ['destinationLocationId'] })
  .refine((v) => new Set(v.lines.map((l) => l.variantId)).size === v.lines.length, { message: 'name each variant once', path: ['lines'] });
/** Input of `createTransfer`. */
export type CreateTransferInput = z.input<typeof createTransferSchema>;

/** Input of `receiveTransfer`: what arrived now (a part is fine). */
export const receiveTransferSchema = z.object({ transferId: id, lines: z.array(line).min(1).max(500), idempotencyKey: z.string().nullish() });
/** Input of `receiveTransfer`. */
export type ReceiveTransferInput = z.input<typeof receiveTransferSchema>;
