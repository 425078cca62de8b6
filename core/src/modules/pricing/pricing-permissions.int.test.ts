import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../testing/index.js';
import { Q, createList, createPlatform, errorOf, insertProducts, type ListNode } from './__tests__/pricing-harness.js';

describe('pricing permissions, checked in the services and scoped by platform', () => {
  let env: TestEnvironment;
  let a: { id: string };
  let b: { id: string };
  let listA: ListNode;
  let listB: ListNode;
  let loose: ListNode;
  let variant: string;
  let managerA: GraphQLClient;
  let reader: GraphQLClient;
  let associate: GraphQLClient;

  beforeAll(async () => {
    env = await createTestEnvironment();
    [a, b] = [await createPlatform(env.adminClient), await createPlatform(env.adminClient)];
    [listA, listB, loose] = [await createList(env.adminClient), await createList(env.adminClient), await createList(env.adminClient)];
    await env.adminClient.data(Q.setPlatformPricing, { platformId: a.id, priceListId: listA.id, pricesIncludeTax: true });
    await env.adminClient.data(Q.setPlatformPricing, { platformId: b.id, priceListId: listB.id, pricesIncludeTax: true });
    variant = (await insertProducts(env, 1, 1))[0]!.variantIds[0]!;
    managerA = await env.signIn({ roles: [{ permissions: ['pricing.read', 'pricing.manage'], platformIds: [a.id] }] });
    reader = await env.signIn({ roles: [{ permissions: ['pricing.read'] }] });
    associate = await env.signIn({ roles: [{ role: 'store-associate', platformIds: [a.id] }] });
  });
  afterAll(() => env?.close());

  const forbidden = (reason: string) => ({ code: 'FORBIDDEN', reason });

  it('staff without pricing.read cannot read; anonymous must sign in', async () => {
    expect(errorOf(await env.limitedAdminClient.query(Q.lists, {}))).toMatchObject(forbidden('PERMISSION_MISSING'));
    expect(errorOf(await env.limitedAdminClient.query(Q.getList, { id: listA.id }))).toMatchObject(forbidden('PERMISSION_MISSING'));
    expect(errorOf(await env.anonymousAdminClient.query(Q.lists, {})).code).toBe('UNAUTHENTICATED');
  });

  it('a reader (and a store associate, by default) reads but cannot write', async () => {
    expect((await reader.data<{ priceList: ListNode }>(Q.getList, { id: listA.id })).priceList.id).toBe(listA.id);
    expect((await associate.data<{ platformPricing: { platformId: string } }>(Q.platformPricing, { platformId: a.id })).platformPricing.platformId).toBe(a.id);
    expect(errorOf(await associate.query(Q.platformPricing, { platformId: b.id }))).toMatchObject(forbidden('SCOPE_MISSING'));
    for (const client of [reader, associate]) {
      expect(errorOf(await client.query(Q.createList, { input: { code: 'nope-list', name: 'x', currency: 'EUR' } }))).toMatchObject(forbidden('PERMISSION_MISSING'));
      expect(errorOf(await client.query(Q.setPrices, { priceListId: listA.id, prices: [{ variantId: variant, amount: 1 }] }))).toMatchObject(forbidden('PERMISSION_MISSING'));
    }
  });

  it('a manager scoped to platform A changes A’s list and pricing only', async () => {
    const ok = await managerA.query(Q.setPrices, { priceListId: listA.id, prices: [{ variantId: variant, amount: 1234 }] });
    expect(ok.errors).toBeUndefined();
    expect(errorOf(await managerA.query(Q.setPrices, { priceListId: listB.id, prices: [{ variantId: variant, amount: 1 }] }))).toMatchObject(forbidden('SCOPE_MISSING'));
    expect(errorOf(await managerA.query(Q.updateList, { input: { id: listB.id, name: 'mine' } }))).toMatchObject(forbidden('SCOPE_MISSING'));
    expect(errorOf(await managerA.query(Q.setPlatformPricing, { platformId: b.id, priceListId: listA.id, pricesIncludeTax: true }))).toMatchObject(forbidden('SCOPE_MISSING'));
    expect(errorOf(await managerA.query(Q.platformPricing, { platformId: b.id }))).toMatchObject(forbidden('SCOPE_MISSING'));

    const relinked = await managerA.data<{ setPlatformPricing: { priceList: { id: string } } }>(Q.setPlatformPricing, { platformId: a.id, priceListId: loose.id, pricesIncludeTax: false });
    expect(relinked.setPlatformPricing.priceList.id).toBe(loose.id);
    // A list that no platform uses is editable with pricing.manage anywhere.
    expect((await managerA.data<{ updatePriceList: ListNode }>(Q.updateList, { input: { id: listA.id, name: 'Spare' } })).updatePriceList.name).toBe('Spare');

    const untouched = await env.adminClient.data<{ priceList: ListNode }>(Q.getList, { id: listB.id });
    expect(untouched.priceList.platformIds).toEqual([b.id]);
  });
});
