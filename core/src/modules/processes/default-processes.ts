import type { ProcessDocumentInput } from './process-document.js';

/** A process the core ships, and the modes its first version is bound to by default. */
export interface ShippedProcess {
  kind: string;
  code: string;
  name: string;
  description: string;
  modes: string[];
  document: ProcessDocumentInput;
}

const staff = { by: 'staff', permission: 'processes.transition' } as const;
const approver = { by: 'staff', permission: 'processes.approve' } as const;
const system = { by: 'system' } as const;
const auto = { by: 'auto' } as const;
const customer = { by: 'customer' } as const;
const notify = (template: string) => ({ type: 'core.notify_customer', config: { template } });
const requirePayment = { type: 'core.require_payment', config: {} };

const standardOrder: ShippedProcess = {
  kind: 'order',
  code: 'standard-order',
  name: 'Standard shipped order',
  description: 'Paid, processed, shipped, delivered. Cancellable until it ships.',
  modes: ['default', 'ship'],
  document: {
    states: [
      { code: 'placed', label: 'Placed', initial: true },
      { code: 'processing', label: 'Processing' },
      { code: 'shipped', label: 'Shipped' },
      { code: 'delivered', label: 'Delivered', terminal: true },
      { code: 'cancelled', label: 'Cancelled', terminal: true, outcome: 'cancelled' },
    ],
    transitions: [
      { name: 'start_processing', label: 'Start processing', from: ['placed'], to: 'processing', triggers: [auto, system, staff], guards: [requirePayment] },
      { name: 'ship', label: 'Ship', from: ['processing'], to: 'shipped', triggers: [staff, system], actions: [notify('order.shipped')] },
      { name: 'deliver', label: 'Mark delivered', from: ['shipped'], to: 'delivered', triggers: [staff, system] },
      { name: 'cancel', label: 'Cancel', from: ['placed', 'processing'], to: 'cancelled', triggers: [staff, system], actions: [notify('order.cancelled')] },
    ],
  },
};

const clickAndCollect: ShippedProcess = {
  kind: 'order',
  code: 'click-and-collect',
  name: 'Click & collect',
  description: 'Prepared in store, collected by the customer; uncollected orders expire after three days.',
  modes: ['pickup'],
  document: {
    states: [
      { code: 'placed', label: 'Placed', initial: true },
      { code: 'ready_for_pickup', label: 'Ready for pickup' },
      { code: 'collected', label: 'Collected', terminal: true },
      { code: 'expired', label: 'Not collected', terminal: true, outcome: 'cancelled' },
      { code: 'cancelled', label: 'Cancelled', terminal: true, outcome: 'cancelled' },
    ],
    transitions: [
      { name: 'mark_ready', label: 'Ready for pickup', from: ['placed'], to: 'ready_for_pickup', triggers: [staff, system], guards: [requirePayment], actions: [notify('order.ready_for_pickup')] },
      { name: 'collect', label: 'Collected', from: ['ready_for_pickup'], to: 'collected', triggers: [staff, system], actions: [notify('order.collected')] },
      { name: 'expire', label: 'Pickup expired', from: ['ready_for_pickup'], to: 'expired', triggers: [{ by: 'timer', afterMinutes: 3 * 24 * 60 }], actions: [notify('order.pickup_expired')] },
      { name: 'cancel', label: 'Cancel', from: ['placed'], to: 'cancelled', triggers: [staff, customer, system], actions: [notify('order.cancelled')] },
    ],
  },
};

const orderAhead: ShippedProcess = {
  kind: 'order',
  code: 'order-ahead',
  name: 'Order ahead',
  description: 'The store accepts the order for its slot, prepares it and hands it over; uncollected orders expire after four hours.',
  modes: ['order_ahead'],
  document: {
    states: [
      { code: 'placed', label: 'Placed', initial: true },
      { code: 'accepted', label: 'Accepted' },
      { code: 'ready_for_pickup', label: 'Ready for pickup' },
      { code: 'collected', label: 'Collected', terminal: true },
      { code: 'rejected', label: 'Declined by the store', terminal: true, outcome: 'cancelled' },
      { code: 'expired', label: 'Not collected', terminal: true, outcome: 'cancelled' },
    ],
    transitions: [
      { name: 'accept', label: 'Accept', from: ['placed'], to: 'accepted', triggers: [staff], guards: [requirePayment], actions: [notify('order.accepted')] },
      { name: 'reject', label: 'Decline', from: ['placed'], to: 'rejected', triggers: [staff], actions: [notify('order.rejected')] },
      { name: 'mark_ready', label: 'Ready for pickup', from: ['accepted'], to: 'ready_for_pickup', triggers: [staff, system], actions: [notify('order.ready_for_pickup')] },
      { name: 'collect', label: 'Collected', from: ['ready_for_pickup'], to: 'collected', triggers: [staff, system], actions: [notify('order.collected')] },
      { name: 'expire', label: 'Pickup expired', from: ['ready_for_pickup'], to: 'expired', triggers: [{ by: 'timer', afterMinutes: 240 }] },
    ],
  },
};

const posSale: ShippedProcess = {
  kind: 'order',
  code: 'pos-carry-out',
  name: 'POS carry-out sale',
  description: 'Paid at the till and taken home at once.',
  modes: ['carry_out'],
  document: {
    states: [
      { code: 'placed', label: 'Placed', initial: true },
      { code: 'completed', label: 'Completed', terminal: true },
      { code: 'voided', label: 'Voided', terminal: true, outcome: 'cancelled' },
    ],
    transitions: [
      { name: 'complete', label: 'Complete', from: ['placed'], to: 'completed', triggers: [auto, system], guards: [requirePayment] },
      { name: 'void', label: 'Void', from: ['placed'], to: 'voided', triggers: [approver, system] },
    ],
  },
};

const standardFulfillment: ShippedProcess = {
  kind: 'fulfillment',
  code: 'standard-fulfillment',
  name: 'Standard fulfillment',
  description: 'Picked and packed at the location, then shipped with a tracking number or handed over.',
  modes: ['default'],
  document: {
    states: [
      { code: 'pending', label: 'To pick', initial: true },
      { code: 'packed', label: 'Packed' },
      { code: 'shipped', label: 'Shipped' },
      { code: 'delivered', label: 'Delivered', terminal: true },
      { code: 'cancelled', label: 'Cancelled', terminal: true, outcome: 'cancelled' },
    ],
    transitions: [
      { name: 'pack', label: 'Packed', from: ['pending'], to: 'packed', triggers: [staff, system] },
      { name: 'ship', label: 'Shipped', from: ['packed'], to: 'shipped', triggers: [staff, system], guards: [{ type: 'core.require_field', config: { field: 'trackingNumber', message: 'Enter the tracking number of the parcel' } }] },
      { name: 'hand_over', label: 'Handed over', from: ['packed'], to: 'delivered', triggers: [staff, system] },
      { name: 'deliver', label: 'Delivered', from: ['shipped'], to: 'delivered', triggers: [staff, system] },
      { name: 'cancel', label: 'Cancel', from: ['pending', 'packed'], to: 'cancelled', triggers: [staff, system] },
    ],
  },
};

const standardReturn: ShippedProcess = {
  kind: 'return',
  code: 'standard-return',
  name: 'Standard return',
  description: 'Approved on request, received at any location, then refunded or exchanged. Add an approval step for returns above an amount if you need one.',
  modes: ['default'],
  document: {
    states: [
      { code: 'requested', label: 'Requested', initial: true },
      { code: 'approved', label: 'Approved' },
      { code: 'received', label: 'Received' },
      { code: 'refunded', label: 'Refunded', terminal: true },
      { code: 'exchanged', label: 'Exchanged', terminal: true },
      { code: 'rejected', label: 'Rejected', terminal: true, outcome: 'cancelled' },
      { code: 'cancelled', label: 'Cancelled', terminal: true, outcome: 'cancelled' },
    ],
    transitions: [
      { name: 'approve', label: 'Approve', from: ['requested'], to: 'approved', triggers: [auto, approver, system], actions: [notify('return.approved')] },
      { name: 'reject', label: 'Reject', from: ['requested'], to: 'rejected', triggers: [approver], actions: [notify('return.rejected')] },
      { name: 'receive', label: 'Received', from: ['approved'], to: 'received', triggers: [staff, system] },
      { name: 'refund', label: 'Refund', from: ['received'], to: 'refunded', triggers: [staff, system], actions: [notify('return.refunded')] },
      { name: 'exchange', label: 'Exchange', from: ['received'], to: 'exchanged', triggers: [staff, system] },
      { name: 'cancel', label: 'Cancel', from: ['requested', 'approved'], to: 'cancelled', triggers: [staff, customer, system] },
    ],
  },
};

/** The processes every installation starts with (seeded once; staff edit them as new versions). */
export const shippedProcesses: ShippedProcess[] = [standardOrder, clickAndCollect, orderAhead, posSale, standardFulfillment, standardReturn];
