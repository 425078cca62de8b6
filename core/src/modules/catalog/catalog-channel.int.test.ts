import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../../testing/index.js';
import { C, Q, createProduct, errorOf, platformWithKey, unique, type ProductNode } from './__tests__/catalog-harness.js';

type ChannelPage = {
  products: {
    edges: { node: { id: string; handle: string; title: string; description: string; variants: { id: string; sku: string }[] } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('catalog channel API: assortment, translations, scan-to-find', () => {
  let env: TestEnvironment;
  let shop: { id: string; channel: GraphQLClient };
  let other: { id: string; channel: GraphQLClient };
  beforeAll(async () => {
    env = await createTestEnvironment();
    shop = await platformWithKey(env, 'es-ES');
    other = await platformWithKey(env, 'fr-FR');
  });
  afterAll(() => env?.close());

  async function publish(productId: string, platformIds: string[]): Promise<void> {
    await env.adminClient.data(Q.publish, { input: { productId, platformIds } });
  }

  async function allChannelIds(channel: GraphQLClient, filter?: Record<string, unknown>): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: ChannelPage = await channel.data<ChannelPage>(C.products, { first: 10, after, filter });
      ids.push(...page.products.edges.map((e) => e.node.id));
      if (!page.products.pageInfo.hasNextPage) return ids;
      after = page.products.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  it('shows only active products published to the platform', async () => {
    const published = await createProduct(env.adminClient);
    const draft = await createProduct(env.adminClient, { status: 'DRAFT' });
    const unpublished = await createProduct(env.adminClient);
    const elsewhere = await createProduct(env.adminClient);
    await publish(published.id, [shop.id]);
    await publish(draft.id, [shop.id]);
    await publish(elsewhere.id, [other.id]);
    const ids = await allChannelIds(shop.channel);
    expect(ids).toContain(published.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(unpublished.id);
    expect(ids).not.toContain(elsewhere.id);
    expect([...ids].sort()).toEqual(ids);

    expect((await shop.channel.data<{ product: unknown }>(C.product, { id: draft.id })).product).toBeNull();
    expect((await shop.channel.data<{ product: { id: string } | null }>(C.product, { handle: published.handle })).product?.id).toBe(published.id);

    await env.adminClient.data(Q.unpublish, { input: { productId: published.id, platformIds: [shop.id] } });
    expect(await allChannelIds(shop.channel)).not.toContain(published.id);
    const { product } = await env.adminClient.data<{ product: { platforms: { platformId: string }[] } }>(Q.product, { id: elsewhere.id });
    expect(product.platforms).toEqual([{ platformId: other.id }]);

    await env.adminClient.data(Q.setStatus, { ids: [draft.id], status: 'ACTIVE' });
    expect(await allChannelIds(shop.channel)).toContain(draft.id);
    const counted = await shop.channel.data<{ products: { totalCount: number } }>(C.productsCounted, { first: 1 });
    expect(counted.products.totalCount).toBe((await allChannelIds(shop.channel)).length);
  });

  it('hides archived variants and answers without a key with UNAUTHENTICATED', async () => {
    const product = await createProduct(env.adminClient);
    await publish(product.id, [shop.id]);
    await env.adminClient.data(Q.updateVariant, { input: { id: product.variants[1]!.id, status: 'ARCHIVED' } });
    const { product: seen } = await shop.channel.data<{ product: { variants: { sku: string }[] } }>(C.product, { id: product.id });
    expect(seen.variants.map((v) => v.sku)).toEqual([product.variants[0]!.sku]);
    expect((await errorOf(env.channelClient(), C.products, {})).code).toBe('UNAUTHENTICATED');
  });

  it("shows the platform locale's translation, falling back to the language, then the default text", async () => {
    const product = await createProduct(env.adminClient, {
      title: 'Linen shirt',
      description: 'Default',
      translations: [
        { locale: 'es-ES', title: 'Camisa de lino', description: 'Español' },
        { locale: 'fr', title: 'Chemise en lin', description: 'Français' },
      ],
    });
    const untranslated = await createProduct(env.adminClient, { title: 'Mug' });
    await publish(product.id, [shop.id, other.id]);
    await publish(untranslated.id, [shop.id]);
    const es = await shop.channel.data<{ product: { title: string; description: string } }>(C.product, { id: product.id });
    expect(es.product).toMatchObject({ title: 'Camisa de lino', description: 'Español' });
    const fr = await other.channel.data<{ product: { title: string } }>(C.product, { id: product.id });
    expect(fr.product.title).toBe('Chemise en lin');
    const fallback = await shop.channel.data<{ product: { title: string } }>(C.product, { id: untranslated.id });
    expect(fallback.product.title).toBe('Mug');
  });

  it('finds a variant by exact SKU or by GTIN in any length (scan-to-find)', async () => {
    const product = await createProduct(env.adminClient);
    await publish(product.id, [shop.id]);
    const variant = product.variants[0]!;
    const gtin13 = variant.gtin!.replace(/^0/, '');
    type Scan = { variantByCode: { id: string; sku: string; product: { id: string } } | null };
    for (const code of [variant.sku, gtin13, variant.gtin!, ` ${gtin13} `]) {
      const found = await shop.channel.data<Scan>(C.scan, { code });
      expect(found.variantByCode, code).toMatchObject({ id: variant.id, product: { id: product.id } });
    }
    expect((await shop.channel.data<Scan>(C.scan, { code: variant.sku.toLowerCase() })).variantByCode).toBeNull();
    expect((await shop.channel.data<Scan>(C.scan, { code: gtin13.slice(0, -1) + String((Number(gtin13.at(-1)) + 1) % 10) })).variantByCode).toBeNull();
    expect((await other.channel.data<Scan>(C.scan, { code: variant.sku })).variantByCode).toBeNull();

    // A GTIN-8 stored padded is found by its 8 digits.
    const { createVariant } = await env.adminClient.data<{ createVariant: { id: string } }>(Q.createVariant, {
      input: { productId: product.id, sku: unique('G8-'), gtin: '96385074', optionValues: [{ name: 'Size', value: 'L' }, { name: 'Colour', value: 'Red' }] },
    });
    expect((await shop.channel.data<Scan>(C.scan, { code: '96385074' })).variantByCode?.id).toBe(createVariant.id);
  });

  it('filters by category subtree and collection, and lists the category tree and collections', async () => {
    type Cat = { createCategory: { id: string; handle: string } };
    const root = (await env.adminClient.data<Cat>(Q.createCategory, { input: { handle: unique('clothing-'), name: 'Clothing' } })).createCategory;
    const tops = (await env.adminClient.data<Cat>(Q.createCategory, { input: { handle: unique('tops-'), name: 'Tops', parentId: root.id } })).createCategory;
    const home = (await env.adminClient.data<Cat>(Q.createCategory, { input: { handle: unique('home-'), name: 'Home' } })).createCategory;
    const shirt = await createProduct(env.adminClient, { categoryIds: [tops.id] });
    const coat = await createProduct(env.adminClient, { categoryIds: [root.id] });
    const mug = await createProduct(env.adminClient, { categoryIds: [home.id] });
    for (const p of [shirt, coat, mug]) await publish(p.id, [shop.id]);
    expect(await allChannelIds(shop.channel, { categoryId: root.id })).toEqual([shirt.id, coat.id]);
    expect(await allChannelIds(shop.channel, { categoryId: tops.id })).toEqual([shirt.id]);
    const admin = await env.adminClient.data<{ products: { edges: { node: { id: string } }[] } }>(Q.products, { filter: { categoryId: root.id } });
    expect(admin.products.edges.map((e) => e.node.id)).toEqual([coat.id, shirt.id]);

    const { createCollection } = await env.adminClient.data<{ createCollection: { id: string; handle: string } }>(Q.createCollection, {
      input: { handle: unique('edit-'), title: 'Edit', productIds: [mug.id, shirt.id] },
    });
    expect(await allChannelIds(shop.channel, { collectionId: createCollection.id })).toEqual([shirt.id, mug.id]);
    const collection = await shop.channel.data<{ collection: { products: { handle: string }[] } }>(C.collection, { handle: createCollection.handle });
    expect(collection.collection.products.map((p) => p.handle)).toEqual([mug.handle, shirt.handle]);

    const tree = await shop.channel.data<{ categories: { handle: string; children: { handle: string }[] }[] }>(C.categories);
    expect(tree.categories.find((c) => c.handle === root.handle)!.children.map((c) => c.handle)).toEqual([tops.handle]);
    const { product } = await shop.channel.data<{ product: { categories: { handle: string }[] } }>(C.product, { id: shirt.id });
    expect(product.categories).toEqual([{ handle: tops.handle }]);
  });

  it('lists a page in a fixed number of SQL statements, whatever its size (no N+1)', async () => {
    const platform = await platformWithKey(env);
    const made: ProductNode[] = [];
    for (let i = 0; i < 20; i++) made.push(await createProduct(env.adminClient, { media: [{ url: `https://img.example.com/${i}.jpg` }] }, 3));
    for (const p of made) await publish(p.id, [platform.id]);
    const query = `query($first: Int) { products(first: $first) { edges { node { id title handle options { name } media { url } categories { id } variants { id sku gtin options { value } } } } } }`;
    await platform.channel.data(query, { first: 1 }); // warms the key cache
    const counts: number[] = [];
    for (const first of [1, 5, 20]) {
      const { result, count } = await countQueries(env.plaza.db, () => platform.channel.data<ChannelPage>(query, { first }));
      expect(result.products.edges).toHaveLength(first);
      expect(result.products.edges.every((e) => e.node.variants.length === 3)).toBe(true);
      counts.push(count);
    }
    // One statement for the page, one per batched child list (options, media, categories, variants).
    expect(counts).toEqual([5, 5, 5]);
    const minimal = await countQueries(env.plaza.db, () => platform.channel.data(`{ products(first: 20) { edges { node { id title variants { id sku } } } } }`));
    expect(minimal.count).toBe(2);
    expect(minimal.sql.some((s) => /count\(/i.test(s))).toBe(false);
  });
});
