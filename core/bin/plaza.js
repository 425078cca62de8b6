#!/usr/bin/env node
// The `plaza` command. A committed shim, so npm can link it at install time, before the first build.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('Plaza is not built yet: run `npm run build` (or `npm start`) from the repository root first.\n');
  process.exit(1);
}
await import(main.href);
