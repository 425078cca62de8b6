import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCtx, type Ctx } from '../../kernel/context.js';
import { definePlugin } from '../../kernel/plugin.js';
import { countQueries, createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { CustomerGroupResolverToken, type CustomerGroupResolver } from './customer-groups.js';
import { PlatformPricingCache } from './platform-pricing.cache.js';
import { VariantPriceResolver, type VariantPrice } from './variant-price.resolver.js';
import { Q, createList, createPlatform, insertProducts, type ListNode } from './__tests__/pricing-harness.js';

const DAY = 86_400_000;

/** Customers and their groups, as a customers module would bind them. */
const groupsOf = new Map<string, string[]>([['cust-vip', ['vip']]]);
const groupsPlugin = definePlugin({
  name: 'test.customer-groups',
  version: '0.0.0',
  requires: ['core.pricing'],
  register(scope) {
    const resolver: CustomerGroupResolver = { groupsOf: (ctx) => Promise.resolve(groupsOf.get(ctx.actor?.id ?? '') ?? []) };
    scope.container.registerInstance(CustomerGroupResolverToken, resolver);
  },
  exports: [CustomerGroupResolverToken],
});

describe('price resolution: one batched statement, the most specific price wins', () => {
  let env: TestEnvironment;
  let list: ListNode;
  let platform: { id: string; code: string; key: string };
  let variants: string[];
  let resolver: VariantPriceResolver;

  beforeAll(async () => {
    env = await createTestEnvironment({ plugins: [groupsPlugin] });
    resolver = env.plaza.registry.get('core.pricing')!.scope.container.resolve(VariantPriceResolver);
    variants = (await insertProducts(env, 20, 3)).flatMap((p) => p.variantIds);
    list = await createList(env.adminClient);
    platform = await createPlatform(env.adminClient, 'EUR');
    await env.adminClient.data(Q.setPlatformPricing, { platformId: platform.id, priceListId: list.id, pricesIncludeTax: true });
    const now = Date.now();
    await env.adminClient.data(Q.setPrices, {
      priceListId: list.id,
      prices: [
        ...variants.map((variantId, i) => ({ variantId, amount: 1000 + i })),
        { variantId: variants[0], amount: 900, customerGroupId: 'vip' },
        { variantId: variants[1], amount: 800, compareAtAmount: 1001, startsAt: new Date(now - DAY).toISOString(), endsAt: new Date(now + DAY).toISOString() },
        { variantId: variants[2], amount: 700, startsAt: new Date(now + DAY).toISOString() },
        { variantId: variants[3], amount: 600, startsAt: new Date(now - 3 * DAY).toISOString(), endsAt: new Date(now - DAY).toISOString() },
        { variantId: variants[4], amount: 500, minQuantity: 5 },
        { variantId: variants[5], amount: 950, customerGroupId: 'other' },
      ],
    });
  });
  afterAll(() => env?.close());

  function channelCtx(customerId?: string): Ctx {
    return createCtx({
      db: env.plaza.db,
      logger: env.plaza.logger,
      api: 'channel',
      actor: customerId ? { kind: 'customer', id: customerId, grants: [] } : null,
      platform: { id: platform.id, code: platform.code, type: 'headless', currency: 'EUR', locale: 'es-ES' },
    });
  }

  const amounts = (prices: (VariantPrice | null | Error)[]) => prices.map((p) => (p instanceof Error ? 'error' : (p?.amount ?? null)));

  it('resolves the base price, a dated sale in force, never a future or past one, nor a quantity tier at 1', async () => {
    const prices = await resolver.loader(channelCtx()).loadMany(variants.slice(0, 6));
    expect(amounts(prices)).toEqual([1000, 800, 1002, 1003, 1004, 1005]);
    expect(prices[1]).toMatchObject({ compareAtAmount: 1001, currency: 'EUR', includesTax: true, endsAt: expect.any(Date) });
    const later = await resolver.resolve(channelCtx(), { platformId: platform.id, currency: 'EUR', variantIds: variants.slice(1, 4), at: new Date(Date.now() + 2 * DAY) });
    expect(amounts(later)).toEqual([1001, 700, 1003]);
    const bulk = await resolver.resolve(channelCtx(), { platformId: platform.id, currency: 'EUR', variantIds: [variants[4]!], quantity: 5 });
    expect(amounts(bulk)).toEqual([500]);
  });

  it('a customer-group price applies to members only, asked through the bound CustomerGroupResolver', async () => {
    expect(amounts(await resolver.loader(channelCtx('cust-vip')).loadMany([variants[0]!, variants[5]!]))).toEqual([900, 1005]);
    expect(amounts(await resolver.loader(channelCtx('cust-plain')).loadMany([variants[0]!]))).toEqual([1000]);
    expect(amounts(await resolver.loader(channelCtx()).loadMany([variants[0]!]))).toEqual([1000]);
  });

  it('prices a whole listing (60 variants) in ONE statement; the platform’s list comes from memory', async () => {
    await resolver.loader(channelCtx()).load(variants[0]!); // warms the platform pricing cache
    const { result, sql } = await countQueries(env.plaza.db, () => {
      const ctx = channelCtx('cust-vip');
      return Promise.all(variants.map((id) => resolver.loader(ctx).load(id)));
    });
    expect(result.filter((p) => p !== null)).toHaveLength(60);
    expect(sql).toHaveLength(1);
    expect(sql[0]).toContain('pricing_price');
  });

  it('unpriced variants, platforms without a list, archived lists and a currency mismatch give null', async () => {
    const [unpriced] = await insertProducts(env, 1, 1);
    expect(await resolver.loader(channelCtx()).load(unpriced!.variantIds[0]!)).toBeNull();

    const bare = await createPlatform(env.adminClient, 'EUR');
    const bareCtx = createCtx({ db: env.plaza.db, logger: env.plaza.logger, api: 'channel', platform: { id: bare.id, code: bare.code, type: 'headless', currency: 'EUR', locale: 'es' } });
    expect(await resolver.loader(bareCtx).load(variants[0]!)).toBeNull();
    expect(await resolver.resolve(channelCtx(), { platformId: platform.id, currency: 'USD', variantIds: [variants[0]!] })).toEqual([null]);

    await env.adminClient.data(Q.updateList, { input: { id: list.id, status: 'ARCHIVED' } });
    await new Promise((resolve) => setTimeout(resolve, 10)); // afterCommit invalidation runs after the response
    expect(await resolver.loader(channelCtx()).load(variants[0]!)).toBeNull();
    await env.adminClient.data(Q.updateList, { input: { id: list.id, status: 'ACTIVE' } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await resolver.loader(channelCtx()).load(variants[0]!))?.amount).toBe(1000);
  });

  it('the platform pricing cache is invalidated when a platform is relinked', async () => {
    const cache = env.plaza.registry.get('core.pricing')!.scope.container.resolve(PlatformPricingCache);
    expect((await cache.get(channelCtx(), platform.id)).priceListId).toBe(list.id);
    const other = await createList(env.adminClient);
    await env.adminClient.data(Q.setPrices, { priceListId: other.id, prices: [{ variantId: variants[0], amount: 4242 }] });
    await env.adminClient.data(Q.setPlatformPricing, { platformId: platform.id, priceListId: other.id, pricesIncludeTax: false });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await resolver.loader(channelCtx()).load(variants[0]!)).toMatchObject({ amount: 4242, includesTax: false });
    await env.adminClient.data(Q.setPlatformPricing, { platformId: platform.id, priceListId: list.id, pricesIncludeTax: true });
  });
});
