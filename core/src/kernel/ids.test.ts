import { describe, expect, it } from 'vitest';
import { idPrefix, newId, newRequestId } from './ids.js';

describe('ids', () => {
  it('are prefixed, unique and time-ordered', () => {
    const ids = Array.from({ length: 2000 }, () => newId('ntc'));
    expect(ids[0]).toMatch(/^ntc_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(idPrefix(ids[0]!)).toBe('ntc');
  });

  it('refuses a prefix that would make ids hard to read', () => {
    expect(() => newId('Order')).toThrow(/lowercase/);
  });

  it('makes distinct request ids', () => {
    expect(newRequestId()).toMatch(/^req_[0-9a-f]{32}$/);
    expect(newRequestId()).not.toBe(newRequestId());
  });
});
