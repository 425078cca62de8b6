import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { Q, createList, createPlatform, errorOf, insertProducts, uniqueCode, type ListNode, type PriceNode } from './__tests__/pricing-harness.js';

type ListPage = { priceLists: { edges: { node: ListNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe('pricing admin API: price lists, prices, platform pricing', () => {
  let env: TestEnvironment;
  let variants: string[];
  beforeAll(async () => {
    env = await createTestEnvironment();
    variants = (await insertProducts(env, 4, 2)).flatMap((p) => p.variantIds);
  });
  afterAll(() => env?.close());

  async function setPrices(priceListId: string, prices: Record<string, unknown>[]) {
    return env.adminClient.query<{ setPrices: PriceNode[] }>(Q.setPrices, { priceListId, prices });
  }

  it('creates, reads, edits, lists and deletes price lists, with field errors and code conflicts', async () => {
    const list = await createList(env.adminClient, { name: 'Spain retail', currency: 'eur' });
    expect(list).toMatchObject({ name: 'Spain retail', currency: 'EUR', status: 'ACTIVE', platformIds: [] });
    expect(list.id).toMatch(/^prl_/);

    const bad = errorOf(await env.adminClient.query(Q.createList, { input: { code: 'Spain Retail', name: ' ', currency: 'EURO' } }));
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PRICE_LIST_INPUT_INVALID' });
    expect(bad.fields.map((f) => f.path).sort()).toEqual(['code', 'currency', 'name']);
    expect(bad.fields.find((f) => f.path === 'currency')!.message).toContain('ISO 4217');

    const taken = errorOf(await env.adminClient.query(Q.createList, { input: { code: list.code, name: 'x', currency: 'EUR' } }));
    expect(taken).toMatchObject({ code: 'CONFLICT', reason: 'PRICE_LIST_CODE_TAKEN', fields: [{ path: 'code' }] });

    const { updatePriceList } = await env.adminClient.data<{ updatePriceList: ListNode }>(Q.updateList, { input: { id: list.id, name: 'Spain retail 2026', status: 'ARCHIVED' } });
    expect(updatePriceList).toMatchObject({ name: 'Spain retail 2026', status: 'ARCHIVED', currency: 'EUR', code: list.code });
    const other = await createList(env.adminClient);
    expect(errorOf(await env.adminClient.query(Q.updateList, { input: { id: other.id, code: list.code } }))).toMatchObject({ code: 'CONFLICT', reason: 'PRICE_LIST_CODE_TAKEN' });
    expect(errorOf(await env.adminClient.query(Q.updateList, { input: { id: 'prl_nope', name: 'x' } })).code).toBe('NOT_FOUND');

    const archived = await env.adminClient.data<ListPage>(Q.lists, { filter: { status: 'ARCHIVED' } });
    expect(archived.priceLists.edges.map((e) => e.node.id)).toEqual([list.id]);
    const page1 = await env.adminClient.data<ListPage>(Q.lists, { first: 1 });
    expect(page1.priceLists.edges.map((e) => e.node.id)).toEqual([other.id]);
    const page2 = await env.adminClient.data<ListPage>(Q.lists, { first: 1, after: page1.priceLists.pageInfo.endCursor });
    expect(page2.priceLists.edges.map((e) => e.node.id)).toEqual([list.id]);
    const searched = await env.adminClient.data<ListPage>(Q.lists, { filter: { search: '2026' } });
    expect(searched.priceLists.edges.map((e) => e.node.id)).toEqual([list.id]);

    await setPrices(other.id, [{ variantId: variants[0], amount: 100 }]);
    expect((await env.adminClient.data<{ deletePriceList: string }>(Q.deleteList, { id: other.id })).deletePriceList).toBe(other.id);
    expect(errorOf(await env.adminClient.query(Q.getList, { id: other.id })).code).toBe('NOT_FOUND');
    expect(await env.plaza.db('pricing_price').where('price_list_id', other.id).count({ n: '*' }).first()).toMatchObject({ n: expect.anything() });
    expect(Number(((await env.plaza.db('pricing_price').where('price_list_id', other.id).count({ n: '*' }).first()) as { n: string | number }).n)).toBe(0);

    const audit = (await env.plaza.db('audit_entry').where('entity_id', list.id).orderBy('id').select('action')) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['price_list.created', 'price_list.updated']);
    const events = (await env.plaza.db('plaza_outbox').whereIn('name', ['price_list.created', 'price_list.updated', 'price_list.deleted']).select('name')) as { name: string }[];
    expect(events.map((e) => e.name).sort()).toEqual(['price_list.created', 'price_list.created', 'price_list.deleted', 'price_list.updated']);
  });

  it('setPrices saves all rows in minor units (or decimals), upserts by key, and formats money', async () => {
    const list = await createList(env.adminClient);
    const first = await setPrices(list.id, [
      { variantId: variants[0], amount: 1995, compareAtAmount: 2495 },
      { variantId: variants[1], amountDecimal: '12.30' },
      { variantId: variants[1], amount: 1100, customerGroupId: 'vip' },
      { variantId: variants[1], amount: 999, startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-31T00:00:00Z' },
    ]);
    expect(first.errors).toBeUndefined();
    const saved = first.data!.setPrices;
    expect(saved.map((p) => p.amount.amount)).toEqual([1995, 1230, 1100, 999]);
    expect(saved[0]).toMatchObject({ compareAt: { amount: 2495 }, minQuantity: 1, customerGroupId: null, amount: { currency: 'EUR', decimal: '19.95' } });
    expect(saved[0]!.amount.formatted.replace(/\s/g, ' ')).toBe('19,95 €');
    expect(saved[3]).toMatchObject({ startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2026-01-31T00:00:00.000Z' });

    // Same key (variant, group, start, minimum quantity) → the same price is updated.
    const again = await setPrices(list.id, [{ variantId: variants[0], amount: 1895 }, { id: saved[2]!.id, variantId: variants[1], amount: 1050, customerGroupId: 'gold' }]);
    expect(again.data!.setPrices.map((p) => [p.id, p.amount.amount, p.customerGroupId, p.compareAt])).toEqual([
      [saved[0]!.id, 1895, null, null],
      [saved[2]!.id, 1050, 'gold', null],
    ]);

    const { prices } = await env.adminClient.data<{ prices: { edges: { node: { id: string } }[] } }>(Q.prices, { priceListId: list.id, filter: { variantId: variants[1] } });
    expect(prices.edges).toHaveLength(3);
    const groups = await env.adminClient.data<{ prices: { edges: { node: { id: string } }[] } }>(Q.prices, { priceListId: list.id, filter: { base: false } });
    expect(groups.prices.edges.map((e) => e.node.id)).toEqual([saved[2]!.id]);
    const inJanuary = await env.adminClient.data<{ prices: { edges: { node: { id: string } }[] } }>(Q.prices, { priceListId: list.id, filter: { activeAt: '2026-01-15T00:00:00Z', variantId: variants[1] } });
    expect(inJanuary.prices.edges).toHaveLength(3);
    const inMarch = await env.adminClient.data<{ prices: { edges: { node: { id: string } }[] } }>(Q.prices, { priceListId: list.id, filter: { activeAt: '2026-03-15T00:00:00Z', variantId: variants[1] } });
    expect(inMarch.prices.edges).toHaveLength(2);
    const paged = await env.adminClient.data<{ prices: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>(Q.prices, { priceListId: list.id, first: 2 });
    const rest = await env.adminClient.data<{ prices: { edges: { node: { id: string } }[] } }>(Q.prices, { priceListId: list.id, first: 10, after: paged.prices.pageInfo.endCursor });
    expect([...paged.prices.edges, ...rest.prices.edges].map((e) => e.node.id).sort()).toEqual(saved.map((p) => p.id).sort());

    const { variantPrices } = await env.adminClient.data<{ variantPrices: { id: string; priceListId: string }[] }>(Q.variantPrices, { variantId: variants[0] });
    expect(variantPrices.map((p) => p.id)).toEqual([saved[0]!.id]);
    const onVariant = await env.adminClient.data<{ variant: { prices: { id: string }[] } }>(`query($id: ID!, $list: ID) { variant(id: $id) { prices(priceListId: $list) { id } } }`, {
      id: variants[1],
      list: list.id,
    });
    expect(onVariant.variant.prices.map((p) => p.id).sort()).toEqual([saved[1]!.id, saved[2]!.id, saved[3]!.id].sort());

    expect((await env.adminClient.data<{ deletePrice: string }>(Q.deletePrice, { id: saved[3]!.id })).deletePrice).toBe(saved[3]!.id);
    expect(errorOf(await env.adminClient.query(Q.deletePrice, { id: saved[3]!.id })).code).toBe('NOT_FOUND');

    const changed = (await env.plaza.db('plaza_outbox').where('name', 'prices.changed').orderBy('id').select('payload')) as { payload: unknown }[];
    const payloads = changed.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as { priceListId: string; created: number; updated: number; deleted: number }).filter((p) => p.priceListId === list.id);
    expect(payloads.map((p) => [p.created, p.updated, p.deleted])).toEqual([[4, 0, 0], [0, 2, 0], [0, 0, 1]]);
    const audit = (await env.plaza.db('audit_entry').where('entity_id', list.id).orderBy('id').select('action')) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['price_list.created', 'prices.set', 'prices.set', 'price.deleted']);
  });

  it('setPrices is all or nothing: every row problem is a field error, nothing is saved', async () => {
    const list = await createList(env.adminClient);
    const bad = errorOf(
      await setPrices(list.id, [
        { variantId: 'var_nope', amount: 100 },
        { variantId: variants[0], amount: -1 },
        { variantId: variants[1], amountDecimal: '12.345' },
        { variantId: variants[2], amount: 100, startsAt: '2026-02-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' },
        { variantId: variants[3], amount: 500, compareAtAmount: 400 },
        { variantId: variants[4], amount: 100, minQuantity: 0 },
        { variantId: variants[5] },
        { variantId: variants[6], amount: 100 },
      ]),
    );
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PRICE_INPUT_INVALID' });
    expect(bad.fields.map((f) => f.path).sort()).toEqual(
      ['prices.0.variantId', 'prices.1.amount', 'prices.2.amountDecimal', 'prices.3.endsAt', 'prices.4.compareAtAmount', 'prices.5.minQuantity', 'prices.6.amount'].sort(),
    );
    expect(bad.fields.find((f) => f.path === 'prices.2.amountDecimal')!.message).toBe('EUR amounts have at most 2 decimals');
    const none = await env.adminClient.data<{ priceList: { prices: { edges: unknown[] } } }>(Q.getList, { id: list.id });
    expect(none.priceList.prices.edges).toEqual([]);

    const kwd = await createList(env.adminClient, { currency: 'KWD' });
    const kw = await setPrices(kwd.id, [{ variantId: variants[0], amountDecimal: '12.345' }]);
    expect(kw.data!.setPrices[0]!.amount).toMatchObject({ amount: 12345, currency: 'KWD', decimal: '12.345' });
    const jpy = await createList(env.adminClient, { currency: 'JPY' });
    expect(errorOf(await setPrices(jpy.id, [{ variantId: variants[0], amountDecimal: '1.5' }])).fields).toEqual([{ path: 'prices.0.amountDecimal', message: 'JPY amounts have no decimals' }]);

    expect(errorOf(await setPrices(kwd.id, [{ variantId: variants[0], amountDecimal: '2147484' }])).fields).toEqual([{ path: 'prices.0.amountDecimal', message: 'must be at most 2147483.647' }]);
    expect(errorOf(await setPrices(list.id, [])).fields).toEqual([{ path: 'prices', message: 'must hold at least one price' }]);
    expect(errorOf(await setPrices('prl_nope', [{ variantId: variants[0], amount: 1 }])).code).toBe('NOT_FOUND');
  });

  it('two prices with the same list, variant, group, start and minimum quantity are a CONFLICT', async () => {
    const list = await createList(env.adminClient);
    const dup = errorOf(await setPrices(list.id, [{ variantId: variants[0], amount: 100 }, { variantId: variants[1], amount: 100 }, { variantId: variants[0], amount: 200 }]));
    expect(dup).toMatchObject({ code: 'CONFLICT', reason: 'PRICE_DUPLICATE', fields: [{ path: 'prices.2', message: expect.stringContaining('prices.0') }] });

    const saved = (await setPrices(list.id, [{ variantId: variants[0], amount: 100 }, { variantId: variants[0], amount: 90, customerGroupId: 'vip' }])).data!.setPrices;
    // Moving the group price onto the base price's key collides with it.
    const moved = errorOf(await setPrices(list.id, [{ id: saved[1]!.id, variantId: variants[0], amount: 90 }]));
    expect(moved).toMatchObject({ code: 'CONFLICT', reason: 'PRICE_DUPLICATE', fields: [{ path: 'prices.0', message: expect.stringContaining(saved[0]!.id) }] });
    const wrongVariant = errorOf(await setPrices(list.id, [{ id: saved[1]!.id, variantId: variants[1], amount: 90 }]));
    expect(wrongVariant).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'prices.0.id', message: 'is a price of another variant' }] });
    // Same key but another start date, or another minimum quantity, are different prices.
    const ok = await setPrices(list.id, [
      { variantId: variants[0], amount: 80, startsAt: '2026-05-01T00:00:00Z' },
      { variantId: variants[0], amount: 70, minQuantity: 10 },
    ]);
    expect(ok.errors).toBeUndefined();
  });

  it('concurrent setPrices of the same new price: one row, the others update it or get CONFLICT (never a 500)', async () => {
    const list = await createList(env.adminClient);
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => setPrices(list.id, [{ variantId: variants[7], amount: 100 * n }])));
    for (const result of results) if (result.errors) expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', reason: 'PRICE_DUPLICATE' });
    expect(results.some((r) => !r.errors)).toBe(true);
    const rows = await env.plaza.db('pricing_price').where({ price_list_id: list.id, variant_id: variants[7] }).select('id');
    expect(rows).toHaveLength(1);
  });

  it('links a price list to a platform only in the platform currency; the platform shows its pricing', async () => {
    const eur = await createList(env.adminClient, { name: 'Euro list' });
    const usdPlatform = await createPlatform(env.adminClient, 'USD');
    const mismatch = errorOf(await env.adminClient.query(Q.setPlatformPricing, { platformId: usdPlatform.id, priceListId: eur.id, pricesIncludeTax: false }));
    expect(mismatch).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PRICE_LIST_CURRENCY_MISMATCH', fields: [{ path: 'priceListId' }] });
    expect(mismatch.message).toContain('"Euro list" is in EUR');
    expect(mismatch.message).toContain('sells in USD');
    expect(errorOf(await env.adminClient.query(Q.setPlatformPricing, { platformId: usdPlatform.id, priceListId: 'prl_nope', pricesIncludeTax: false }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'PRICE_LIST_UNKNOWN',
    });
    expect(errorOf(await env.adminClient.query(Q.setPlatformPricing, { platformId: 'plat_nope', priceListId: eur.id, pricesIncludeTax: false })).code).toBe('NOT_FOUND');

    const shop = await createPlatform(env.adminClient, 'EUR');
    const linked = await env.adminClient.data<{ setPlatformPricing: unknown }>(Q.setPlatformPricing, { platformId: shop.id, priceListId: eur.id, pricesIncludeTax: true });
    expect(linked.setPlatformPricing).toEqual({ platformId: shop.id, pricesIncludeTax: true, priceList: { id: eur.id, code: eur.code } });
    const read = await env.adminClient.data<{ platform: { priceListId: string; pricing: { pricesIncludeTax: boolean; priceList: { id: string } } } }>(
      `query($id: ID!) { platform(id: $id) { priceListId pricing { pricesIncludeTax priceList { id } } } }`,
      { id: shop.id },
    );
    expect(read.platform).toEqual({ priceListId: eur.id, pricing: { pricesIncludeTax: true, priceList: { id: eur.id } } });
    expect((await env.adminClient.data<{ priceList: ListNode }>(Q.getList, { id: eur.id })).priceList.platformIds).toEqual([shop.id]);

    const inUse = errorOf(await env.adminClient.query(Q.deleteList, { id: eur.id }));
    expect(inUse).toMatchObject({ code: 'CONFLICT', reason: 'PRICE_LIST_IN_USE' });

    const unlinked = await env.adminClient.data<{ setPlatformPricing: unknown }>(Q.setPlatformPricing, { platformId: shop.id, priceListId: null, pricesIncludeTax: false });
    expect(unlinked.setPlatformPricing).toEqual({ platformId: shop.id, pricesIncludeTax: false, priceList: null });
    const audit = (await env.plaza.db('audit_entry').where({ entity_id: shop.id, action: 'platform.pricing_updated' }).select('after')) as { after: string }[];
    expect(audit.map((a) => JSON.parse(a.after))).toEqual(expect.arrayContaining([{ priceListId: eur.id, pricesIncludeTax: true }, { priceListId: null, pricesIncludeTax: false }]));
    expect(uniqueCode('x')).not.toBe(uniqueCode('x'));
  });
});
