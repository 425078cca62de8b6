import { describe, expect, it } from 'vitest';
import { decodeJobCursor, encodeJobCursor } from './job-cursor.js';

describe('job cursors', () => {
  it('round-trip a job id through an opaque string', () => {
    const cursor = encodeJobCursor('job_01JD3M0Q5X3N');
    expect(cursor).not.toContain('job_');
    expect(decodeJobCursor(cursor)).toBe('job_01JD3M0Q5X3N');
  });

  it('reject anything else with BAD_USER_INPUT', () => {
    for (const bad of ['', 'not a cursor', Buffer.from('evt:1').toString('base64url'), Buffer.from('job:').toString('base64url')]) {
      expect(() => decodeJobCursor(bad)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'JOB_CURSOR_INVALID' }));
    }
  });
});
