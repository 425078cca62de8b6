import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../testing/index.js';
import { CatalogAdmin } from './__tests__/catalog-admin.js';

const SEARCH = `query($query: String, $filter: SearchProductFilter, $first: Int, $after: String) {
  searchProducts(query: $query, filter: $filter, first: $first, after: $after) {
    edges { cursor score node { id title handle } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const FACETS = `query($query: String, $filter: SearchProductFilter) {
  searchProducts(query: $query, filter: $filter, first: 5) {
    totalCount
    facets {
      categories { id name count }
      brands { value count }
      attributes { code label values { value count } }
      priceRanges { min max count }
      inStock { count }
    }
  }
}`;

interface SearchData {
  searchProducts: { edges: { cursor: string; score: number | null; node: { id: string; title: string; handle: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
interface FacetData {
  searchProducts: {
    totalCount: number;
    facets: {
      categories: { id: string; name: string; count: number }[];
      brands: { value: string; count: number }[];
      attributes: { code: string; label: string; values: { value: string; count: number }[] }[];
      priceRanges: { min: number; max: number | null; count: number }[];
      inStock: { count: number };
    };
  };
}

describe('searchProducts on the channel API', () => {
  let env: TestEnvironment;
  let channel: GraphQLClient;
  let otherChannel: GraphQLClient;
  let tops: string;
  let shoes: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await createTestEnvironment();
    const admin = new CatalogAdmin(env);
    const web = await admin.platform();
    const other = await admin.platform();
    channel = web.channel;
    otherChannel = other.channel;
    const clothing = await admin.category('clothing', 'Clothing');
    tops = await admin.category('tops', 'Tops', clothing);
    shoes = await admin.category('shoes', 'Shoes', clothing);
    const summer = await admin.collection('summer', 'Summer');
    await admin.attribute('material', 'ENUM', { values: ['cotton', 'linen', 'leather'] });
    await admin.attribute('size', 'STRING', { appliesTo: 'VARIANT' });
    const list = await admin.priceList(`eur-${web.id.slice(-6).toLowerCase()}`, [web.id]);
    const store = await admin.location(web.id, 2);
    const size = (v: string) => ({ name: 'Size', value: v });
    const linen = await admin.product(
      {
        handle: 'linen-shirt', title: 'Linen shirt', description: 'Breathable summer shirt', brand: 'Nordvik', categoryIds: [tops], attributes: { material: 'linen' },
        options: [{ name: 'Size', values: ['M', 'L'] }],
        variants: [{ sku: 'LIN-M', optionValues: [size('M')], attributes: { size: 'M' }, gtin: '4006381333931' }, { sku: 'LIN-L', optionValues: [size('L')], attributes: { size: 'L' } }],
        translations: [{ locale: 'es-ES', title: 'Camisa de lino' }],
      },
      [web.id],
    );
    const tee = await admin.product({ handle: 'cotton-tee', title: 'Cotton tee', description: 'A shirt for every day', brand: 'Plaza', categoryIds: [tops], attributes: { material: 'cotton' }, variants: [{ sku: 'TEE-1' }] }, [web.id, other.id]);
    const boots = await admin.product({ handle: 'leather-boots', title: 'Leather boots', brand: 'Nordvik', categoryIds: [shoes], attributes: { material: 'leather' }, variants: [{ sku: 'BOOT-42' }] }, [web.id]);
    await admin.product({ handle: 'draft-shirt', title: 'Draft shirt', status: 'DRAFT', variants: [{ sku: 'DRAFT-1' }] }, [web.id]);
    Object.assign(ids, { linen: linen.id, tee: tee.id, boots: boots.id });
    await admin.prices(list, [
      { variantId: linen.variants['LIN-M']!, amount: 4990 },
      { variantId: linen.variants['LIN-L']!, amount: 5490 },
      { variantId: tee.variants['TEE-1']!, amount: 1290 },
      { variantId: boots.variants['BOOT-42']!, amount: 12900 },
    ]);
    // Safety stock 2: the tee (2 on hand) is not available, the linen shirt (M: 5 on hand, 1 reserved) is.
    await admin.stock(linen.variants['LIN-M']!, store, 5, 1);
    await admin.stock(tee.variants['TEE-1']!, store, 2);
    await admin.stock(boots.variants['BOOT-42']!, store, 10);
    await env.plaza.db('catalog_collection_product').insert({ collection_id: summer, product_id: linen.id, position: 0 });
    ids.summer = summer;
  });
  afterAll(() => env?.close());

  const search = async (variables: Record<string, unknown>, client = channel) => (await client.data<SearchData>(SEARCH, variables)).searchProducts;
  const titles = async (variables: Record<string, unknown>, client = channel) => (await search(variables, client)).edges.map((e) => e.node.title);

  it('ranks text matches (title before description), shows translated titles, only for the platform', async () => {
    const result = await search({ query: 'shirt' });
    expect(result.edges.map((e) => e.node.title)).toEqual(['Camisa de lino', 'Cotton tee']);
    expect(result.edges[0]!.score).toBeGreaterThan(result.edges[1]!.score!);
    expect(await titles({ query: 'lino' })).toEqual(['Camisa de lino']);
    expect(await titles({ query: 'LIN-L' })).toEqual(['Camisa de lino']);
    expect(await titles({ query: '4006381333931' })).toEqual(['Camisa de lino']);
    expect(await titles({ query: 'boo' })).toEqual(['Leather boots']);
    expect(await titles({ query: 'shirt' }, otherChannel)).toEqual(['Cotton tee']);
  });

  it('filters by price on the platform list, availability after safety stock, category, collection and attributes', async () => {
    expect(await titles({ filter: { priceMin: 1000, priceMax: 5000 } })).toEqual(expect.arrayContaining(['Camisa de lino', 'Cotton tee']));
    expect(await titles({ filter: { priceMin: 5000 } })).toEqual(expect.arrayContaining(['Camisa de lino', 'Leather boots']));
    expect(await titles({ filter: { priceMax: 1000 } })).toEqual([]);
    expect((await titles({ filter: { inStock: true } })).sort()).toEqual(['Camisa de lino', 'Leather boots']);
    expect(await titles({ filter: { inStock: false } })).toEqual(['Cotton tee']);
    expect((await titles({ query: 'shirt', filter: { categoryId: tops, inStock: true } }))).toEqual(['Camisa de lino']);
    expect(await titles({ filter: { collectionId: ids.summer } })).toEqual(['Camisa de lino']);
    expect(await titles({ filter: { attributes: [{ code: 'size', values: ['L'] }] } })).toEqual(['Camisa de lino']);
    expect(await titles({ filter: { attributes: [{ code: 'material', values: ['leather', 'cotton'] }] } })).toHaveLength(2);
  });

  it('counts facets that respect the other filters', async () => {
    const { searchProducts } = await channel.data<FacetData>(FACETS, { filter: { inStock: true, brands: ['Nordvik'] } });
    expect(searchProducts.totalCount).toBe(2);
    const f = searchProducts.facets;
    expect(f.brands).toEqual([{ value: 'Nordvik', count: 2 }]);
    expect(f.inStock).toEqual({ count: 2 });
    expect(f.categories.map((c) => [c.name, c.count]).sort()).toEqual([['Shoes', 1], ['Tops', 1]]);
    expect(f.attributes.find((a) => a.code === 'material')!.values.map((v) => v.value).sort()).toEqual(['leather', 'linen']);
    expect(f.attributes.find((a) => a.code === 'size')!.values.map((v) => v.value).sort()).toEqual(['L', 'M']);
    expect(f.priceRanges).toEqual([
      { min: 2500, max: 5000, count: 1 },
      { min: 10000, max: 25000, count: 1 },
    ]);
    const unfiltered = await channel.data<FacetData>(FACETS, { filter: { brands: ['Plaza'] } });
    expect(unfiltered.searchProducts.facets.brands).toEqual([{ value: 'Nordvik', count: 2 }, { value: 'Plaza', count: 1 }]);
    expect(unfiltered.searchProducts.facets.inStock).toEqual({ count: 0 });
  });

  it('pages with cursors, ranked and unranked', async () => {
    const first = await search({ query: 'shirt', first: 1 });
    const second = await search({ query: 'shirt', first: 1, after: first.pageInfo.endCursor });
    expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage]).toEqual([true, false]);
    expect(second.edges[0]!.node.title).toBe('Cotton tee');
    const page1 = await search({ first: 2 });
    const page2 = await search({ first: 2, after: page1.pageInfo.endCursor });
    expect(new Set([...page1.edges, ...page2.edges].map((e) => e.node.id))).toEqual(new Set([ids.linen, ids.tee, ids.boots]));
  });

  it('answers bad input with BAD_USER_INPUT and the fields', async () => {
    const bad = await channel.query(SEARCH, { filter: { priceMin: 900, priceMax: 100, attributes: [{ code: 'colour', values: ['red'] }] } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((bad.errors?.[0]?.extensions?.fields as { path: string }[]).map((f) => f.path)).toEqual(['filter.priceMin', 'filter.attributes.0.code']);
    const noKey = await env.channelClient().query(SEARCH, { query: 'shirt' });
    expect(noKey.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
