import { describe, expect, it } from 'vitest';
import { keySummary, platformSummary, redactSettings, toPlatformKey } from './platform.records.js';

describe('audit summaries', () => {
  it('redact secret-looking settings at any depth', () => {
    expect(redactSettings({ apiKey: 'k', nested: { clientSecret: 's', accessToken: 't', region: 'eu' }, list: [{ password: 'p' }], url: 'https://x' })).toEqual({
      apiKey: '[redacted]',
      nested: { clientSecret: '[redacted]', accessToken: '[redacted]', region: 'eu' },
      list: [{ password: '[redacted]' }],
      url: 'https://x',
    });
    const summary = platformSummary({ id: 'plat_1', code: 'mk', name: 'Market', type: 'marketplace', currency: 'EUR', locale: 'es-ES', status: 'active', settings: { sellerToken: 'abc' }, priceListId: null, createdAt: new Date(), updatedAt: new Date() });
    expect(summary.settings).toEqual({ sellerToken: '[redacted]' });
  });

  it('never include a key hash', () => {
    const key = toPlatformKey({ id: 'pkey_1', platform_id: 'plat_1', label: 'Web', key_hash: 'f'.repeat(64), key_prefix: 'pk_abcdefgh', created_at: 1, created_by: null, revoked_at: null, revoked_by: null, last_used_at: null });
    expect(JSON.stringify(key)).not.toContain('ffff');
    expect(keySummary(key)).toEqual({ label: 'Web', prefix: 'pk_abcdefgh', revokedAt: null });
  });
});
