import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/transaction.js';
import type { SeedReport } from '../../kernel/plugin.js';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { isValidGtin } from './gtin.js';
import { C } from './__tests__/catalog-harness.js';

describe('catalog demo seed', () => {
  let env: TestEnvironment;
  const report: SeedReport = { platforms: [] };
  beforeAll(async () => {
    env = await createTestEnvironment();
    // Only the platforms' and the catalog's demo seeds, in boot order (as `plaza seed --demo` runs them).
    for (const { manifest, scope } of env.plaza.registry.plugins) {
      if (manifest.name !== 'core.platforms' && manifest.name !== 'core.catalog') continue;
      await inTransaction(env.plaza.systemCtx(), (ctx) => manifest.seed!.demo!(ctx, scope as never, report));
    }
  });
  afterAll(() => env?.close());

  it('publishes the active demo products with valid GTINs and translations to web-es and app-es', async () => {
    for (const code of ['web-es', 'app-es']) {
      const key = report.platforms.find((p) => p.code === code)!.key;
      const channel = env.channelClient(key);
      type Page = { products: { totalCount: number; edges: { node: { handle: string; title: string; variants: { sku: string; gtin: string }[] } }[] } };
      const page = await channel.data<Page>(`{ products(first: 100) { totalCount edges { node { handle title variants { sku gtin } } } } }`);
      expect(page.products.totalCount).toBe(23);
      const nodes = page.products.edges.map((e) => e.node);
      expect(nodes.map((n) => n.handle)).not.toContain('silk-pillowcase');
      expect(nodes.find((n) => n.handle === 'linen-shirt')!.title).toBe('Camisa de lino');
      for (const v of nodes.flatMap((n) => n.variants)) expect(isValidGtin(v.gtin), v.sku).toBe(true);
      const tree = await channel.data<{ categories: { handle: string; children: { handle: string }[] }[] }>(C.categories);
      expect(tree.categories.map((c) => c.handle)).toEqual(['clothing', 'home']);
      expect(tree.categories[0]!.children.map((c) => c.handle)).toEqual(['tops', 'bottoms', 'outerwear']);
      const summer = await channel.data<{ collection: { products: { handle: string }[] } }>(C.collection, { handle: 'summer-edit' });
      expect(summer.collection.products[0]!.handle).toBe('linen-shirt');
    }
    const variants = Number(((await env.plaza.db('catalog_variant').count({ n: '*' })) as { n: number | string }[])[0]!.n);
    expect(variants).toBeGreaterThan(60);
  });
});
