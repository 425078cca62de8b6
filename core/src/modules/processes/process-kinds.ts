import type { ProcessKindDefinition } from '../../kernel/process-contributions.js';

/** The process kinds the core ships. Plugins add their own through `processKinds`. */
export const coreProcessKinds: ProcessKindDefinition[] = [
  {
    code: 'order',
    label: 'Order',
    description: 'What happens to an order from placement to completion',
    subjectType: 'order',
    subjectKey: 'orderId',
    modes: [
      { code: 'ship', label: 'Shipped to an address' },
      { code: 'pickup', label: 'Click & collect' },
      { code: 'order_ahead', label: 'Order ahead' },
      { code: 'carry_out', label: 'Carry-out sale (POS)' },
    ],
    milestones: [
      {
        code: 'payment',
        label: 'Payment',
        description: 'Every way to complete an order must pass a payment step, or an explicit pay-later step.',
      },
    ],
  },
  {
    code: 'fulfillment',
    label: 'Fulfillment',
    description: 'Picking, packing and handing over the goods of an order from one location',
    subjectType: 'fulfillment',
    subjectKey: 'fulfillmentId',
    modes: [
      { code: 'ship', label: 'Shipped' },
      { code: 'pickup', label: 'Picked up in store' },
    ],
  },
  {
    code: 'return',
    label: 'Return',
    description: 'A return or exchange, from request to refund or replacement',
    subjectType: 'return',
    subjectKey: 'returnId',
  },
];
