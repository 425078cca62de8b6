import { describe, expect, it } from 'vitest';
import { truncateUtf8, webhookBody } from './webhook-http.js';

describe('webhook HTTP helpers', () => {
  it('cuts UTF-8 at a byte limit without splitting a character', () => {
    expect(truncateUtf8(Buffer.from('abc'), 10)).toBe('abc');
    expect(truncateUtf8(Buffer.from('aé'), 2)).toBe('a');
    expect(truncateUtf8(Buffer.from('€€'), 5)).toBe('€');
  });

  it('serialises the event as { id, name, occurredAt, platformId, payload }', () => {
    const occurredAt = new Date('2026-01-02T03:04:05.000Z');
    expect(JSON.parse(webhookBody({ id: 'evt_1', name: 'a.b', payload: { x: 1 }, platformId: null, actorId: 'stf_1', occurredAt }))).toEqual({
      id: 'evt_1',
      name: 'a.b',
      occurredAt: '2026-01-02T03:04:05.000Z',
      platformId: null,
      payload: { x: 1 },
    });
  });
});
