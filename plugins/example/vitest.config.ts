import { createRequire } from 'node:module';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// One graphql: vite would load its ESM build while @graphql-tools loads the CJS one.
const graphqlCjs = createRequire(import.meta.url).resolve('graphql');

const postgres = process.env.PLAZA_TEST_DATABASE_URL;
const shared = {
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  // Workspace packages resolve to their TypeScript sources ("plaza-source" export condition).
  resolve: { conditions: ['plaza-source', ...defaultServerConditions], alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  ssr: { resolve: { conditions: ['plaza-source', ...defaultServerConditions] } },
} as const;

/** Integration tests run on SQLite, and on PostgreSQL when PLAZA_TEST_DATABASE_URL is set. */
export default defineConfig({
  ...shared,
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['src/**/*.test.ts'], env: { PLAZA_TEST_DIALECT: 'sqlite' } } },
      ...(postgres ? [{ extends: true, test: { name: 'postgres', include: ['src/**/*.test.ts'], env: { PLAZA_TEST_DIALECT: 'postgres' } } }] : []),
    ],
  },
});
