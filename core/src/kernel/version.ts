import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The version of `@plaza/core` that is running. */
export const PLAZA_VERSION: string = (require('../../package.json') as { version: string }).version;
