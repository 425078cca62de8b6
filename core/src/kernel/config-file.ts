import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PlazaError } from './errors.js';
import type { PlazaUserConfig } from './config.js';

/** File names looked for in the working directory, in this order. */
export const CONFIG_FILES = ['plaza.config.ts', 'plaza.config.mts', 'plaza.config.js', 'plaza.config.mjs'];

/** Finds the config file: `explicit` when given (must exist), else the first of CONFIG_FILES in `cwd`. */
export function findConfigFile(cwd: string, explicit?: string): string | undefined {
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    if (!fs.existsSync(file)) throw new PlazaError('CONFIG_INVALID', `The config file ${explicit} does not exist`);
    return file;
  }
  return CONFIG_FILES.map((name) => path.join(cwd, name)).find((file) => fs.existsSync(file));
}

/**
 * Loads a `plaza.config.*` file's default export. TypeScript files go through jiti (Node 20
 * cannot import .ts); JavaScript files are imported natively.
 */
export async function loadConfigFile(file: string): Promise<PlazaUserConfig> {
  let loaded: unknown;
  try {
    if (/\.m?ts$/.test(file)) {
      const { createJiti } = await import('jiti');
      loaded = await createJiti(import.meta.url, { interopDefault: true }).import(file, { default: true });
    } else {
      loaded = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
    }
  } catch (error) {
    throw new PlazaError('CONFIG_INVALID', `Could not load ${path.basename(file)}: ${(error as Error).message}`, { cause: error });
  }
  if (!loaded || typeof loaded !== 'object') {
    throw new PlazaError('CONFIG_INVALID', `${path.basename(file)} must export default defineConfig({ … })`);
  }
  return loaded as PlazaUserConfig;
}
