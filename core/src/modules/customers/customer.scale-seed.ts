import type { Ctx } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import type { ScalePlan } from '../../kernel/plugin.js';
import { insertInChunks } from '../../db/bulk-insert.js';
import { toJson } from '../../db/json-column.js';
import { inTransaction } from '../../db/transaction.js';
import { CustomerTables as T } from './customer.migrations.js';
import { searchText } from './customer.records.js';

const FIRST = ['Lucía', 'Javier', 'María', 'José', 'Carmen', 'Antonio', 'Ana', 'Manuel', 'Laura', 'David', 'Marta', 'Pablo', 'Elena', 'Sergio', 'Paula', 'Álvaro', 'Sofía', 'Íñigo', 'Noelia', 'Raúl', 'Emma', 'Hugo', 'Irene', 'Jesús', 'Nuria', 'Óscar', 'Alba', 'Rubén', 'Claudia', 'Adrián'];
const LAST = ['García', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres', 'Domínguez', 'Vázquez', 'Ramos', 'Gil', 'Ramírez', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Suárez', 'Ortega'];

/** Customers per transaction. */
const BATCH = 2_000;
/** First national number of the generated +34 mobiles (6…; the demo people's numbers are below). */
const PHONE_BASE = 680_000_000;
const DAY = 86_400_000;

/** The e-mail of generated customer `i` (what the bench looks up). */
export function scaleCustomerEmail(i: number): string {
  return `${searchText(FIRST[i % FIRST.length])}.${searchText(LAST[Math.floor(i / FIRST.length) % LAST.length])}.${i}@example.com`.replace(/\s/g, '');
}

/** The E.164 phone of generated customer `i`: a valid, unique Spanish mobile. */
export function scaleCustomerPhone(i: number): string {
  return `+34${PHONE_BASE + i}`;
}

/**
 * `plaza seed --scale N`, customers part: `plan.customers` customers (default 4 × products) with
 * a verified e-mail and phone each, names from small lists, and one in three with one to three
 * purchases on the demo platforms (purchase rows, timeline entries and lifetime figures as the
 * timeline subscriber books them). Bulk inserts, {@link BATCH} customers per transaction; runs
 * again only for customers not generated yet.
 */
export async function seedCustomersScale(ctx: Ctx, plan: ScalePlan): Promise<void> {
  const total = plan.customers ?? plan.products * 4;
  const platforms = (await ctx.db('platform').orderBy('created_at').select('id', 'type')) as { id: string; type: string }[];
  const existing = Number(((await ctx.db(T.identity).where('kind', 'phone').where('value', '>=', scaleCustomerPhone(0)).where('value', '<', `+34${PHONE_BASE + 10_000_000}`).count('* as n').first()) as { n: number | string } | undefined)?.n ?? 0);
  const now = Date.now();
  for (let start = existing; start < total; start += BATCH) {
    const end = Math.min(total, start + BATCH);
    const rows = { customer: [] as object[], identity: [] as object[], purchase: [] as object[], timeline: [] as object[], stats: [] as object[], spend: [] as object[] };
    for (let i = start; i < end; i++) generate(i, now, platforms, rows);
    await inTransaction(ctx, async (trx) => {
      await insertInChunks(trx.db, T.customer, rows.customer, 400);
      await insertInChunks(trx.db, T.identity, rows.identity, 500);
      await insertInChunks(trx.db, T.purchase, rows.purchase, 500);
      await insertInChunks(trx.db, T.timeline, rows.timeline, 500);
      await insertInChunks(trx.db, T.stats, rows.stats, 500);
      await insertInChunks(trx.db, T.spend, rows.spend, 500);
    });
    plan.progress('customers', end, total);
  }
}

type Rows = Record<'customer' | 'identity' | 'purchase' | 'timeline' | 'stats' | 'spend', object[]>;

/** The rows of generated customer `i`. */
function generate(i: number, now: number, platforms: { id: string; type: string }[], rows: Rows): void {
  const id = newId('cus');
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  const createdAt = now - ((i * 7_919) % 1_000) * DAY;
  const platform = platforms.length > 0 ? platforms[i % platforms.length]! : null;
  rows.customer.push({
    id,
    first_name: first,
    last_name: last,
    search_first: searchText(first),
    search_last: searchText(last),
    locale: 'es-ES',
    created_platform_id: platform?.id ?? null,
    status: 'active',
    merged_into_id: null,
    tags: toJson(i % 50 === 0 ? ['vip'] : []),
    default_shipping_address_id: null,
    default_billing_address_id: null,
    created_at: createdAt,
    updated_at: createdAt,
    erased_at: null,
  });
  for (const [kind, value] of [['email', scaleCustomerEmail(i)], ['phone', scaleCustomerPhone(i)]] as const) {
    rows.identity.push({ id: newId('cid'), customer_id: id, kind, namespace: '', value, verified: true, platform_id: platform?.id ?? null, created_at: createdAt, verified_at: createdAt });
  }
  if (i % 3 !== 0 || platforms.length === 0) return;
  const purchases = 1 + (i % 7) % 3;
  let spent = 0;
  let firstAt = Number.MAX_SAFE_INTEGER;
  let lastAt = 0;
  for (let k = 0; k < purchases; k++) {
    const on = platforms[(i + k) % platforms.length]!;
    const amount = 1_000 + ((i * 31 + k * 977) % 20_000);
    const at = createdAt + Math.floor(((now - createdAt) * (k + 1)) / (purchases + 1));
    const eventId = newId('evt');
    const purchaseId = newId('cpu');
    spent += amount;
    firstAt = Math.min(firstAt, at);
    lastAt = Math.max(lastAt, at);
    rows.purchase.push({ id: purchaseId, customer_id: id, platform_id: on.id, platform_type: on.type, currency: 'EUR', amount, location_id: null, event_id: eventId, reference_type: 'order', reference_id: purchaseId, occurred_at: at });
    rows.timeline.push({ id: newId('ctl'), customer_id: id, platform_id: on.id, kind: 'order.placed', summary: `Order for ${(amount / 100).toFixed(2)} EUR`, reference_type: 'order', reference_id: purchaseId, data: toJson({}), event_id: eventId, occurred_at: at });
  }
  rows.stats.push({ customer_id: id, orders_count: purchases, first_purchase_at: firstAt, last_purchase_at: lastAt, preferred_location_id: null, updated_at: now });
  rows.spend.push({ customer_id: id, currency: 'EUR', amount: spent });
}
