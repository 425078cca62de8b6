import type { PaymentProvider } from './payment-provider.js';

/**
 * `manual`: money staff received outside Plaza (cash at the till, an external card terminal, a
 * bank transfer). Recorded as captured at once; refunds are recorded as paid back by staff.
 */
export const manualProvider: PaymentProvider = {
  code: 'manual',
  label: 'Manual (cash, external terminal, bank transfer)',
  methods: ['cash', 'terminal', 'bank_transfer', 'other'],
  authorize: async (_ctx, request) => ({ status: 'captured', externalRef: `manual_${request.paymentId}` }),
  capture: async () => ({ ok: true }),
  void: async () => ({ ok: true }),
  refund: async () => ({ ok: true }),
};
