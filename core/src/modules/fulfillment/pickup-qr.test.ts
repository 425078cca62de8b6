import { describe, expect, it } from 'vitest';
import { codesMatch } from './pickup-attempts.js';
import { parsePickupCode, pickupQrContent, pickupQrDataUrl } from './pickup-qr.js';

describe('pickup codes', () => {
  it('encodes the order number and the code, and reads back bare codes and QR content in any case', () => {
    expect(pickupQrContent('WEBES-000012', 'K7P2QX')).toBe('WEBES-000012:K7P2QX');
    expect(parsePickupCode(' webes-000012:k7p2qx ')).toEqual({ number: 'WEBES-000012', code: 'K7P2QX' });
    expect(parsePickupCode('k7p2qx')).toEqual({ number: null, code: 'K7P2QX' });
  });

  it('compares codes case-insensitively and rejects near misses', () => {
    expect(codesMatch('k7p2qx', 'K7P2QX')).toBe(true);
    expect(codesMatch('K7P2QY', 'K7P2QX')).toBe(false);
    expect(codesMatch('K7P2Q', 'K7P2QX')).toBe(false);
    expect(codesMatch('', 'K7P2QX')).toBe(false);
  });

  it('renders a PNG data URL', async () => {
    const url = await pickupQrDataUrl('WEBES-000012', 'K7P2QX');
    expect(url).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
