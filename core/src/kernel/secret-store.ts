import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';

/**
 * The installation secret: `PLAZA_SECRET` / config when set; otherwise read from
 * `<dataDir>/secret`, generated there (mode 0600) on first start with a warning.
 */
export function ensureSecret(configured: string | undefined, dataDir: string, logger: Logger): string {
  if (configured) return configured;
  const file = path.resolve(dataDir, 'secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  logger.warn({ file }, 'PLAZA_SECRET is not set: generated a secret and stored it in %s. Set PLAZA_SECRET in production (every instance needs the same one).', file);
  return secret;
}
