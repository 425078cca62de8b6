import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type GraphQLClient, type TestEnvironment } from '../testing/index.js';
import { createProduct, platformWithKey, Q } from '../modules/catalog/__tests__/catalog-harness.js';

const titles = `{ products(first: 50) { edges { node { id title } } } }`;

describe('channel response cache', () => {
  let env: TestEnvironment;
  let channel: GraphQLClient;
  let platformId: string;
  beforeAll(async () => {
    env = await createTestEnvironment({ config: { gateway: { responseCacheTtlMs: 60_000 } } });
    ({ id: platformId, channel } = await platformWithKey(env));
  });
  afterAll(() => env?.close());

  async function publishedProduct(): Promise<{ id: string; title: string }> {
    const product = await createProduct(env.adminClient);
    await env.adminClient.data(Q.publish, { input: { productId: product.id, platformIds: [platformId] } });
    return product;
  }

  async function titleOf(id: string): Promise<string | undefined> {
    const { products } = await channel.data<{ products: { edges: { node: { id: string; title: string } }[] } }>(titles);
    return products.edges.find((e) => e.node.id === id)?.node.title;
  }

  it('serves a repeated anonymous read from the cache, and a committed change clears it', async () => {
    const product = await publishedProduct();
    expect(await titleOf(product.id)).toBe(product.title);
    const before = { ...env.plaza.gateway.responseCache.stats };

    // A change behind Plaza's back (no domain event) is not seen while the result is cached…
    await env.plaza.db('catalog_product').where('id', product.id).update({ title: 'Changed in SQL' });
    expect(await titleOf(product.id)).toBe(product.title);
    expect(env.plaza.gateway.responseCache.stats.hits).toBe(before.hits + 1);

    // …and any change made through Plaza (here: a product update) clears it after its commit.
    await env.adminClient.data(Q.updateProduct, { input: { id: product.id, title: 'Renamed in the admin' } });
    expect(await titleOf(product.id)).toBe('Renamed in the admin');
  });

  it('caches per platform key: another platform never sees this one\'s result', async () => {
    const product = await publishedProduct();
    expect(await titleOf(product.id)).toBe(product.title);
    const other = await platformWithKey(env);
    const { products } = await other.channel.data<{ products: { edges: { node: { id: string } }[] } }>(titles);
    expect(products.edges.map((e) => e.node.id)).not.toContain(product.id);
  });

  it('refuses a revoked key at once, even for a cached query', async () => {
    const { id } = await platformWithKey(env);
    const { createPlatformKey } = await env.adminClient.data<{ createPlatformKey: { secret: string; key: { id: string } } }>(
      `mutation($platformId: ID!) { createPlatformKey(platformId: $platformId, label: "cache") { secret key { id } } }`,
      { platformId: id },
    );
    const client = env.channelClient(createPlatformKey.secret);
    await client.data(titles);
    await env.adminClient.data(`mutation($id: ID!) { revokePlatformKey(id: $id) { id } }`, { id: createPlatformKey.key.id });
    const result = await client.query(titles);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
