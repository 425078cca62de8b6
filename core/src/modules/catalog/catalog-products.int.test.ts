import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { CatalogService } from './catalog.service.js';
import { CatalogTables as T } from './catalog.tables.js';
import { Q, createProduct, errorOf, freshGtin, productInput, unique, type ProductNode } from './__tests__/catalog-harness.js';

describe('catalog admin API: products and variants', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env?.close());

  it('creates a product with options, variants, media, translations and normalized GTINs', async () => {
    const input = productInput({
      media: [{ url: 'https://img.example.com/a.jpg', alt: 'Front' }],
      translations: [{ locale: 'es-es', title: 'Producto', description: 'Un producto' }],
    });
    (input.variants as Record<string, unknown>[])[0]!.gtin = '6291041500213';
    const product = (await env.adminClient.data<{ createProduct: ProductNode }>(Q.createProduct, { input })).createProduct;
    expect(product).toMatchObject({ status: 'ACTIVE', brand: 'Acme', options: [{ name: 'Size', values: ['S', 'M', 'L'] }, { name: 'Colour', values: ['Red', 'Blue'] }] });
    expect(product.media).toEqual([{ url: 'https://img.example.com/a.jpg', alt: 'Front' }]);
    expect(product.translations).toEqual([{ locale: 'es-ES', title: 'Producto', description: 'Un producto' }]);
    expect(product.variants[0]).toMatchObject({ gtin: '06291041500213', title: 'S / Red', options: [{ name: 'Size', value: 'S' }, { name: 'Colour', value: 'Red' }] });
    expect(product.variants[1]!.title).toBe('S / Blue');

    const docs = await env.plaza.db(T.searchDocument).where('product_id', product.id).orderBy('locale').select('locale', 'title', 'codes');
    expect(docs.map((d) => d.locale)).toEqual(['', 'es-ES']);
    expect(docs[1]!.title).toBe('Producto');
    expect(docs[0]!.codes.split(' ')).toEqual(expect.arrayContaining([product.variants[0]!.sku, '06291041500213', '6291041500213']));

    const audit = await env.adminClient.data<{ auditLog: { edges: { node: { action: string } }[] } }>(Q.audit, { filter: { entityId: product.id } });
    expect(audit.auditLog.edges.map((e) => e.node.action)).toContain('product.created');
    const events = await env.plaza.db('plaza_outbox').where('name', 'product.created').select('payload');
    expect(events.some((e) => JSON.stringify(e.payload).includes(product.id))).toBe(true);
  });

  it('reports every field problem with its path', async () => {
    await env.adminClient.data(Q.createAttribute, { input: { code: 'material', label: 'Material', type: 'STRING' } });
    await env.adminClient.data(Q.createAttribute, { input: { code: 'color', label: 'Color', type: 'ENUM', options: ['red', 'blue'] } });
    await env.adminClient.data(Q.createAttribute, { input: { code: 'fit', label: 'Fit', type: 'ENUM', options: ['slim', 'regular'], appliesTo: 'VARIANT' } });
    const input = productInput({
      handle: 'Not A Slug',
      media: [{ url: 'ftp://x.example.com/a.jpg' }],
      attributes: { color: 'green', material: 3, unknown_attr: 'x' },
    });
    const variants = input.variants as Record<string, unknown>[];
    variants[0]!.gtin = '6291041500214';
    variants[1]!.optionValues = [{ name: 'Size', value: 'XXL' }];
    variants[1]!.attributes = { fit: 'baggy' };
    variants.push({ sku: variants[0]!.sku, gtin: '12345', optionValues: [{ name: 'Size', value: 'S' }, { name: 'Colour', value: 'Red' }] });
    const error = await errorOf(env.adminClient, Q.createProduct, { input });
    expect(error.code).toBe('BAD_USER_INPUT');
    const paths = error.fields.map((f) => f.path).sort();
    expect(paths).toEqual(
      [
        'handle',
        'media.0.url',
        'attributes.color',
        'attributes.material',
        'attributes.unknown_attr',
        'variants.0.gtin',
        'variants.1.optionValues.Size',
        'variants.1.optionValues.Colour',
        'variants.1.attributes.fit',
        'variants.2.gtin',
        'variants.2.sku',
        'variants.2.optionValues',
      ].sort(),
    );
    expect(error.fields.find((f) => f.path === 'variants.0.gtin')!.message).toContain('check digit');
  });

  it('reports zod shape problems and attribute problems together once the shape is valid', async () => {
    const error = await errorOf(env.adminClient, Q.createProduct, { input: productInput({ handle: 'UPPER', title: ' ' }) });
    expect(error.fields.map((f) => f.path).sort()).toEqual(['handle', 'title']);
  });

  it('rejects duplicate SKUs and GTINs across products with CONFLICT and a reason', async () => {
    const first = await createProduct(env.adminClient);
    const sameSku = productInput();
    (sameSku.variants as Record<string, unknown>[])[0]!.sku = first.variants[0]!.sku;
    expect(await errorOf(env.adminClient, Q.createProduct, { input: sameSku })).toMatchObject({ code: 'CONFLICT', reason: 'VARIANT_SKU_TAKEN', fields: [{ path: 'variants.0.sku' }] });
    const sameGtin = productInput();
    // The same GTIN-13 given as its 14-digit form is the same GTIN.
    (sameGtin.variants as Record<string, unknown>[])[1]!.gtin = first.variants[1]!.gtin;
    expect(await errorOf(env.adminClient, Q.createProduct, { input: sameGtin })).toMatchObject({ code: 'CONFLICT', reason: 'VARIANT_GTIN_TAKEN', fields: [{ path: 'variants.1.gtin' }] });
    const sameHandle = productInput({ handle: first.handle });
    expect(await errorOf(env.adminClient, Q.createProduct, { input: sameHandle })).toMatchObject({ code: 'CONFLICT', reason: 'PRODUCT_HANDLE_TAKEN' });
  });

  it('creates, updates and deletes variants within a product', async () => {
    const product = await createProduct(env.adminClient);
    const { createVariant } = await env.adminClient.data<{ createVariant: ProductNode['variants'][number] & { productId: string } }>(Q.createVariant, {
      input: { productId: product.id, sku: unique('NEW-'), gtin: '96385074', optionValues: [{ name: 'Size', value: 'M' }, { name: 'Colour', value: 'Red' }] },
    });
    expect(createVariant).toMatchObject({ productId: product.id, gtin: '00000096385074', title: 'M / Red' });
    const duplicateCombo = await errorOf(env.adminClient, Q.createVariant, {
      input: { productId: product.id, sku: unique('DUP-'), optionValues: [{ name: 'Size', value: 'M' }, { name: 'Colour', value: 'Red' }] },
    });
    expect(duplicateCombo).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'optionValues', message: expect.stringContaining('same option values') }] });
    const { updateVariant } = await env.adminClient.data<{ updateVariant: { sku: string; gtin: string | null; status: string } }>(Q.updateVariant, {
      input: { id: createVariant.id, gtin: null, status: 'ARCHIVED' },
    });
    expect(updateVariant).toMatchObject({ sku: createVariant.sku, gtin: null, status: 'ARCHIVED' });
    const badGtin = await errorOf(env.adminClient, Q.updateVariant, { input: { id: createVariant.id, gtin: '96385075' } });
    expect(badGtin.fields).toEqual([{ path: 'gtin', message: expect.stringContaining('check digit') }]);
    await env.adminClient.data(Q.deleteVariant, { id: createVariant.id });
    const { product: after } = await env.adminClient.data<{ product: ProductNode }>(Q.product, { id: product.id });
    expect(after.variants.map((v) => v.id)).toEqual(product.variants.map((v) => v.id));
  });

  it('updates product fields and refuses options that existing variants do not fit', async () => {
    const product = await createProduct(env.adminClient);
    const { updateProduct } = await env.adminClient.data<{ updateProduct: Record<string, unknown> }>(Q.updateProduct, {
      input: { id: product.id, title: 'Renamed', brand: null, translations: [{ locale: 'fr-FR', title: 'Renommé' }] },
    });
    expect(updateProduct).toMatchObject({ title: 'Renamed', brand: null, translations: [{ locale: 'fr-FR', title: 'Renommé' }] });
    const bad = await errorOf(env.adminClient, Q.updateProduct, { input: { id: product.id, options: [{ name: 'Size', values: ['XL'] }] } });
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.fields.map((f) => f.path)).toContain('variants.0.optionValues.Size');
    const missing = await errorOf(env.adminClient, Q.updateProduct, { input: { id: 'prod_missing', title: 'x' } });
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('sets status in bulk and deletes products with their search documents', async () => {
    const a = await createProduct(env.adminClient);
    const b = await createProduct(env.adminClient);
    const { setProductStatus } = await env.adminClient.data<{ setProductStatus: { id: string; status: string }[] }>(Q.setStatus, { ids: [a.id, b.id], status: 'ARCHIVED' });
    expect(setProductStatus).toEqual([{ id: a.id, status: 'ARCHIVED' }, { id: b.id, status: 'ARCHIVED' }]);
    await env.adminClient.data(Q.deleteProduct, { id: a.id });
    expect(await env.plaza.db(T.searchDocument).where('product_id', a.id).first()).toBeUndefined();
    expect((await errorOf(env.adminClient, Q.product, { id: a.id })).code).toBe('NOT_FOUND');
  });

  it('upserts by handle: creates, then replaces keeping variant ids matched by SKU', async () => {
    const category = (await env.adminClient.data<{ createCategory: { id: string; handle: string } }>(Q.createCategory, { input: { handle: unique('cat-'), name: 'Up' } })).createCategory;
    const child = (await env.adminClient.data<{ createCategory: { id: string; handle: string } }>(Q.createCategory, { input: { handle: unique('sub-'), name: 'Sub', parentId: category.id } })).createCategory;
    const input = productInput({ categoryPaths: [`${category.handle}/${child.handle}`] });
    type Upserted = { upsertProduct: { id: string; title: string; variants: { id: string; sku: string }[]; categories: { handle: string }[] } };
    const created = (await env.adminClient.data<Upserted>(Q.upsertProduct, { input })).upsertProduct;
    expect(created.categories).toEqual([{ handle: child.handle }]);
    const variants = input.variants as Record<string, unknown>[];
    const replaced = (
      await env.adminClient.data<Upserted>(Q.upsertProduct, {
        input: { ...input, title: 'Replaced', variants: [variants[1], { ...variants[0], sku: unique('NEW-'), gtin: freshGtin() }], categoryPaths: [] },
      })
    ).upsertProduct;
    expect(replaced.id).toBe(created.id);
    expect(replaced.title).toBe('Replaced');
    expect(replaced.variants[0]!.id).toBe(created.variants[1]!.id);
    expect(replaced.variants[1]!.id).not.toBe(created.variants[0]!.id);
    const badPath = await errorOf(env.adminClient, Q.upsertProduct, { input: { ...input, categoryPaths: [`${child.handle}/${category.handle}`, 'nope'] } });
    expect(badPath.fields.map((f) => f.path)).toEqual(['categoryPaths.0', 'categoryPaths.1']);
  });

  it('lists with filters and keyset pages, counting only when asked', async () => {
    const brand = unique('Brand');
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createProduct(env.adminClient, { brand, status: i === 0 ? 'DRAFT' : 'ACTIVE' }, 1));
    type Page = { products: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: Page = await env.adminClient.data<Page>(Q.products, { first: 2, after, filter: { brand } });
      ids.push(...page.products.edges.map((e) => e.node.id));
      if (!page.products.pageInfo.hasNextPage) break;
      after = page.products.pageInfo.endCursor;
    }
    expect(ids).toEqual(made.map((p) => p.id).reverse());
    const drafts = await env.adminClient.data<Page>(Q.products, { filter: { brand, status: 'DRAFT' } });
    expect(drafts.products.edges.map((e) => e.node.id)).toEqual([made[0]!.id]);
    const bySku = await env.adminClient.data<Page>(Q.products, { filter: { query: made[2]!.variants[0]!.sku.toLowerCase() } });
    expect(bySku.products.edges.map((e) => e.node.id)).toEqual([made[2]!.id]);
    const byTitle = await env.adminClient.data<Page>(Q.products, { filter: { query: made[3]!.title.toUpperCase() } });
    expect(byTitle.products.edges.map((e) => e.node.id)).toEqual([made[3]!.id]);
    const counted = await env.adminClient.data<{ products: { totalCount: number } }>(Q.productsCounted, { filter: { brand, status: 'ACTIVE' } });
    expect(counted.products.totalCount).toBe(4);
    const since = await env.adminClient.data<Page>(Q.products, { filter: { brand, updatedSince: new Date(Date.now() + 60_000).toISOString() } });
    expect(since.products.edges).toEqual([]);
  });

  it('streams products with variants in keyset batches', async () => {
    const catalog = env.plaza.container.resolve(CatalogService);
    const ctx = env.plaza.systemCtx();
    const total = Number(((await env.plaza.db(T.product).count({ n: '*' })) as { n: number | string }[])[0]!.n);
    const seen: string[] = [];
    let batches = 0;
    for await (const batch of catalog.streamProducts(ctx, { batchSize: 3 })) {
      batches++;
      expect(batch.length).toBeLessThanOrEqual(3);
      for (const p of batch) {
        seen.push(p.id);
        expect(Array.isArray(p.variants)).toBe(true);
      }
    }
    expect(seen).toHaveLength(total);
    expect([...seen].sort()).toEqual(seen);
    expect(batches).toBe(Math.ceil(total / 3));
  });
});
