import { createRequire } from 'node:module';
import { defaultServerConditions } from 'vite';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/** Which files a package's suites hold. */
export interface PlazaVitestOptions {
  /** Unit tests: run once (default `src/**\/*.test.ts` minus integration tests). */
  unit?: string[];
  /** Integration tests: run on SQLite, and on PostgreSQL when PLAZA_TEST_DATABASE_URL is set. */
  integration?: string[];
}

/**
 * The vitest configuration of Plaza packages, for the core and for plugin authors
 * (`export default plazaVitestConfig()` in `vitest.config.ts`, imported from
 * `@plaza/core/vitest`):
 * - workspace packages resolve to their TypeScript sources (the `plaza-source` export condition);
 * - one copy of graphql (vite would otherwise load its ESM build beside the CJS one @graphql-tools uses);
 * - legacy decorators with emitted metadata, for tsyringe;
 * - integration tests run as a `sqlite` project, and a `postgres` project when PLAZA_TEST_DATABASE_URL is set.
 */
export function plazaVitestConfig(options: PlazaVitestOptions = {}): ViteUserConfig {
  const integration = options.integration ?? ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'];
  const unit = options.unit ?? ['src/**/*.test.ts', 'test/**/*.test.ts'];
  const conditions = ['plaza-source', ...defaultServerConditions];
  const graphqlCjs = createRequire(`${process.cwd()}/package.json`).resolve('graphql');
  const projects: { extends: true; test: Record<string, unknown> }[] = [];
  if (unit.length > 0) projects.push({ extends: true, test: { name: 'unit', include: unit, exclude: ['**/node_modules/**', ...integration] } });
  projects.push({ extends: true, test: { name: 'sqlite', include: integration, env: { PLAZA_TEST_DIALECT: 'sqlite' } } });
  if (process.env.PLAZA_TEST_DATABASE_URL) {
    projects.push({ extends: true, test: { name: 'postgres', include: integration, env: { PLAZA_TEST_DIALECT: 'postgres' } } });
  }
  return defineConfig({
    oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
    resolve: { conditions, alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
    ssr: { resolve: { conditions } },
    test: { testTimeout: 30_000, hookTimeout: 60_000, projects },
  } as ViteUserConfig);
}
