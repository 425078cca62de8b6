import { resolveConfig, type PlazaEnv } from '../kernel/config.js';
import { findConfigFile, loadConfigFile } from '../kernel/config-file.js';
import { createLogger } from '../kernel/logger.js';
import { createPlaza, type Plaza } from '../kernel/plaza.js';
import { ensureSecret } from '../kernel/secret-store.js';

/** Options every CLI command shares. */
export interface GlobalOptions {
  config?: string;
}

/** Loads the config (file + environment), makes sure a secret exists, and creates Plaza. */
export async function bootFromCli(options: GlobalOptions, env: PlazaEnv = process.env, overrides: { worker?: boolean } = {}): Promise<Plaza> {
  const cwd = process.cwd();
  const file = findConfigFile(cwd, options.config);
  const user = file ? await loadConfigFile(file) : {};
  const resolved = resolveConfig({ ...user, ...overrides }, env);
  const logger = createLogger(resolved.logLevel);
  const secret = ensureSecret(resolved.secret, resolved.dataDir, logger);
  return createPlaza({ ...resolved, secret }, { logger });
}
