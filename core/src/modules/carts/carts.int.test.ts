import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { errorOf } from '../pricing/__tests__/pricing-harness.js';
import { abandonCarts } from './abandon-carts.job.js';
import { CartAdjusters } from './cart-adjusters.js';
import { CART, CQ, createShop, createStore, createVariants, expectBalanced, MADRID, setUpSpain, type CartNode, type ShopPlatform } from './__tests__/checkout-harness.js';

describe('carts: lines, totals, tax, adjusters', () => {
  let env: TestEnvironment;
  let inclusive: ShopPlatform;
  let exclusive: ShopPlatform;
  let other: ShopPlatform;
  let variants: string[];
  let shippingMethodId: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    ({ shippingMethodId } = await setUpSpain(env));
    inclusive = await createShop(env);
    exclusive = await createShop(env, { pricesIncludeTax: false });
    other = await createShop(env);
    // Odd prices so rounding shows: 3,33 €, 0,99 €, 12,47 €.
    variants = await createVariants(env, [inclusive, exclusive, other], [333, 99, 1247]);
    await createStore(env, [inclusive, exclusive, other]);
  });
  afterAll(async () => env?.close());

  const create = async (shop: ShopPlatform, lines: { variantId: string; quantity: number }[], email = 'ana@example.com') =>
    (await shop.channel.data<{ createCart: CartNode }>(CQ.create, { input: { email, lines } })).createCart;

  it('prices lines, merges the same variant and keeps totals adding up (tax-inclusive platform)', async () => {
    const cart = await create(inclusive, [{ variantId: variants[0]!, quantity: 3 }, { variantId: variants[1]!, quantity: 7 }]);
    expect(cart.status).toBe('ACTIVE');
    expect(cart.pricesIncludeTax).toBe(true);
    expect(cart.subtotal).toBe(333 * 3 + 99 * 7);
    // Inclusive: the customer pays the listed prices; tax is inside, rounded per line.
    expect(cart.total).toBe(333 * 3 + 99 * 7);
    expect(cart.lines.map((l) => l.tax)).toEqual([Math.round((999 * 2100) / 12100), Math.round((693 * 2100) / 12100)]);
    expect(cart.taxLines).toEqual([{ category: 'standard', name: 'IVA 21 %', rateBp: 2100, net: cart.total - cart.taxTotal, tax: cart.taxTotal }]);
    expectBalanced(cart, expect);
    const merged = (await inclusive.channel.data<{ addCartLines: CartNode }>(CQ.add, { cartId: cart.id, lines: [{ variantId: variants[0]!, quantity: 2 }] })).addCartLines;
    expect(merged.lines).toHaveLength(2);
    expect(merged.lines[0]!.quantity).toBe(5);
    expect(merged.itemCount).toBe(12);
    expectBalanced(merged, expect);
  });

  it('adds tax on top on a tax-exclusive platform, with shipping taxed at the standard rate', async () => {
    let cart = await create(exclusive, [{ variantId: variants[2]!, quantity: 3 }, { variantId: variants[0]!, quantity: 1 }]);
    expect(cart.pricesIncludeTax).toBe(false);
    const tax = [Math.round((1247 * 3 * 2100) / 10000), Math.round((333 * 2100) / 10000)];
    expect(cart.lines.map((l) => l.tax)).toEqual(tax);
    expect(cart.total).toBe(1247 * 3 + 333 + tax[0]! + tax[1]!);
    cart = (await exclusive.channel.data<{ setCartAddresses: CartNode }>(CQ.addresses, { cartId: cart.id, shipping: MADRID })).setCartAddresses;
    cart = (await exclusive.channel.data<{ setCartDelivery: CartNode }>(CQ.delivery, { cartId: cart.id, input: { mode: 'SHIP', shippingMethodId } })).setCartDelivery;
    expect(cart.delivery?.shippingMethod).toMatchObject({ id: shippingMethodId, code: 'standard' });
    // 4,95 € net + 21 % = 5,99 € (1,0395 rounds to 1,04).
    expect(cart.shippingTotal).toBe(495 + 104);
    expect(cart.taxTotal).toBe(tax[0]! + tax[1]! + 104);
    expectBalanced(cart, expect);
  });

  it('taxes each line at its own category: a variant set to the reduced category pays 10 %', async () => {
    const [food] = await createVariants(env, [exclusive], [455]);
    const updated = await env.adminClient.data<{ updateVariant: { taxCategory: string } }>(`mutation($input: UpdateVariantInput!) { updateVariant(input: $input) { taxCategory } }`, { input: { id: food, taxCategory: 'reduced' } });
    expect(updated.updateVariant.taxCategory).toBe('reduced');
    const cart = await create(exclusive, [{ variantId: food!, quantity: 3 }, { variantId: variants[1]!, quantity: 1 }]);
    expect(cart.lines.map((l) => [l.taxCategory, l.taxRateBp, l.tax])).toEqual([
      ['reduced', 1000, Math.round((455 * 3 * 1000) / 10000)],
      ['standard', 2100, Math.round((99 * 2100) / 10000)],
    ]);
    expect(cart.taxLines.map((t) => [t.category, t.rateBp, t.net])).toEqual([
      ['standard', 2100, 99],
      ['reduced', 1000, 1365],
    ]);
    expectBalanced(cart, expect);
  });

  it('rejects variants the platform does not sell, and bad quantities, with field paths', async () => {
    const foreign = await createVariants(env, [other], [500]);
    const result = await inclusive.channel.query(CQ.create, { input: { lines: [{ variantId: variants[0]!, quantity: 1 }, { variantId: foreign[0]!, quantity: 1 }] } });
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VARIANT_NOT_AVAILABLE', fields: [{ path: 'lines.1.variantId', message: 'is not sold on this platform' }] });
    const cart = await create(inclusive, [{ variantId: variants[0]!, quantity: 1 }]);
    const tooMany = await inclusive.channel.query(CQ.update, { cartId: cart.id, lineId: cart.lines[0]!.id, quantity: 1000 });
    expect(errorOf(tooMany)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'quantity' }] });
    const removed = (await inclusive.channel.data<{ updateCartLine: CartNode }>(CQ.update, { cartId: cart.id, lineId: cart.lines[0]!.id, quantity: 0 })).updateCartLine;
    expect(removed.lines).toEqual([]);
    expect(removed.total).toBe(0);
  });

  it('a cart of another platform is not found', async () => {
    const cart = await create(inclusive, [{ variantId: variants[0]!, quantity: 1 }]);
    expect((await other.channel.data<{ cart: CartNode | null }>(CQ.cart, { id: cart.id })).cart).toBeNull();
    expect(errorOf(await other.channel.query(CQ.add, { cartId: cart.id, lines: [{ variantId: variants[0]!, quantity: 1 }] })).code).toBe('NOT_FOUND');
  });

  it('applies adjusters before tax: line discounts on their line, order discounts spread exactly', async () => {
    const adjusters = env.plaza.container.resolve(CartAdjusters);
    adjusters.register({
      code: 'test-promo',
      async adjust(_ctx, snapshot) {
        return [
          { lineKey: snapshot.lines[0]!.key, amount: 100, label: '1 € off', code: 'ONE', source: 'test' },
          { lineKey: null, amount: 101, label: 'Order discount', code: 'ORDER', source: 'test' },
        ];
      },
    });
    try {
      const cart = await create(inclusive, [{ variantId: variants[0]!, quantity: 1 }, { variantId: variants[1]!, quantity: 3 }, { variantId: variants[2]!, quantity: 1 }]);
      expect(cart.adjustments.map((a) => a.amount)).toEqual([100, 101]);
      expect(cart.discountTotal).toBe(201);
      expect(cart.lines[0]!.discount).toBeGreaterThanOrEqual(100);
      expect(cart.total).toBe(333 + 297 + 1247 - 201);
      expectBalanced(cart, expect);
    } finally {
      adjusters.unregister('test-promo');
    }
  });

  it('carts untouched for 30 days become ABANDONED; a change reactivates them', async () => {
    const stale = await create(inclusive, [{ variantId: variants[0]!, quantity: 1 }]);
    const fresh = await create(inclusive, [{ variantId: variants[0]!, quantity: 1 }]);
    await env.plaza.db('cart').where('id', stale.id).update({ updated_at: Date.now() - 31 * 86_400_000 });
    expect(await abandonCarts(env.plaza.db)).toBeGreaterThanOrEqual(1);
    expect((await inclusive.channel.data<{ cart: CartNode }>(CQ.cart, { id: stale.id })).cart.status).toBe('ABANDONED');
    expect((await inclusive.channel.data<{ cart: CartNode }>(CQ.cart, { id: fresh.id })).cart.status).toBe('ACTIVE');
    const revived = (await inclusive.channel.data<{ addCartLines: CartNode }>(CQ.add, { cartId: stale.id, lines: [{ variantId: variants[1]!, quantity: 1 }] })).addCartLines;
    expect(revived.status).toBe('ACTIVE');
  });

  it('a cart mutation runs at most 10 SQL statements', async () => {
    const cart = await create(inclusive, [{ variantId: variants[0]!, quantity: 1 }]);
    // Warm the caches (price lists, tax and shipping zones, locations, settings) as a live server has them.
    await inclusive.channel.data(CQ.add, { cartId: cart.id, lines: [{ variantId: variants[1]!, quantity: 1 }] });
    const counted = await countQueries(env.plaza.db, () => inclusive.channel.data<{ addCartLines: CartNode }>(`mutation($cartId: ID!, $lines: [CartLineInput!]!) { addCartLines(cartId: $cartId, lines: $lines) { ${CART} } }`, { cartId: cart.id, lines: [{ variantId: variants[2]!, quantity: 2 }] }));
    expect(counted.result.addCartLines.lines).toHaveLength(3);
    expect(counted.count, counted.sql.join('\n')).toBeLessThanOrEqual(10);
    const update = await countQueries(env.plaza.db, () => inclusive.channel.data(CQ.update, { cartId: cart.id, lineId: counted.result.addCartLines.lines[0]!.id, quantity: 4 }));
    expect(update.count, update.sql.join('\n')).toBeLessThanOrEqual(10);
  });
});
