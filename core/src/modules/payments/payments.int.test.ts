import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from '../../events/webhook-signature.js';
import type { Ctx } from '../../kernel/context.js';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { PaymentTables } from './payment.migrations.js';
import { PaymentService } from './payment.service.js';
import { SANDBOX_CARDS, SandboxCardGateway } from './sandbox-card.gateway.js';

const SECRET = 'whsec_sandbox_card_development_only';
const WEB = 'plt_web';
const STORE = 'plt_store';
let seq = 0;
const key = (what: string) => `${what}-key-${++seq}-${Date.now()}`;

const TX_FIELDS = 'id paymentId platformId orderId method provider kind amount currency status';
const LEDGER = /* GraphQL */ `
  query Ledger($filter: PaymentLedgerFilter, $first: Int, $after: String) {
    paymentLedger(filter: $filter, first: $first, after: $after) { edges { node { ${TX_FIELDS} } } pageInfo { hasNextPage endCursor } }
  }`;
const ORDER_PAYMENTS = /* GraphQL */ `
  query OrderPayments($orderId: ID!) {
    orderPayments(orderId: $orderId) { id status amount capturedAmount refundedAmount authorizedAmount transactions { id kind amount status } }
  }`;
const RESULT = `payment { id status capturedAmount refundedAmount } transaction { id kind amount status }`;
const MANUAL = /* GraphQL */ `mutation M($input: RecordManualPaymentInput!) { recordManualPayment(input: $input) { ${RESULT} } }`;
const CAPTURE = /* GraphQL */ `mutation C($input: CapturePaymentInput!) { capturePayment(input: $input) { ${RESULT} } }`;
const REFUND = /* GraphQL */ `mutation R($input: RefundPaymentInput!) { refundPayment(input: $input) { ${RESULT} } }`;
const VOID = /* GraphQL */ `mutation V($input: VoidPaymentInput!) { voidPayment(input: $input) { ${RESULT} } }`;
const REPORT = /* GraphQL */ `
  query Report($from: DateTime!, $to: DateTime!) { paymentsReport(from: $from, to: $to) { platformId method currency day captured refunded net count } }`;

type Tx = { id: string; kind: string; amount: number; status: string; platformId: string; orderId: string; method: string };
type Pay = { id: string; status: string; amount: number; capturedAmount: number; refundedAmount: number; authorizedAmount: number; transactions: Tx[] };

describe('payments', () => {
  let env: TestEnvironment;
  let ctx: Ctx;
  let payments: PaymentService;
  let gateway: SandboxCardGateway;

  beforeAll(async () => {
    env = await createTestEnvironment();
    ctx = env.plaza.systemCtx();
    payments = env.plaza.container.resolve(PaymentService);
    gateway = env.plaza.container.resolve(SandboxCardGateway);
  });
  afterAll(async () => env?.close());

  const orderPayments = async (orderId: string) => (await env.adminClient.data<{ orderPayments: Pay[] }>(ORDER_PAYMENTS, { orderId })).orderPayments;
  const ledgerOf = async (orderId: string) =>
    (await env.adminClient.data<{ paymentLedger: { edges: { node: Tx }[] } }>(LEDGER, { filter: { orderId }, first: 100 })).paymentLedger.edges.map((e) => e.node);
  const card = (number: string) => ({ provider: 'sandbox-card', method: 'card' as const, card: { number } });
  const postWebhook = (body: string, signature?: string) =>
    fetch(`${env.baseUrl}/webhooks/payments/sandbox-card`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...(signature ? { [WEBHOOK_SIGNATURE_HEADER]: signature } : {}) },
    });

  it('records a manual cash payment as captured, once per idempotency key', async () => {
    const input = { orderId: 'ord_cash_1', platformId: STORE, method: 'CASH', amount: 1250, currency: 'EUR', idempotencyKey: key('cash') };
    const first = await env.adminClient.data<{ recordManualPayment: { payment: Pay; transaction: Tx } }>(MANUAL, { input });
    expect(first.recordManualPayment.payment.status).toBe('CAPTURED');
    expect(first.recordManualPayment.transaction).toMatchObject({ kind: 'CAPTURE', amount: 1250, status: 'SUCCEEDED' });
    const again = await env.adminClient.data<{ recordManualPayment: { payment: Pay; transaction: Tx } }>(MANUAL, { input });
    expect(again.recordManualPayment.transaction.id).toBe(first.recordManualPayment.transaction.id);
    expect(await ledgerOf('ord_cash_1')).toHaveLength(1);
  });

  it('refuses manual payments without payments.manage and bad input with field paths', async () => {
    const reader = await env.signIn({ roles: [{ permissions: ['payments.read'] }] });
    const denied = await reader.query(MANUAL, { input: { orderId: 'ord_x', platformId: STORE, method: 'CASH', amount: 100, currency: 'EUR', idempotencyKey: key('denied') } });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await env.adminClient.query(MANUAL, { input: { orderId: 'ord_x', platformId: STORE, method: 'CASH', amount: -5, currency: 'eur', idempotencyKey: key('bad') } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYMENT_INPUT_INVALID' });
    const paths = (bad.errors?.[0]?.extensions?.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['amount', 'currency']);
    const card = await env.adminClient.query(MANUAL, { input: { orderId: 'ord_x', platformId: STORE, method: 'CARD', amount: 100, currency: 'EUR', idempotencyKey: key('m') } });
    expect(card.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'METHOD_NOT_SUPPORTED' });
  });

  it('a declined card leaves nothing behind (nothing captured, no payment, no ledger row)', async () => {
    for (const number of [SANDBOX_CARDS.declined, SANDBOX_CARDS.insufficientFunds, '4242424242424241']) {
      const attempt = payments.authorize(ctx, { orderId: 'ord_declined', platformId: WEB, amount: 5000, currency: 'EUR', idempotencyKey: key('decl'), ...card(number) });
      await expect(attempt).rejects.toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYMENT_DECLINED' });
    }
    await env.runJobs();
    expect(await orderPayments('ord_declined')).toEqual([]);
    expect(await ledgerOf('ord_declined')).toEqual([]);
  });

  it('authorizes then captures a card payment; a capture retry returns the same row', async () => {
    const auth = await payments.authorize(ctx, { orderId: 'ord_card_1', platformId: WEB, customerId: 'cus_1', amount: 4200, currency: 'EUR', idempotencyKey: key('auth'), ...card(SANDBOX_CARDS.success) });
    expect(auth.payment.status).toBe('authorized');
    expect(auth.transaction?.kind).toBe('authorization');
    const retry = await payments.authorize(ctx, { orderId: 'ord_card_1', platformId: WEB, customerId: 'cus_1', amount: 4200, currency: 'EUR', idempotencyKey: auth.transaction!.idempotencyKey, ...card(SANDBOX_CARDS.success) });
    expect(retry.payment.id).toBe(auth.payment.id);
    const input = { paymentId: auth.payment.id, idempotencyKey: key('cap') };
    const captured = await env.adminClient.data<{ capturePayment: { payment: Pay; transaction: Tx } }>(CAPTURE, { input });
    expect(captured.capturePayment.payment).toMatchObject({ status: 'CAPTURED', capturedAmount: 4200 });
    const again = await env.adminClient.data<{ capturePayment: { payment: Pay; transaction: Tx } }>(CAPTURE, { input });
    expect(again.capturePayment.transaction.id).toBe(captured.capturePayment.transaction.id);
    // The gateway's webhooks (authorized, captured — each sent twice) change nothing more.
    await env.runJobs();
    await env.runJobs();
    const [payment] = await orderPayments('ord_card_1');
    expect(payment).toMatchObject({ status: 'CAPTURED', capturedAmount: 4200 });
    expect(payment!.transactions.map((t) => t.kind)).toEqual(['AUTHORIZATION', 'CAPTURE']);
    expect((await gateway.intent((await payments.get(ctx, payment!.id)).externalRef!))?.captured).toBe(4200);
  });

  it('requires_action → confirm → authorized, and voiding releases it', async () => {
    const auth = await payments.authorize(ctx, { orderId: 'ord_3ds', platformId: WEB, amount: 3000, currency: 'EUR', idempotencyKey: key('3ds'), ...card(SANDBOX_CARDS.requiresAction) });
    expect(auth.payment.status).toBe('requires_action');
    expect(auth.payment.nextAction).toMatchObject({ type: 'confirm' });
    expect(auth.transaction).toBeNull();
    const confirmed = await payments.confirm(ctx, { paymentId: auth.payment.id });
    expect(confirmed.payment).toMatchObject({ status: 'authorized', authorizedAmount: 3000 });
    expect(confirmed.transaction?.kind).toBe('authorization');
    const voided = await env.adminClient.data<{ voidPayment: { payment: Pay; transaction: Tx } }>(VOID, { input: { paymentId: auth.payment.id, idempotencyKey: key('void') } });
    expect(voided.voidPayment.payment.status).toBe('VOIDED');
    expect(voided.voidPayment.transaction).toMatchObject({ kind: 'VOID', amount: 3000 });
    await env.runJobs();
    expect((await orderPayments('ord_3ds'))[0]!.transactions.map((t) => t.kind)).toEqual(['AUTHORIZATION', 'VOID']);
  });

  it('applies an out-of-band confirmation from the webhook once, despite duplicates and replays', async () => {
    const auth = await payments.authorize(ctx, { orderId: 'ord_hook', platformId: WEB, amount: 1999, currency: 'EUR', idempotencyKey: key('hook'), capture: true, ...card(SANDBOX_CARDS.requiresAction) });
    const intentId = auth.payment.externalRef!;
    // The customer completes the step on the gateway's page; Plaza only hears of it by webhook.
    await gateway.confirmIntent(ctx.db, { intentId, capture: true, idempotencyKey: key('gw') });
    await env.runJobs();
    await env.runJobs();
    const [payment] = await orderPayments('ord_hook');
    expect(payment).toMatchObject({ status: 'CAPTURED', capturedAmount: 1999 });
    expect(payment!.transactions).toHaveLength(1);
    const events = (await ctx.db(PaymentTables.webhookEvent).where({ provider: 'sandbox-card', external_ref: intentId })) as { event_id: string; outcome: string }[];
    // One captured event, delivered twice: recorded once, applied once.
    expect(events.map((e) => e.outcome)).toEqual(['applied']);
    // A captured replay of the same signed event changes nothing.
    const body = JSON.stringify({ eventId: events[0]!.event_id, type: 'payment.captured', intentId, amount: 1999, currency: 'EUR', createdAt: Date.now() });
    const replay = await postWebhook(body, signWebhookPayload(SECRET, body, Math.floor(Date.now() / 1000)));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ outcome: 'duplicate' });
    expect((await orderPayments('ord_hook'))[0]!.transactions).toHaveLength(1);
  });

  it('answers 400 to a bad or missing webhook signature and changes nothing', async () => {
    const auth = await payments.authorize(ctx, { orderId: 'ord_forged', platformId: WEB, amount: 700, currency: 'EUR', idempotencyKey: key('forged'), ...card(SANDBOX_CARDS.requiresAction) });
    const body = JSON.stringify({ eventId: 'evt_forged', type: 'payment.captured', intentId: auth.payment.externalRef, amount: 700, currency: 'EUR' });
    const now = Math.floor(Date.now() / 1000);
    expect((await postWebhook(body, signWebhookPayload('whsec_wrong_secret_wrong_secret', body, now))).status).toBe(400);
    expect((await postWebhook(body)).status).toBe(400);
    expect((await postWebhook(body.replace('700', '1'), signWebhookPayload(SECRET, body, now))).status).toBe(400);
    expect((await postWebhook(body, signWebhookPayload(SECRET, body, now - 3600))).status).toBe(400);
    const [payment] = await orderPayments('ord_forged');
    expect(payment).toMatchObject({ status: 'REQUIRES_ACTION', capturedAmount: 0, transactions: [] });
    expect(await ctx.db(PaymentTables.webhookEvent).where({ event_id: 'evt_forged' })).toHaveLength(0);
    expect((await fetch(`${env.baseUrl}/webhooks/payments/nope`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('asks the sender to retry (409) a webhook about a payment not recorded yet, and records nothing', async () => {
    // The gateway took the payment but Plaza has not recorded it yet (its transaction is still open).
    const created = await gateway.createIntent(ctx.db, { amount: 880, currency: 'EUR', cardNumber: SANDBOX_CARDS.success, capture: true, idempotencyKey: key('early') });
    const intentId = created.intent!.id;
    const body = JSON.stringify({ eventId: `evt_early_${seq}`, type: 'payment.captured', intentId, amount: 880, currency: 'EUR', createdAt: Date.now() });
    const sign = () => signWebhookPayload(SECRET, body, Math.floor(Date.now() / 1000));
    const early = await postWebhook(body, sign());
    expect(early.status).toBe(409);
    expect(await ctx.db(PaymentTables.webhookEvent).where({ external_ref: intentId })).toHaveLength(0);
    const later = await postWebhook(body, sign());
    expect(later.status).toBe(409);
  });

  it('the sandbox retries a refused webhook delivery; the retry is recorded once and moves nothing twice', async () => {
    const idempotencyKey = key('retry');
    // The gateway authorizes first (its webhooks go out) while Plaza has not recorded the payment.
    const early = await gateway.createIntent(ctx.db, { amount: 640, currency: 'EUR', cardNumber: SANDBOX_CARDS.success, capture: false, idempotencyKey });
    const intentId = early.intent!.id;
    await env.runJobs();
    expect(await ctx.db(PaymentTables.webhookEvent).where({ external_ref: intentId })).toHaveLength(0);
    // Plaza's retry of the same authorization gets the gateway's stored answer and records it.
    const auth = await payments.authorize(ctx, { orderId: 'ord_retry', platformId: WEB, amount: 640, currency: 'EUR', idempotencyKey, ...card(SANDBOX_CARDS.success) });
    expect(auth.payment).toMatchObject({ status: 'authorized', externalRef: intentId });
    // The refused deliveries come back after their backoff (0.5 s for the first retry).
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await env.runJobs();
    const events = (await ctx.db(PaymentTables.webhookEvent).where({ external_ref: intentId })) as { outcome: string }[];
    expect(events.map((e) => e.outcome)).toEqual(['ignored']);
    expect((await orderPayments('ord_retry'))[0]!.transactions.map((t) => t.kind)).toEqual(['AUTHORIZATION']);
  });

  it('never refunds more than captured, even concurrently; refund retries return the same row', async () => {
    const sale = await payments.authorize(ctx, { orderId: 'ord_refund', platformId: WEB, amount: 1000, currency: 'EUR', idempotencyKey: key('sale'), capture: true, ...card(SANDBOX_CARDS.success) });
    expect(sale.payment.status).toBe('captured');
    const over = await env.adminClient.query(REFUND, { input: { paymentId: sale.payment.id, amount: 1001, idempotencyKey: key('over') } });
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REFUND_EXCEEDS_CAPTURED' });
    expect((over.errors?.[0]?.extensions?.fields as { path: string }[])[0]?.path).toBe('amount');
    const input = { paymentId: sale.payment.id, amount: 300, reason: 'damaged', idempotencyKey: key('r1') };
    const first = await env.adminClient.data<{ refundPayment: { payment: Pay; transaction: Tx } }>(REFUND, { input });
    const retry = await env.adminClient.data<{ refundPayment: { payment: Pay; transaction: Tx } }>(REFUND, { input });
    expect(retry.refundPayment.transaction.id).toBe(first.refundPayment.transaction.id);
    expect(retry.refundPayment.payment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 300 });
    // Five concurrent refunds of 200 against 700 left: at most three succeed.
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => payments.refund(ctx, { paymentId: sale.payment.id, amount: 200, idempotencyKey: key('race') })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const [payment] = await orderPayments('ord_refund');
    expect(payment!.refundedAmount).toBe(900);
    const refunded = payment!.transactions.filter((t) => t.kind === 'REFUND' && t.status === 'SUCCEEDED').reduce((s, t) => s + t.amount, 0);
    expect(refunded).toBe(900);
    const intent = await gateway.intent((await payments.get(ctx, payment!.id)).externalRef!);
    expect(intent?.refunded).toBe(900);
  });

  it('keeps split tenders on one order', async () => {
    await payments.authorize(ctx, { orderId: 'ord_split', platformId: STORE, amount: 2000, currency: 'EUR', idempotencyKey: key('split-card'), capture: true, ...card(SANDBOX_CARDS.success) });
    await payments.authorize(ctx, { orderId: 'ord_split', platformId: STORE, provider: 'manual', method: 'cash', amount: 550, currency: 'EUR', idempotencyKey: key('split-cash') });
    const list = await orderPayments('ord_split');
    expect(list.map((p) => p.capturedAmount)).toEqual([2000, 550]);
  });

  it('the report equals the ledger per platform, to the cent', async () => {
    for (let i = 0; i < 6; i++) {
      const platformId = i % 2 ? WEB : STORE;
      const sale = await payments.authorize(ctx, { orderId: `ord_rep_${i}`, platformId, amount: 1000 + i * 137, currency: 'EUR', idempotencyKey: key('rep'), capture: true, ...card(SANDBOX_CARDS.success) });
      if (i % 3 === 0) await payments.refund(ctx, { paymentId: sale.payment.id, amount: 101 + i, idempotencyKey: key('rep-r') });
    }
    const from = new Date(Date.now() - 86_400_000);
    const to = new Date(Date.now() + 86_400_000);
    const { paymentsReport } = await env.adminClient.data<{ paymentsReport: { platformId: string; captured: number; refunded: number; net: number }[] }>(REPORT, {
      from: from.toISOString(),
      to: to.toISOString(),
    });
    const ledger: Tx[] = [];
    let after: string | null = null;
    do {
      const page: { paymentLedger: { edges: { node: Tx }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await env.adminClient.data(LEDGER, { first: 7, after, filter: { status: 'SUCCEEDED' } });
      ledger.push(...page.paymentLedger.edges.map((e) => e.node));
      after = page.paymentLedger.pageInfo.hasNextPage ? page.paymentLedger.pageInfo.endCursor : null;
    } while (after);
    for (const platformId of [WEB, STORE]) {
      const rows = paymentsReport.filter((r) => r.platformId === platformId);
      const mine = ledger.filter((t) => t.platformId === platformId);
      const captured = mine.filter((t) => t.kind === 'CAPTURE').reduce((s, t) => s + t.amount, 0);
      const refunded = mine.filter((t) => t.kind === 'REFUND').reduce((s, t) => s + t.amount, 0);
      expect(rows.reduce((s, r) => s + r.captured, 0)).toBe(captured);
      expect(rows.reduce((s, r) => s + r.refunded, 0)).toBe(refunded);
      expect(rows.reduce((s, r) => s + r.net, 0)).toBe(captured - refunded);
      // …and the payments' own totals agree with the ledger.
      const paymentRows = await ctx.db(PaymentTables.payment).where({ platform_id: platformId });
      const fromPayments = paymentRows.reduce((s: number, p: { captured_amount: string | number; refunded_amount: string | number }) => s + Number(p.captured_amount) - Number(p.refunded_amount), 0);
      expect(fromPayments).toBe(captured - refunded);
    }
    const filtered = await env.adminClient.data<{ paymentLedger: { edges: { node: Tx }[] } }>(LEDGER, { filter: { platformId: STORE, method: 'CASH' }, first: 100 });
    expect(filtered.paymentLedger.edges.every((e) => e.node.platformId === STORE && e.node.method === 'CASH')).toBe(true);
    const bad = await env.adminClient.query(REPORT, { from: to.toISOString(), to: from.toISOString() });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REPORT_INPUT_INVALID' });
  });

  it('needs payments.read for the ledger', async () => {
    const res = await env.limitedAdminClient.query(LEDGER, {});
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
