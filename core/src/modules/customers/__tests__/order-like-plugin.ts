import { z } from 'zod';
import { defineEvent, definePlugin } from '../../../kernel/plugin.js';
import type { Ctx } from '../../../kernel/context.js';
import { newId } from '../../../kernel/ids.js';
import { inTransaction } from '../../../db/transaction.js';
import type { EventBus } from '../../../events/event-bus.js';

/** The orders table of a test orders plugin: rows about customers with personal columns. */
export const TEST_ORDER_TABLE = 'test_order';

/** An order was placed (what the orders module will publish); ids and amounts only, no personal data. */
export const testOrderPlaced = defineEvent(
  'test_order.placed',
  z.object({ orderId: z.string(), number: z.string(), customerId: z.string(), platformId: z.string().nullable(), total: z.number().int(), currency: z.string(), locationId: z.string().nullable() }),
  'A test order was placed',
  {
    customerActivity: (p) => ({
      customerId: p.customerId,
      platformId: p.platformId,
      kind: 'order.placed',
      summary: `Order ${p.number} for ${(p.total / 100).toFixed(2)} ${p.currency}`,
      reference: { type: 'test_order', id: p.orderId },
      purchase: { currency: p.currency, amount: p.total, locationId: p.locationId },
    }),
  },
);

/**
 * An orders plugin as a plugin author writes it: its table declared as customer data (moved on
 * merge, exported, its shipping name, address line and e-mail cleared on erasure while the total
 * stays), found by order number in staff lookup.
 */
export const orderLikePlugin = definePlugin({
  name: 'test.orders',
  version: '1.0.0',
  migrations: [
    {
      name: '0001_test_order',
      async up(knex) {
        await knex.schema.createTable(TEST_ORDER_TABLE, (t) => {
          t.string('id', 40).primary();
          t.string('customer_id', 40).notNullable();
          t.string('number', 40).notNullable();
          t.bigInteger('total').notNullable();
          t.string('currency', 3).notNullable();
          t.string('shipping_name', 200).nullable();
          t.string('shipping_line1', 200).nullable();
          t.string('email', 320).nullable();
          t.bigInteger('created_at').notNullable();
          t.unique(['number'], { indexName: 'test_order_number_uq' });
          t.index(['customer_id'], 'test_order_customer_idx');
        });
      },
    },
  ],
  events: [testOrderPlaced],
  customerData: [
    {
      table: TEST_ORDER_TABLE,
      customerColumn: 'customer_id',
      label: 'test orders',
      personal: { shipping_name: 'null', shipping_line1: 'redact', email: 'null' },
      lookupColumn: 'number',
    },
  ],
});

/** What {@link placeTestOrder} needs. */
export interface TestOrderInput {
  customerId: string;
  platformId?: string | null;
  /** Default: a fresh `T-…` number. */
  number?: string;
  /** Minor units. */
  total: number;
  currency?: string;
  locationId?: string | null;
  shippingName?: string | null;
  shippingLine1?: string | null;
  email?: string | null;
}

let sequence = 0;

/** Stores a test order and publishes `test_order.placed` in one transaction; returns its id and number. */
export async function placeTestOrder(ctx: Ctx, bus: EventBus, input: TestOrderInput): Promise<{ id: string; number: string }> {
  const id = newId('tord');
  const number = input.number ?? `T-${Date.now().toString(36)}-${++sequence}`;
  const platformId = input.platformId ?? null;
  const currency = input.currency ?? 'EUR';
  await inTransaction(ctx, async (trx) => {
    await trx.db(TEST_ORDER_TABLE).insert({
      id,
      customer_id: input.customerId,
      number,
      total: input.total,
      currency,
      shipping_name: input.shippingName ?? null,
      shipping_line1: input.shippingLine1 ?? null,
      email: input.email ?? null,
      created_at: Date.now(),
    });
    await bus.publish(trx, 'test_order.placed', { orderId: id, number, customerId: input.customerId, platformId, total: input.total, currency, locationId: input.locationId ?? null }, { platformId });
  });
  return { id, number };
}
