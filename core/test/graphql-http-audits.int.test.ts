import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../src/testing/index.js';

/**
 * GraphQL-over-HTTP conformance of both endpoints, with the audits of the graphql-http
 * package. No MUST audit may fail; SHOULD/MAY results are reported, not required.
 */
describe('GraphQL over HTTP conformance', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env?.close());

  for (const api of ['channel', 'admin'] as const) {
    it(`passes every MUST audit on the ${api} endpoint`, async () => {
      const url = `${env.baseUrl}${api === 'channel' ? '/graphql' : '/admin/graphql'}`;
      const audits = serverAudits({ url });
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
