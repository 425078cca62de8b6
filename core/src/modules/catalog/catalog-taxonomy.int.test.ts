import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { Q, createProduct, errorOf, unique } from './__tests__/catalog-harness.js';

type Cat = { id: string; parentId: string | null; handle: string; path: string };

describe('catalog admin API: categories, collections, attribute definitions', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env?.close());

  async function category(name: string, parentId?: string): Promise<Cat> {
    return (await env.adminClient.data<{ createCategory: Cat }>(Q.createCategory, { input: { handle: unique(`${name}-`), name, parentId } })).createCategory;
  }

  it('keeps materialized paths in step when moving a subtree, and prevents cycles', async () => {
    const a = await category('a');
    const b = await category('b', a.id);
    const c = await category('c', b.id);
    const d = await category('d');
    expect(c.path).toBe(`/${a.id}/${b.id}/${c.id}/`);

    const moved = (await env.adminClient.data<{ updateCategory: Cat }>(Q.updateCategory, { input: { id: b.id, parentId: d.id } })).updateCategory;
    expect(moved).toMatchObject({ parentId: d.id, path: `/${d.id}/${b.id}/` });
    const { categories } = await env.adminClient.data<{ categories: Cat[] }>(Q.categories);
    expect(categories.find((x) => x.id === c.id)!.path).toBe(`/${d.id}/${b.id}/${c.id}/`);
    expect(categories.find((x) => x.id === a.id)!.path).toBe(`/${a.id}/`);

    for (const parentId of [b.id, c.id]) {
      const cycle = await errorOf(env.adminClient, Q.updateCategory, { input: { id: b.id, parentId } });
      expect(cycle).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CATEGORY_CYCLE', fields: [{ path: 'parentId' }] });
    }
    const toRoot = (await env.adminClient.data<{ updateCategory: Cat }>(Q.updateCategory, { input: { id: b.id, parentId: null } })).updateCategory;
    expect(toRoot).toMatchObject({ parentId: null, path: `/${b.id}/` });
    const after = await env.adminClient.data<{ categories: Cat[] }>(Q.categories);
    expect(after.categories.find((x) => x.id === c.id)!.path).toBe(`/${b.id}/${c.id}/`);
  });

  it('refuses to delete a category with children; deleting a leaf unlinks its products', async () => {
    const parent = await category('parent');
    const leaf = await category('leaf', parent.id);
    const product = await createProduct(env.adminClient, { categoryIds: [leaf.id] });
    expect(await errorOf(env.adminClient, Q.deleteCategory, { id: parent.id })).toMatchObject({ code: 'CONFLICT', reason: 'CATEGORY_HAS_CHILDREN' });
    await env.adminClient.data(Q.deleteCategory, { id: leaf.id });
    await env.adminClient.data(Q.deleteCategory, { id: parent.id });
    const { products } = await env.adminClient.data<{ products: { edges: { node: { id: string } }[] } }>(Q.products, { filter: { query: product.title } });
    expect(products.edges.map((e) => e.node.id)).toEqual([product.id]);
    const taken = await category('taken');
    expect(await errorOf(env.adminClient, Q.createCategory, { input: { handle: taken.handle, name: 'x' } })).toMatchObject({ code: 'CONFLICT', reason: 'CATEGORY_HANDLE_TAKEN' });
    expect((await errorOf(env.adminClient, Q.createCategory, { input: { handle: unique('x-'), name: 'x', parentId: 'cat_nope' } })).fields).toEqual([{ path: 'parentId', message: expect.stringContaining('does not exist') }]);
  });

  it('orders collection products and validates them', async () => {
    const a = await createProduct(env.adminClient);
    const b = await createProduct(env.adminClient);
    type Col = { id: string; handle: string; products: { id: string }[] };
    const created = (await env.adminClient.data<{ createCollection: Col }>(Q.createCollection, { input: { handle: unique('col-'), title: 'Picks', productIds: [b.id, a.id] } })).createCollection;
    expect(created.products.map((p) => p.id)).toEqual([b.id, a.id]);
    const updated = (await env.adminClient.data<{ updateCollection: Col }>(Q.updateCollection, { input: { id: created.id, title: 'Top picks', productIds: [a.id] } })).updateCollection;
    expect(updated.products.map((p) => p.id)).toEqual([a.id]);
    const bad = await errorOf(env.adminClient, Q.updateCollection, { input: { id: created.id, productIds: [a.id, 'prod_nope'] } });
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'productIds.1' }] });
    await env.adminClient.data(Q.deleteCollection, { id: created.id });
    const audit = await env.adminClient.data<{ auditLog: { edges: { node: { action: string } }[] } }>(Q.audit, { filter: { entityId: created.id } });
    expect(audit.auditLog.edges.map((e) => e.node.action).sort()).toEqual(['collection.created', 'collection.deleted', 'collection.updated']);
  });

  it('manages attribute definitions and validates product attributes by them', async () => {
    const code = `season_${Date.now().toString(36)}`;
    type Att = { createAttributeDefinition: { id: string; code: string; options: string[] | null } };
    const noOptions = await errorOf(env.adminClient, Q.createAttribute, { input: { code: 'x_enum', label: 'X', type: 'ENUM' } });
    expect(noOptions.fields).toEqual([{ path: 'options', message: expect.stringContaining('needs its options') }]);
    const def = (await env.adminClient.data<Att>(Q.createAttribute, { input: { code, label: 'Season', type: 'ENUM', options: ['SS', 'AW'], required: true } })).createAttributeDefinition;
    expect(await errorOf(env.adminClient, Q.createAttribute, { input: { code, label: 'Again', type: 'STRING' } })).toMatchObject({ code: 'CONFLICT', reason: 'ATTRIBUTE_CODE_TAKEN' });
    const missing = await errorOf(env.adminClient, Q.createProduct, { input: { handle: unique('h-'), title: 'T' } });
    expect(missing.fields).toEqual([{ path: `attributes.${code}`, message: 'is required' }]);
    const wrong = await errorOf(env.adminClient, Q.createProduct, { input: { handle: unique('h-'), title: 'T', attributes: { [code]: 'Winter' } } });
    expect(wrong.fields).toEqual([{ path: `attributes.${code}`, message: 'must be one of: SS, AW' }]);
    await env.adminClient.data(Q.updateAttribute, { input: { id: def.id, options: ['SS', 'AW', 'Winter'] } });
    const ok = await env.adminClient.data<{ createProduct: { attributes: Record<string, unknown> } }>(Q.createProduct, { input: { handle: unique('h-'), title: 'T', attributes: { [code]: 'Winter' } } });
    expect(ok.createProduct.attributes).toEqual({ [code]: 'Winter' });
    await env.adminClient.data(Q.deleteAttribute, { id: def.id });
    const unknown = await errorOf(env.adminClient, Q.createProduct, { input: { handle: unique('h-'), title: 'T', attributes: { [code]: 'SS' } } });
    expect(unknown.fields).toEqual([{ path: `attributes.${code}`, message: 'is not a defined attribute' }]);
  });
});
