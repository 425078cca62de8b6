import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, readPageArgs, toConnection } from './connection.js';

describe('cursor connections', () => {
  it('round-trips cursors and rejects foreign ones', () => {
    expect(decodeCursor(encodeCursor('dlv_01ABC'))).toBe('dlv_01ABC');
    expect(() => decodeCursor('not a cursor!')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'CURSOR_INVALID' }));
  });

  it('validates first (default 20, 1…100)', () => {
    expect(readPageArgs()).toEqual({ size: 20, afterKey: null });
    expect(readPageArgs({ first: 5, after: encodeCursor('x') })).toEqual({ size: 5, afterKey: 'x' });
    for (const first of [0, -1, 101, 2.5]) expect(() => readPageArgs({ first })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('uses the extra row only to tell whether a next page exists', () => {
    const rows = [{ id: 'c' }, { id: 'b' }, { id: 'a' }];
    expect(toConnection(rows, 2, (r) => r.id)).toEqual({
      edges: [
        { cursor: encodeCursor('c'), node: { id: 'c' } },
        { cursor: encodeCursor('b'), node: { id: 'b' } },
      ],
      pageInfo: { hasNextPage: true, endCursor: encodeCursor('b') },
    });
    expect(toConnection([], 2, (r: { id: string }) => r.id)).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});
