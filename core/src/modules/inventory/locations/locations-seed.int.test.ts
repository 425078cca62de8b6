import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/transaction.js';
import type { PluginScope } from '../../../kernel/plugin.js';
import { createTestEnvironment, type TestEnvironment } from '../../../testing/index.js';
import { seedDemoPlatforms } from '../../platforms/platform.seed.js';
import { seedDemoLocations } from './location.seed.js';
import { LocationService } from './location.service.js';
import { ClockToken } from './location.tokens.js';
import { CHANNEL_LOCATIONS, NEARBY } from './__tests__/locations-queries.js';

describe('demo locations', () => {
  let env: TestEnvironment;
  let keys: Record<string, string>;

  beforeAll(async () => {
    env = await createTestEnvironment();
    // Wednesday 3 June 2026, 12:00 in Madrid.
    env.plaza.container.register(ClockToken, { useValue: { now: () => new Date('2026-06-03T10:00:00Z') } });
    const scopeOf = (name: string) => env.plaza.registry.plugins.find((p) => p.manifest.name === name)!.scope as PluginScope<unknown>;
    const report = { platforms: [] as { code: string; key: string; type: string }[] };
    // Only the seeds this test is about: the demo platforms, then the demo locations (twice: idempotent).
    await inTransaction(env.plaza.systemCtx(), async (ctx) => {
      await seedDemoPlatforms(ctx, scopeOf('core.platforms'), report);
      await seedDemoLocations(ctx, scopeOf('core.locations'));
      await seedDemoLocations(ctx, scopeOf('core.locations'));
    });
    keys = Object.fromEntries(report.platforms.map((p) => [p.code, p.key]));
  });
  afterAll(() => env?.close());

  it('links web-es to the warehouse then the stores, and app-es to the stores with safety stock 1', async () => {
    const web = await env.channelClient(keys['web-es']).data<{ stockLocations: { code: string; openNow: boolean; pickupReadyAt: string | null }[] }>(CHANNEL_LOCATIONS, {});
    expect(web.stockLocations.map((l) => l.code)).toEqual(['madrid-central-warehouse', 'madrid-gran-via', 'madrid-salamanca', 'madrid-chamberi']);
    expect(web.stockLocations.find((l) => l.code === 'madrid-gran-via')).toMatchObject({ openNow: true, pickupReadyAt: '2026-06-03T10:30:00.000Z' });
    const { platforms } = await env.adminClient.data<{ platforms: { edges: { node: { code: string; locations: { safetyStock: number; location: { code: string } }[] } }[] } }>(
      '{ platforms(first: 10) { edges { node { code locations { safetyStock location { code } } } } } }',
    );
    const app = platforms.edges.find((e) => e.node.code === 'app-es')!.node;
    expect(app.locations.map((l) => [l.location.code, l.safetyStock])).toEqual([['madrid-gran-via', 1], ['madrid-salamanca', 1], ['madrid-chamberi', 1]]);
    const near = await env.channelClient(keys['app-es']).data<{ nearbyLocations: { location: { code: string } }[] }>(NEARBY, { near: { latitude: 40.416775, longitude: -3.70379 }, first: 1 });
    expect(near.nearbyLocations.map((n) => n.location.code)).toEqual(['madrid-gran-via']);
    const { stockLocations } = await env.adminClient.data<{ stockLocations: { edges: unknown[] } }>('{ stockLocations(filter: { query: "madrid" }) { edges { cursor } } }');
    expect(stockLocations.edges).toHaveLength(5);
  });

  it('serves a platform\'s links from memory once cached: no SQL on the availability path', async () => {
    const service = env.plaza.container.resolve(LocationService);
    const { platforms } = await env.adminClient.data<{ platforms: { edges: { node: { id: string; code: string } }[] } }>('{ platforms(first: 10) { edges { node { id code } } } }');
    const webId = platforms.edges.find((e) => e.node.code === 'web-es')!.node.id;
    const ctx = env.plaza.systemCtx();
    await service.platformLocations(ctx, webId);
    let queries = 0;
    const count = () => void queries++;
    env.plaza.db.on('query', count);
    try {
      const links = await service.platformLocations(ctx, webId);
      const near = await service.nearby(ctx, { platformId: webId, point: { latitude: 40.416775, longitude: -3.70379 }, pickupOnly: true });
      expect(links).toHaveLength(4);
      expect(near.map((n) => n.location.code)).toEqual(['madrid-gran-via', 'madrid-chamberi', 'madrid-salamanca']);
    } finally {
      env.plaza.db.removeListener('query', count);
    }
    expect(queries).toBe(0);
  });
});
