import { randomFillSync, randomUUID } from 'node:crypto';
import { monotonicFactory } from 'ulidx';

const pool = new Uint32Array(1024);
let poolAt = pool.length;

/** Cryptographic randomness drawn from a refilled pool: one syscall per 1024 values, not per character. */
function pooledRandom(): number {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  return pool[poolAt++]! / 0x1_0000_0000;
}

const ulid = monotonicFactory(pooledRandom);
const PREFIX = /^[a-z][a-z0-9]{1,11}$/;

/**
 * A new id: a type prefix and a time-ordered ULID body, e.g. `evt_01JD3M0Q5X3N…`.
 * Ids sort by creation time, so they make good cursors and readable logs.
 */
export function newId(prefix: string): string {
  if (!PREFIX.test(prefix)) throw new Error(`id prefix "${prefix}" must be 2-12 lowercase letters or digits`);
  return `${prefix}_${ulid()}`;
}

/** The prefix of an id made by {@link newId}, or undefined for a foreign string. */
export function idPrefix(id: string): string | undefined {
  const at = id.indexOf('_');
  return at > 0 ? id.slice(0, at) : undefined;
}

/**
 * A request id (`req_` + 32 hex chars). Cheaper than {@link newId} — node's randomUUID draws
 * from a buffered entropy pool — because one is made for every HTTP request.
 */
export function newRequestId(): string {
  return `req_${randomUUID().replaceAll('-', '')}`;
}
