import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '../../kernel/plugin.js';
import { countQueries, createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { CustomerGroupResolverToken } from './customer-groups.js';
import { Q, createList, createPlatform, insertProducts, type ListNode } from './__tests__/pricing-harness.js';

const DAY = 86_400_000;

/** A stand-in for the customers module: `Bearer cust-<id>` signs a customer in; cust-vip is in group vip. */
const customersPlugin = definePlugin({
  name: 'test.customers',
  version: '0.0.0',
  requires: ['core.pricing'],
  register(scope) {
    scope.container.registerInstance(CustomerGroupResolverToken, { groupsOf: (ctx) => Promise.resolve(ctx.actor?.id === 'cust-vip' ? ['vip'] : []) });
  },
  exports: [CustomerGroupResolverToken],
  auth: { customerBearer: (token) => Promise.resolve(token.startsWith('cust-') ? { kind: 'customer' as const, id: token, grants: [] } : null) },
});

const LISTING = `query($first: Int) { products(first: $first) { edges { node { id
  variants { id price { amount compareAt { amount formatted } currency includesTax endsAt money { amount currency formatted } } }
  priceRange { min { amount currency formatted } max { amount } includesTax } } } } }`;

interface ChannelPrice {
  amount: number;
  compareAt: { amount: number; formatted: string } | null;
  currency: string;
  includesTax: boolean;
  endsAt: string | null;
  money: { amount: number; currency: string; formatted: string };
}
interface Listing {
  products: {
    edges: { node: { id: string; variants: { id: string; price: ChannelPrice | null }[]; priceRange: { min: { amount: number; currency: string; formatted: string }; max: { amount: number }; includesTax: boolean } | null } }[];
  };
}

describe('channel API: ProductVariant.price and Product.priceRange for the key’s platform', () => {
  let env: TestEnvironment;
  let web: { id: string; key: string };
  let outlet: { id: string; key: string };
  let bare: { id: string; key: string };
  let products: { id: string; variantIds: string[] }[];
  let retail: ListNode;

  beforeAll(async () => {
    env = await createTestEnvironment({ plugins: [customersPlugin] });
    [web, outlet, bare] = [await createPlatform(env.adminClient), await createPlatform(env.adminClient), await createPlatform(env.adminClient)];
    products = await insertProducts(env, 20, 3, [web.id, outlet.id, bare.id]);
    retail = await createList(env.adminClient, { name: 'Retail' });
    const outletList = await createList(env.adminClient, { name: 'Outlet' });
    await env.adminClient.data(Q.setPlatformPricing, { platformId: web.id, priceListId: retail.id, pricesIncludeTax: true });
    await env.adminClient.data(Q.setPlatformPricing, { platformId: outlet.id, priceListId: outletList.id, pricesIncludeTax: false });
    const variants = products.flatMap((p) => p.variantIds);
    const now = Date.now();
    await env.adminClient.data(Q.setPrices, {
      priceListId: retail.id,
      prices: [
        ...variants.map((variantId, i) => ({ variantId, amount: 1000 + 100 * (i % 3), compareAtAmount: i === 1 ? 1500 : null })),
        { variantId: variants[0], amount: 850, startsAt: new Date(now - DAY).toISOString(), endsAt: new Date(now + DAY).toISOString() },
        { variantId: variants[2], amount: 700, customerGroupId: 'vip' },
      ],
    });
    await env.adminClient.data(Q.setPrices, { priceListId: outletList.id, prices: variants.map((variantId) => ({ variantId, amount: 500 })) });
  });
  afterAll(() => env?.close());

  function nodeOf(listing: Listing, productId: string) {
    return listing.products.edges.find((e) => e.node.id === productId)!.node;
  }

  it('shows each variant’s price on the key’s platform, with compare-at, tax flag, sale end and formatting', async () => {
    const listing = await env.channelClient(web.key).data<Listing>(LISTING, { first: 20 });
    expect(listing.products.edges).toHaveLength(20);
    const first = nodeOf(listing, products[0]!.id);
    const [sale, withCompareAt, plain] = first.variants.map((v) => v.price!);
    expect(sale).toMatchObject({ amount: 850, currency: 'EUR', includesTax: true, endsAt: expect.any(String), compareAt: null });
    expect(sale!.money.formatted.replace(/\s/g, ' ')).toBe('8,50 €');
    expect(withCompareAt).toMatchObject({ amount: 1100, compareAt: { amount: 1500 }, endsAt: null });
    expect(withCompareAt!.compareAt!.formatted.replace(/\s/g, ' ')).toBe('15,00 €');
    expect(plain).toMatchObject({ amount: 1200 });
    expect(first.priceRange).toMatchObject({ min: { amount: 850, currency: 'EUR' }, max: { amount: 1200 }, includesTax: true });
    expect(nodeOf(listing, products[5]!.id).priceRange).toMatchObject({ min: { amount: 1000 }, max: { amount: 1200 } });

    const outletListing = await env.channelClient(outlet.key).data<Listing>(LISTING, { first: 20 });
    expect(nodeOf(outletListing, products[0]!.id).variants.map((v) => [v.price!.amount, v.price!.includesTax])).toEqual([[500, false], [500, false], [500, false]]);

    const platforms = await Promise.all([web, outlet, bare].map((p) => env.channelClient(p.key).data<{ platform: { pricesIncludeTax: boolean } }>('{ platform { pricesIncludeTax } }')));
    expect(platforms.map((p) => p.platform.pricesIncludeTax)).toEqual([true, false, false]);

    const bareListing = await env.channelClient(bare.key).data<Listing>(LISTING, { first: 20 });
    expect(nodeOf(bareListing, products[0]!.id)).toMatchObject({ priceRange: null, variants: [{ price: null }, { price: null }, { price: null }] });
  });

  it('a signed-in customer of a group gets the group price', async () => {
    const vip = env.channelClient(web.key).withHeaders({ authorization: 'Bearer cust-vip' });
    const listing = await vip.data<Listing>(LISTING, { first: 20 });
    expect(nodeOf(listing, products[0]!.id).variants[2]!.price!.amount).toBe(700);
    expect(nodeOf(listing, products[0]!.id).priceRange!.min.amount).toBe(700);
    const other = env.channelClient(web.key).withHeaders({ authorization: 'Bearer cust-someone' });
    expect(nodeOf(await other.data<Listing>(LISTING, { first: 20 }), products[0]!.id).variants[2]!.price!.amount).toBe(1200);
  });

  it('prices 20 products (60 variants) with their price ranges in ONE SQL statement', async () => {
    const client = env.channelClient(web.key);
    await client.data(LISTING, { first: 20 }); // warms the key and platform-pricing caches
    for (const first of [5, 20]) {
      const { sql } = await countQueries(env.plaza.db, () => client.data(LISTING, { first }));
      const pricing = sql.filter((s) => s.includes('pricing_') || s.includes('price_list'));
      expect(pricing).toHaveLength(1);
      // The page of products, their variants, their prices: nothing per product or per variant.
      expect(sql.length).toBeLessThanOrEqual(3);
    }
  });

  it('changes made in the admin show on the next request', async () => {
    const variant = products[3]!.variantIds[0]!;
    await env.adminClient.data(Q.setPrices, { priceListId: retail.id, prices: [{ variantId: variant, amount: 4321 }] });
    const listing = await env.channelClient(web.key).data<Listing>(LISTING, { first: 20 });
    expect(nodeOf(listing, products[3]!.id).variants[0]!.price!.amount).toBe(4321);
    await env.adminClient.data(Q.setPlatformPricing, { platformId: web.id, priceListId: null, pricesIncludeTax: true });
    const unlinked = await env.channelClient(web.key).data<Listing>(LISTING, { first: 20 });
    expect(nodeOf(unlinked, products[3]!.id).variants[0]!.price).toBeNull();
    await env.adminClient.data(Q.setPlatformPricing, { platformId: web.id, priceListId: retail.id, pricesIncludeTax: true });
  });
});
