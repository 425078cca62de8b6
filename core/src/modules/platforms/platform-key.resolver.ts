import type { Knex } from 'knex';
import { inject, injectable } from 'tsyringe';
import type { PlatformRef } from '../../kernel/context.js';
import { PlazaError } from '../../kernel/errors.js';
import { Tokens } from '../../kernel/tokens.js';
import { PlatformKeyCache, type KeyRefusal, type KeyResolution } from './platform-key.cache.js';
import { PLATFORM_KEY_PREFIX, hashPlatformKey } from './platform-key.secret.js';
import { PlatformTables as T } from './platform.migrations.js';
import { toPlatformRef } from './platform.records.js';

const MESSAGES: Record<KeyRefusal, string> = {
  PLATFORM_KEY_UNKNOWN: 'The publishable key in x-plaza-key is not known (PLATFORM_KEY_UNKNOWN); check it, or ask staff for a key',
  PLATFORM_KEY_REVOKED: 'The publishable key in x-plaza-key was revoked (PLATFORM_KEY_REVOKED); ask staff for a new key',
  PLATFORM_DISABLED: 'The platform of this publishable key is disabled (PLATFORM_DISABLED); staff can enable it again',
};

interface LookupRow {
  revoked_at: string | number | null;
  id: string;
  code: string;
  name: string;
  type: string;
  currency: string;
  locale: string;
  status: string;
}

/**
 * Turns an `x-plaza-key` into the request's platform (the module's `auth.platformKey` hook).
 * Lookups go through {@link PlatformKeyCache}: a key seen in the last `ttlMs` costs no query.
 */
@injectable()
export class PlatformKeyResolver {
  constructor(
    @inject(Tokens.Database) private readonly db: Knex,
    @inject(PlatformKeyCache) private readonly cache: PlatformKeyCache,
  ) {}

  /**
   * The key's platform. Null for a key that is not in this module's format (another module may
   * know it); UNAUTHENTICATED with reason PLATFORM_KEY_UNKNOWN, PLATFORM_KEY_REVOKED or
   * PLATFORM_DISABLED otherwise.
   */
  async resolve(key: string): Promise<PlatformRef | null> {
    if (!key.startsWith(PLATFORM_KEY_PREFIX)) return null;
    const hash = hashPlatformKey(key);
    let resolution = this.cache.get(hash);
    if (!resolution) {
      const generation = this.cache.generation;
      resolution = await this.lookup(hash);
      this.cache.set(hash, resolution, generation);
    }
    if (resolution.ok) return resolution.platform;
    throw new PlazaError('UNAUTHENTICATED', MESSAGES[resolution.reason], { reason: resolution.reason });
  }

  private async lookup(hash: string): Promise<KeyResolution> {
    const row = (await this.db(`${T.key} as k`)
      .join(`${T.platform} as p`, 'p.id', 'k.platform_id')
      .where('k.key_hash', hash)
      .first('k.revoked_at', 'p.id', 'p.code', 'p.name', 'p.type', 'p.currency', 'p.locale', 'p.status')) as LookupRow | undefined;
    if (!row) return { ok: false, reason: 'PLATFORM_KEY_UNKNOWN', platformId: null };
    if (row.revoked_at !== null) return { ok: false, reason: 'PLATFORM_KEY_REVOKED', platformId: row.id };
    if (row.status !== 'active') return { ok: false, reason: 'PLATFORM_DISABLED', platformId: row.id };
    return { ok: true, platform: toPlatformRef(row), name: row.name };
  }
}
