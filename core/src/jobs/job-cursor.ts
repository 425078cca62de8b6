import { errors } from '../kernel/errors.js';

const PREFIX = 'job:';

/** An opaque cursor for a job id in a connection (base64url of `job:<id>`). */
export function encodeJobCursor(id: string): string {
  return Buffer.from(`${PREFIX}${id}`, 'utf8').toString('base64url');
}

/** The job id inside a cursor made by {@link encodeJobCursor}; BAD_USER_INPUT for anything else. */
export function decodeJobCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || text.length === PREFIX.length || encodeJobCursor(text.slice(PREFIX.length)) !== cursor) {
    throw errors.badInput('The cursor is not valid; pass the endCursor of a previous page', [{ path: 'after', message: 'invalid cursor' }], 'JOB_CURSOR_INVALID');
  }
  return text.slice(PREFIX.length);
}
