import { defineConfig } from 'vitest/config';

const postgres = process.env.PLAZA_TEST_DATABASE_URL;
const shared = {
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: { conditions: ['plaza-source'] },
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
