import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlazaError } from '../../kernel/errors.js';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { SearchFixture } from './__tests__/search-fixture.js';
import { SearchService } from './search.service.js';

describe('search service (full-text, filters, facets) on the catalog search documents', () => {
  let env: TestEnvironment;
  let fx: SearchFixture;
  let search: SearchService;
  let tops: string;
  let clothing: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await createTestEnvironment();
    fx = await new SearchFixture(env).init();
    search = env.plaza.container.resolve(SearchService);
    clothing = await fx.category('clothing');
    tops = await fx.category('tops', clothing);
    const home = await fx.category('home');
    await fx.attribute('material', 'enum');
    await fx.attribute('waterproof', 'boolean');
    await fx.attribute('tags', 'string_list');
    ids.jacket = (await fx.product({ handle: 'rain-jacket', title: 'Rain Jacket', description: 'A light jacket for rainy days', brand: 'Nordvik', categoryIds: [clothing], attributes: { material: 'nylon', waterproof: true, tags: ['outdoor', 'rain'] }, skus: ['JKT-RAIN-M'], gtins: ['00629104150021'], translations: [{ locale: 'es-ES', title: 'Chaqueta impermeable' }] })).id;
    ids.tee = (await fx.product({ handle: 'basic-tee', title: 'Básica T-Shirt', description: 'Cotton tee, goes with any jacket', brand: 'Plaza', categoryIds: [tops], attributes: { material: 'cotton', tags: ['basics'] }, skus: ['TEE-BLK-M', 'TEE-BLK-L'] })).id;
    ids.polo = (await fx.product({ handle: 'polo', title: 'Polo shirt', description: 'Piqué polo', brand: 'Plaza', categoryIds: [tops], attributes: { material: 'cotton' } })).id;
    ids.mug = (await fx.product({ handle: 'mug', title: 'Stoneware mug', brand: 'Casa', categoryIds: [home], attributes: { material: 'ceramic' } })).id;
    ids.draft = (await fx.product({ handle: 'draft-jacket', title: 'Draft Jacket', status: 'draft' })).id;
    ids.hidden = (await fx.product({ handle: 'hidden-jacket', title: 'Hidden Jacket', published: false })).id;
  });
  afterAll(() => env?.close());

  const titles = async (query: string | null, filter: object | null = null) =>
    (await search.search(fx.ctx, { query, filter, first: 50 })).edges.map((e) => e.node.title);

  it('matches the last word as a prefix, folds accents and case, ranks title matches first', async () => {
    expect(await titles('jack')).toEqual(['Rain Jacket', 'Básica T-Shirt']);
    expect(await titles('BASICA')).toEqual(['Básica T-Shirt']);
    expect(await titles('t-shirt')).toEqual(['Básica T-Shirt']);
    expect(await titles('nothing-like-this')).toEqual([]);
  });

  it('finds products by SKU and by GTIN in both forms, and by the platform locale translation', async () => {
    expect(await titles('JKT-RAIN-M')).toEqual(['Rain Jacket']);
    expect(await titles('629104150021')).toEqual(['Rain Jacket']);
    expect(await titles('00629104150021')).toEqual(['Rain Jacket']);
    expect(await titles('chaqueta')).toEqual(['Rain Jacket']);
  });

  it('shows only active products published to the platform', async () => {
    const all = await titles(null);
    expect(all).toHaveLength(4);
    expect(all).not.toContain('Draft Jacket');
    expect(all).not.toContain('Hidden Jacket');
  });

  it('filters by category subtree, brand and attributes', async () => {
    expect((await titles(null, { categoryId: clothing })).sort()).toEqual(['Básica T-Shirt', 'Polo shirt', 'Rain Jacket']);
    expect((await titles(null, { categoryId: tops })).sort()).toEqual(['Básica T-Shirt', 'Polo shirt']);
    expect(await titles(null, { brands: ['Casa'] })).toEqual(['Stoneware mug']);
    expect((await titles(null, { attributes: [{ code: 'material', values: ['cotton', 'nylon'] }] })).sort()).toEqual(['Básica T-Shirt', 'Polo shirt', 'Rain Jacket']);
    expect(await titles(null, { attributes: [{ code: 'waterproof', values: ['true'] }] })).toEqual(['Rain Jacket']);
    expect(await titles(null, { attributes: [{ code: 'tags', values: ['basics', 'nope'] }] })).toEqual(['Básica T-Shirt']);
    expect(await titles('shirt', { attributes: [{ code: 'material', values: ['cotton'] }], categoryId: tops })).toHaveLength(2);
  });

  it('counts facets, each respecting the other filters', async () => {
    const result = await search.search(fx.ctx, { query: null, filter: { brands: ['Plaza'] } });
    const facets = await search.facets(fx.ctx, result.plan, { categories: true, brands: true, attributes: true, priceRanges: false, inStock: false });
    expect(facets.brands).toEqual([
      { value: 'Plaza', count: 2 },
      { value: 'Casa', count: 1 },
      { value: 'Nordvik', count: 1 },
    ]);
    expect(facets.categories).toEqual([{ id: tops, name: 'Tops', count: 2 }]);
    const material = facets.attributes.find((a) => a.code === 'material');
    expect(material?.values).toEqual([{ value: 'cotton', count: 2 }]);
    expect(await search.count(fx.ctx, result.plan)).toBe(2);
  });

  it('pages through relevance-ordered results and through a listing', async () => {
    const first = await search.search(fx.ctx, { query: 'shirt', first: 1 });
    expect(first.edges).toHaveLength(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await search.search(fx.ctx, { query: 'shirt', first: 1, after: first.pageInfo.endCursor });
    expect(second.edges[0]!.node.id).not.toBe(first.edges[0]!.node.id);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const list1 = await search.search(fx.ctx, { first: 3 });
    const list2 = await search.search(fx.ctx, { first: 3, after: list1.pageInfo.endCursor });
    expect([...list1.edges, ...list2.edges].map((e) => e.node.id).sort()).toEqual([ids.jacket, ids.tee, ids.polo, ids.mug].sort());
  });

  it('rejects bad input with field errors', async () => {
    const bad = async (args: object) => {
      try {
        await search.search(fx.ctx, args);
      } catch (error) {
        if (isPlazaError(error)) return { code: error.code, paths: error.fields?.map((f) => f.path) };
      }
      return null;
    };
    expect(await bad({ filter: { priceMin: 500, priceMax: 100 } })).toEqual({ code: 'BAD_USER_INPUT', paths: ['filter.priceMin'] });
    expect(await bad({ filter: { attributes: [{ code: 'nope', values: ['x'] }] } })).toEqual({ code: 'BAD_USER_INPUT', paths: ['filter.attributes.0.code'] });
    expect(await bad({ filter: { attributes: [{ code: 'waterproof', values: ['maybe'] }] } })).toEqual({ code: 'BAD_USER_INPUT', paths: ['filter.attributes.0.values.0'] });
    expect(await bad({ query: 'shirt', after: 'bm9wZQ' })).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('stays exact when search documents change or disappear', async () => {
    await fx.db('catalog_search_document').where({ product_id: ids.mug, locale: '' }).update({ title: 'Porcelain mug' });
    expect(await titles('stoneware')).toEqual([]);
    expect(await titles('porcelain')).toEqual(['Stoneware mug']);
    await fx.db('catalog_product').where('id', ids.polo).delete();
    expect(await titles('polo')).toEqual([]);
  });
});
