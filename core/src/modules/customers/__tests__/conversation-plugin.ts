import { z } from 'zod';
import { defineEvent, definePlugin } from '../../../kernel/plugin.js';
import type { Ctx } from '../../../kernel/context.js';
import { newId } from '../../../kernel/ids.js';
import { inTransaction } from '../../../db/transaction.js';
import type { EventBus } from '../../../events/event-bus.js';

/** A conversations table of a chat plugin: rows about customers the customers module merges and erases. */
export const CONVERSATION_TABLE = 'test_conversation';

/** A purchase recorded by a test sales channel (what the orders module will publish). */
export const salePlaced = defineEvent(
  'test_sale.placed',
  z.object({ saleId: z.string(), customerId: z.string(), platformId: z.string().nullable(), total: z.number().int(), currency: z.string(), locationId: z.string().nullable() }),
  'A test sale was placed',
  {
    customerActivity: (p) => ({
      customerId: p.customerId,
      platformId: p.platformId,
      kind: 'order.placed',
      summary: `Bought for ${(p.total / 100).toFixed(2)} ${p.currency}`,
      reference: { type: 'test_sale', id: p.saleId },
      purchase: { currency: p.currency, amount: p.total, locationId: p.locationId },
    }),
  },
);

/** A message arrived from a chat channel. */
export const messageReceived = defineEvent(
  'test_conversation.message_received',
  z.object({ conversationId: z.string(), customerId: z.string(), platformId: z.string().nullable() }),
  'A test conversation received a message',
  { customerActivity: (p) => ({ customerId: p.customerId, platformId: p.platformId, kind: 'conversation.message', summary: 'Sent a message', reference: { type: 'test_conversation', id: p.conversationId } }) },
);

/** A chat plugin as a plugin author writes it: its table declared as customer data. */
export const conversationPlugin = definePlugin({
  name: 'test.conversations',
  version: '1.0.0',
  migrations: [
    {
      name: '0001_conversation',
      async up(knex) {
        await knex.schema.createTable(CONVERSATION_TABLE, (t) => {
          t.string('id', 40).primary();
          t.string('customer_id', 40).notNullable().index();
          t.string('platform_id', 40).nullable();
          t.string('last_message', 500).nullable();
          t.bigInteger('created_at').notNullable();
        });
      },
    },
  ],
  events: [salePlaced, messageReceived],
  customerData: [{ table: CONVERSATION_TABLE, customerColumn: 'customer_id', label: 'conversations', personal: { last_message: 'redact' } }],
});

/** Publishes a sale for a customer (as the orders module will). */
export async function placeSale(ctx: Ctx, bus: EventBus, input: { customerId: string; platformId: string | null; total: number; currency?: string; locationId?: string | null }): Promise<string> {
  const saleId = newId('sale');
  await inTransaction(ctx, (trx) => bus.publish(trx, 'test_sale.placed', { saleId, customerId: input.customerId, platformId: input.platformId, total: input.total, currency: input.currency ?? 'EUR', locationId: input.locationId ?? null }, { platformId: input.platformId }));
  return saleId;
}

/** Stores a conversation row and publishes its first message. */
export async function receiveMessage(ctx: Ctx, bus: EventBus, input: { customerId: string; platformId: string | null; text: string }): Promise<string> {
  const conversationId = newId('conv');
  await inTransaction(ctx, async (trx) => {
    await trx.db(CONVERSATION_TABLE).insert({ id: conversationId, customer_id: input.customerId, platform_id: input.platformId, last_message: input.text, created_at: Date.now() });
    await bus.publish(trx, 'test_conversation.message_received', { conversationId, customerId: input.customerId, platformId: input.platformId }, { platformId: input.platformId });
  });
  return conversationId;
}
