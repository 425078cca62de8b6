import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { DEMO_PRICE_LIST_CODE } from './pricing.seed.js';

interface DemoListing {
  products: { edges: { node: { variants: { sku: string; price: { amount: number; compareAt: { amount: number } | null; currency: string; includesTax: boolean; endsAt: string | null } | null }[] } }[] };
}

describe('pricing demo seed', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env?.close());

  it('links "Spain retail" (EUR, tax included) to web-es and app-es and prices every demo variant', async () => {
    const { report } = await env.plaza.seed({ demo: true });
    const list = (await env.plaza.db('pricing_price_list').where('code', DEMO_PRICE_LIST_CODE).first()) as { id: string; currency: string; name: string };
    expect(list).toMatchObject({ currency: 'EUR', name: 'Spain retail' });
    const platforms = (await env.plaza.db('platform').whereIn('code', ['web-es', 'app-es']).select('price_list_id')) as { price_list_id: string }[];
    expect(platforms.map((p) => p.price_list_id)).toEqual([list.id, list.id]);

    const variantCount = Number(((await env.plaza.db('catalog_variant').count({ n: '*' }).first()) as { n: number | string }).n);
    const priced = Number(((await env.plaza.db('pricing_price').where('price_list_id', list.id).countDistinct({ n: 'variant_id' }).first()) as { n: number | string }).n);
    // The catalog's demo (seeded first, in boot order) has ~24 products with several variants each.
    expect(variantCount).toBeGreaterThan(24);
    expect(priced).toBe(variantCount);
    // One sale: dated prices on every variant of one product.
    const dated = (await env.plaza.db('pricing_price as pr').join('catalog_variant as v', 'v.id', 'pr.variant_id').where('pr.price_list_id', list.id).whereNotNull('pr.starts_at').select('v.product_id')) as { product_id: string }[];
    expect(new Set(dated.map((d) => d.product_id)).size).toBe(1);
    const saleVariants = await env.plaza.db('catalog_variant').where('product_id', dated[0]!.product_id).select('id');
    expect(dated).toHaveLength(saleVariants.length);
    // A product's variants share its base price, as a shop prices a shirt whatever its size.
    const base = (await env.plaza.db('pricing_price as pr').join('catalog_variant as v', 'v.id', 'pr.variant_id').where('pr.price_list_id', list.id).whereNull('pr.starts_at').select('v.product_id', 'pr.amount')) as { product_id: string; amount: number | string }[];
    const amountsByProduct = new Map<string, Set<string>>();
    for (const row of base) amountsByProduct.set(row.product_id, (amountsByProduct.get(row.product_id) ?? new Set()).add(String(row.amount)));
    expect([...amountsByProduct.values()].every((amounts) => amounts.size === 1)).toBe(true);

    {
      const key = report.platforms.find((p) => p.code === 'web-es')!.key;
      const listing = await env.channelClient(key).data<DemoListing>(`{ products(first: 50) { edges { node { variants { sku price { amount compareAt { amount } currency includesTax endsAt } } } } } }`);
      const prices = listing.products.edges.flatMap((e) => e.node.variants.map((v) => v.price));
      expect(prices.length).toBeGreaterThan(0);
      expect(prices.every((p) => p !== null && p.currency === 'EUR' && p.includesTax)).toBe(true);
      expect(prices.some((p) => p!.compareAt !== null)).toBe(true);
      expect(prices.filter((p) => p!.endsAt !== null)).toHaveLength(saleVariants.length);
    }

    const again = await env.plaza.seed({ demo: true });
    expect(again.report.platforms).toEqual([]);
    expect(await env.plaza.db('pricing_price_list').where('code', DEMO_PRICE_LIST_CODE).select('id')).toHaveLength(1);
  });
});
