import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../kernel/context.js';
import { definePlugin } from '../../kernel/plugin.js';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { createPlatform } from '../platforms/__tests__/platforms-harness.js';
import { PaymentProviders, type PaymentProvider } from './payment-provider.js';
import { PaymentService } from './payment.service.js';

// A provider contributed by a plugin, whose refunds the remote side refuses.
let refundCalls = 0;
const flaky: PaymentProvider = {
  code: 'flaky-pay',
  label: 'Flaky Pay',
  methods: ['wallet'],
  authorize: async (_ctx, req) => ({ status: req.capture ? 'captured' : 'authorized', externalRef: `fp_${req.idempotencyKey}` }),
  capture: async () => ({ ok: true }),
  void: async () => ({ ok: true }),
  refund: async () => {
    refundCalls++;
    return { ok: false, declineCode: 'refund_window_closed' };
  },
};
const flakyPlugin = definePlugin({
  name: 'test.flaky-pay',
  version: '1.0.0',
  requires: ['core.payments'],
  register: ({ container }) => container.resolve(PaymentProviders).register(flaky),
});

const LEDGER = /* GraphQL */ `
  query Ledger($filter: PaymentLedgerFilter) { paymentLedger(filter: $filter, first: 100) { edges { node { platformId kind status amount } } } }`;

describe('payment providers from plugins', () => {
  let env: TestEnvironment;
  let ctx: Ctx;
  let payments: PaymentService;
  beforeAll(async () => {
    env = await createTestEnvironment({ plugins: [flakyPlugin] });
    ctx = env.plaza.systemCtx();
    payments = env.plaza.container.resolve(PaymentService);
  });
  afterAll(async () => env?.close());

  it('lists the plugin provider next to the built-in ones', async () => {
    const data = await env.adminClient.data<{ paymentProviders: { code: string; methods: string[] }[] }>('{ paymentProviders { code methods } }');
    expect(data.paymentProviders.map((p) => p.code).sort()).toEqual(['flaky-pay', 'manual', 'sandbox-card']);
  });

  it('releases the reserved amount when the provider refuses a refund', async () => {
    const sale = await payments.authorize(ctx, { orderId: 'ord_f1', platformId: 'plt_a', provider: 'flaky-pay', method: 'wallet', amount: 900, currency: 'EUR', capture: true, idempotencyKey: 'flaky-sale-1' });
    expect(sale.payment.status).toBe('captured');
    await expect(payments.refund(ctx, { paymentId: sale.payment.id, amount: 400, idempotencyKey: 'flaky-refund-1' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'PROVIDER_REFUSED' });
    const after = await payments.get(ctx, sale.payment.id);
    expect(after).toMatchObject({ status: 'captured', capturedAmount: 900, refundedAmount: 0 });
    const rows = await payments.transactionsOf(ctx, sale.payment.id);
    expect(rows.map((r) => `${r.kind}:${r.status}`)).toEqual(['capture:succeeded', 'refund:failed']);
    // A retry with the same key answers with the failed row and does not call the provider again.
    const calls = refundCalls;
    const retry = await payments.refund(ctx, { paymentId: sale.payment.id, amount: 400, idempotencyKey: 'flaky-refund-1' });
    expect(retry.transaction?.status).toBe('failed');
    expect(refundCalls).toBe(calls);
  });

  it('scopes the ledger to the platforms a staff member may read', async () => {
    const a = (await createPlatform(env.adminClient, { name: 'Web A' })).id;
    const b = (await createPlatform(env.adminClient, { name: 'Store B' })).id;
    await payments.authorize(ctx, { orderId: 'ord_a', platformId: a, provider: 'manual', method: 'cash', amount: 100, currency: 'EUR', idempotencyKey: 'scope-a-1' });
    await payments.authorize(ctx, { orderId: 'ord_b', platformId: b, provider: 'manual', method: 'cash', amount: 200, currency: 'EUR', idempotencyKey: 'scope-b-1' });
    const scoped = await env.signIn({ roles: [{ permissions: ['payments.read'], platformIds: [b] }] });
    const data = await scoped.data<{ paymentLedger: { edges: { node: { platformId: string } }[] } }>(LEDGER, {});
    expect(data.paymentLedger.edges.map((e) => e.node.platformId)).toEqual([b]);
    const other = await scoped.query(LEDGER, { filter: { platformId: a } });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
