import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../src/testing/index.js';

/**
 * GraphQL-over-HTTP conformance of both endpoints, with the audits of the graphql-http
 * package. No MUST audit may fail; SHOULD/MAY results are reported, not required.
 */
describe('GraphQL over HTTP conformance', () => {
  let env: TestEnvironment;
  let key: string;
  beforeAll(async () => {
    env = await createTestEnvironment();
    const { createPlatform } = await env.adminClient.data<{ createPlatform: { id: string } }>(
      'mutation($input: CreatePlatformInput!) { createPlatform(input: $input) { id } }',
      { input: { code: 'audit-web', name: 'Audit web', type: 'headless', currency: 'EUR', locale: 'es-ES' } },
    );
    const issued = await env.adminClient.data<{ createPlatformKey: { secret: string } }>(
      'mutation($id: ID!) { createPlatformKey(platformId: $id, label: "audits") { secret } }',
      { id: createPlatform.id },
    );
    key = issued.createPlatformKey.secret;
  });
  afterAll(() => env?.close());

  for (const api of ['channel', 'admin'] as const) {
    it(`passes every MUST audit on the ${api} endpoint`, async () => {
      const url = `${env.baseUrl}${api === 'channel' ? '/graphql' : '/admin/graphql'}`;
      // Channel requests carry a platform key, as every front end does.
      const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
        const headers = new Headers(init.headers);
        if (api === 'channel') headers.set('x-plaza-key', key);
        return fetch(input, { ...init, headers });
      };
      const audits = serverAudits({ url, fetchFn });
      const failures: string[] = [];
      let must = 0;
      for (const audit of audits) {
        if (audit.name.startsWith('MUST')) must++;
        const result = await audit.fn();
        if (result.status === 'error') failures.push(`${result.name}: ${result.reason}`);
      }
      expect(must).toBeGreaterThanOrEqual(13);
      expect(failures).toEqual([]);
    });
  }
});
