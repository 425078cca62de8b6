import { plazaVitestConfig } from '@plaza/core/vitest';

// Every test of a plugin boots Plaza, so all of them are integration tests (SQLite, and PostgreSQL when configured).
export default plazaVitestConfig({ unit: [], integration: ['src/**/*.test.ts'] });
