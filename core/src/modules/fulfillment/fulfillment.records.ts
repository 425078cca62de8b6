import { epochDateOrNull, epochMillis } from '../../db/epoch-column.js';

/** How the goods leave the location: shipped to an address, or picked up there. */
export type FulfillmentMode = 'ship' | 'pickup';
/** open while its process runs; done once it ended completed; cancelled once it ended cancelled. */
export type FulfillmentStatus = 'open' | 'done' | 'cancelled';

/** A `fulfillment` row as stored. */
export interface FulfillmentRow {
  id: string;
  order_id: string;
  platform_id: string;
  location_id: string;
  mode: FulfillmentMode;
  state: string;
  status: FulfillmentStatus;
  process_instance_id: string | null;
  carrier: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  cancel_reason: string | null;
  packed_at: number | string | null;
  shipped_at: number | string | null;
  delivered_at: number | string | null;
  collected_by_staff_id: string | null;
  created_at: number | string;
  updated_at: number | string;
}

/** A `fulfillment_line` row as stored. */
export interface FulfillmentLineRow {
  id: string;
  fulfillment_id: string;
  order_line_id: string;
  quantity: number;
}

/** One order line's quantity in a fulfillment. */
export interface FulfillmentLine {
  id: string;
  orderLineId: string;
  quantity: number;
}

/** A shipment or pickup of (part of) an order from one location. */
export interface Fulfillment {
  id: string;
  orderId: string;
  platformId: string;
  locationId: string;
  mode: FulfillmentMode;
  /** The state of its fulfillment process (e.g. `pending`, `packed`, `shipped`, `delivered`). */
  state: string;
  status: FulfillmentStatus;
  processInstanceId: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  cancelReason: string | null;
  packedAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  collectedByStaffId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Row → record. */
export function toFulfillment(row: FulfillmentRow): Fulfillment {
  return {
    id: row.id,
    orderId: row.order_id,
    platformId: row.platform_id,
    locationId: row.location_id,
    mode: row.mode,
    state: row.state,
    status: row.status,
    processInstanceId: row.process_instance_id,
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    trackingUrl: row.tracking_url,
    cancelReason: row.cancel_reason,
    packedAt: epochDateOrNull(row.packed_at),
    shippedAt: epochDateOrNull(row.shipped_at),
    deliveredAt: epochDateOrNull(row.delivered_at),
    collectedByStaffId: row.collected_by_staff_id,
    createdAt: new Date(epochMillis(row.created_at)),
    updatedAt: new Date(epochMillis(row.updated_at)),
  };
}

/** Line row → record. */
export function toFulfillmentLine(row: FulfillmentLineRow): FulfillmentLine {
  return { id: row.id, orderLineId: row.order_line_id, quantity: Number(row.quantity) };
}

/** States whose quantities count as fulfilled on the order line (shipped or handed over). */
export const FULFILLED_STATES: readonly string[] = ['shipped', 'delivered'];

/** The status a process instance's status and outcome give. */
export function statusOf(instance: { status: 'active' | 'ended'; outcome: 'completed' | 'cancelled' | null }): FulfillmentStatus {
  if (instance.status !== 'ended') return 'open';
  return instance.outcome === 'cancelled' ? 'cancelled' : 'done';
}
