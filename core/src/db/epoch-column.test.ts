import { describe, expect, it } from 'vitest';
import { epochDateOrNull, epochMillis } from './epoch-column.js';
import { toDate } from './json-column.js';

describe('epoch-ms columns', () => {
  it('read the same from SQLite numbers and pg bigint strings', () => {
    expect(epochMillis(1795432501476)).toBe(1795432501476);
    expect(epochMillis('1795432501476')).toBe(1795432501476);
    expect(epochDateOrNull('1795432501476')?.toISOString()).toBe(new Date(1795432501476).toISOString());
    expect(epochDateOrNull(null)).toBeNull();
    expect(toDate('1795432501476').getTime()).toBe(1795432501476);
    expect(toDate('2026-11-23T10:00:00.000Z').toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });
});
