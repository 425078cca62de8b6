import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { Q, createProduct, errorOf, platformWithKey, productInput } from './__tests__/catalog-harness.js';

describe('catalog permissions', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env?.close());

  it('lets read-only staff read but not write; staff without roles read nothing', async () => {
    const product = await createProduct(env.adminClient);
    const reader = await env.signIn({ roles: [{ role: 'read-only' }] });
    const { product: seen } = await reader.data<{ product: { id: string } }>(Q.product, { id: product.id });
    expect(seen.id).toBe(product.id);
    expect(await errorOf(reader, Q.createProduct, { input: productInput() })).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    expect(await errorOf(reader, Q.updateProduct, { input: { id: product.id, title: 'x' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(reader, Q.createCategory, { input: { handle: 'nope', name: 'x' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(env.limitedAdminClient, Q.products, {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(env.anonymousAdminClient, Q.products, {})).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('gives marketing catalog.manage and catalog.publish by default', async () => {
    const marketing = await env.signIn({ roles: [{ role: 'marketing' }] });
    const { createProduct: made } = await marketing.data<{ createProduct: { id: string } }>(Q.createProduct, { input: productInput() });
    const shop = await platformWithKey(env);
    await marketing.data(Q.publish, { input: { productId: made.id, platformIds: [shop.id] } });
  });

  it('scopes publishing to the platforms of the grant', async () => {
    const mine = await platformWithKey(env);
    const theirs = await platformWithKey(env);
    const product = await createProduct(env.adminClient);
    const scoped = await env.signIn({ roles: [{ permissions: ['catalog.read', 'catalog.publish'], platformIds: [mine.id] }] });
    await scoped.data(Q.publish, { input: { productId: product.id, platformIds: [mine.id] } });
    expect(await errorOf(scoped, Q.publish, { input: { productId: product.id, platformIds: [theirs.id] } })).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_MISSING' });
    expect(await errorOf(scoped, Q.publish, { input: { productId: product.id, platformIds: [mine.id, theirs.id] } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(scoped, Q.updateProduct, { input: { id: product.id, title: 'x' } })).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    await scoped.data(Q.unpublish, { input: { productId: product.id, platformIds: [mine.id] } });
    const audit = await env.adminClient.data<{ auditLog: { edges: { node: { action: string; platformId: string | null } }[] } }>(Q.audit, { filter: { entityId: product.id } });
    expect(audit.auditLog.edges.map((e) => e.node).filter((n) => n.action.startsWith('product.'))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'product.published', platformId: mine.id }),
        expect.objectContaining({ action: 'product.unpublished', platformId: mine.id }),
      ]),
    );
    expect(await errorOf(env.adminClient, Q.publish, { input: { productId: product.id, platformIds: ['plat_nope'] } })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'platformIds.0' }] });
  });
});
