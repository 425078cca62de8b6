import { createHash, randomBytes } from 'node:crypto';

/** Every publishable key starts with this. */
export const PLATFORM_KEY_PREFIX = 'pk_';
/** Characters of a key kept for display (`pk_` and 8 more). */
const DISPLAY_LENGTH = PLATFORM_KEY_PREFIX.length + 8;

/** A new publishable key: `pk_` and 32 random bytes in base64url. */
export function generatePlatformKey(): string {
  return `${PLATFORM_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a key: sha256 hex of the whole key. */
export function hashPlatformKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The start of a key staff see to recognise it, e.g. `pk_AbCdEfGh`. */
export function platformKeyPrefix(key: string): string {
  return key.slice(0, DISPLAY_LENGTH);
}
