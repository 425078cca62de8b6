import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookPayload, verifyWebhookSignature } from './webhook-signature.js';

const secret = 'whsec_test_secret';
const body = '{"id":"evt_1","name":"order.placed","payload":{"total":10}}';
const now = Date.UTC(2026, 0, 15, 12, 0, 0);
const t = Math.floor(now / 1000);

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 of the secret', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhookPayload(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('accepts the exact body within the tolerance, from a string or a Buffer', () => {
    const header = signWebhookPayload(secret, body, t);
    expect(verifyWebhookSignature(secret, header, body, 300, now)).toBe(true);
    expect(verifyWebhookSignature(secret, header, Buffer.from(body), 300, new Date(now + 299_000))).toBe(true);
  });

  it('rejects a tampered body, another secret, and a replay outside the tolerance', () => {
    const header = signWebhookPayload(secret, body, t);
    expect(verifyWebhookSignature(secret, header, body.replace('10', '1000'), 300, now)).toBe(false);
    expect(verifyWebhookSignature('whsec_other', header, body, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, 300, now + 301_000)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, 300, now - 301_000)).toBe(false);
  });

  it('rejects malformed headers', () => {
    const valid = signWebhookPayload(secret, body, t);
    for (const header of [undefined, null, '', 'garbage', `t=${t}`, valid.replace(/v1=.*/, 'v1=abc'), valid.replace(`t=${t}`, 't=soon')]) {
      expect(verifyWebhookSignature(secret, header, body, 300, now)).toBe(false);
    }
  });

  it('accepts any matching v1 (a header signed with two secrets during rotation)', () => {
    const other = signWebhookPayload('whsec_old', body, t).split(',')[1];
    const header = `${signWebhookPayload(secret, body, t)},${other}`;
    expect(verifyWebhookSignature(secret, header, body, 300, now)).toBe(true);
    expect(verifyWebhookSignature('whsec_old', header, body, 300, now)).toBe(true);
  });
});
