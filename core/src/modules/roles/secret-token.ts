import { createHash, randomBytes } from 'node:crypto';

/** Prefix of staff session tokens. */
export const SESSION_TOKEN_PREFIX = 'pzs_';
/** Prefix of integration tokens. */
export const INTEGRATION_TOKEN_PREFIX = 'pzi_';

/** A new bearer secret: the prefix and 32 random bytes in base64url. */
export function newSecretToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** The sha256 (hex) a token is stored and looked up as; the token itself is never stored. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
