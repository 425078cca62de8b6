import { describe, expect, it } from 'vitest';
import { computeTax, divRoundHalfUp, taxOfAmount, TAX_CATEGORIES, type AppliedRate, type TaxCategory } from './tax-engine.js';
import { matchZone } from './zone-match.js';

const spain: Partial<Record<TaxCategory, AppliedRate>> = {
  standard: { category: 'standard', rateBp: 2100, name: 'IVA 21 %' },
  reduced: { category: 'reduced', rateBp: 1000, name: 'IVA 10 %' },
  super_reduced: { category: 'super_reduced', rateBp: 400, name: 'IVA 4 %' },
  zero: { category: 'zero', rateBp: 0, name: 'IVA 0 %' },
};

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('tax engine', () => {
  it('rounds half away from zero in exact integers', () => {
    expect(divRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divRoundHalfUp(4n, 2n)).toBe(2n);
    expect(divRoundHalfUp(7n, 3n)).toBe(2n);
    expect(divRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfUp(-7n, 3n)).toBe(-2n);
  });

  it('exclusive prices: tax on top, rounded per line', () => {
    // 10.05 × 21 % = 2.1105 → 2.11
    expect(taxOfAmount(1005, 2100, false)).toEqual({ net: 1005, tax: 211, gross: 1216 });
    // 0.50 × 21 % = 0.105 → 0.11 (half up)
    expect(taxOfAmount(50, 2100, false)).toEqual({ net: 50, tax: 11, gross: 61 });
    // 2.50 × 10 % = 0.25 exactly
    expect(taxOfAmount(250, 1000, false)).toEqual({ net: 250, tax: 25, gross: 275 });
  });

  it('inclusive prices: tax extracted from the gross', () => {
    // 12.10 incl. 21 % → net 10.00, tax 2.10
    expect(taxOfAmount(1210, 2100, true)).toEqual({ net: 1000, tax: 210, gross: 1210 });
    // 19.95 incl. 21 %: 1995 × 2100 / 12100 = 346.24 → 346
    expect(taxOfAmount(1995, 2100, true)).toEqual({ net: 1649, tax: 346, gross: 1995 });
    // 1.04 incl. 4 % → tax exactly 0.04
    expect(taxOfAmount(104, 400, true)).toEqual({ net: 100, tax: 4, gross: 104 });
  });

  it('zero-rated and untaxed categories', () => {
    const result = computeTax({
      currency: 'EUR',
      pricesIncludeTax: false,
      rates: { standard: spain.standard!, zero: spain.zero! },
      lines: [
        { key: 'book', amount: 1500, quantity: 1, taxCategory: 'zero' },
        // No rate for "reduced" in this zone: untaxed.
        { key: 'bread', amount: 300, quantity: 2, taxCategory: 'reduced' },
      ],
    });
    expect(result.lines.map((l) => [l.key, l.rateBp, l.tax, l.gross])).toEqual([
      ['book', 0, 0, 1500],
      ['bread', 0, 0, 300],
    ]);
    expect(result.totals).toEqual({ net: 1800, tax: 0, gross: 1800 });
  });

  it('defaults to standard, groups the breakdown by rate, and rounds per line (not on the total)', () => {
    const result = computeTax({
      currency: 'EUR',
      pricesIncludeTax: false,
      rates: spain,
      lines: [
        { key: 'a', amount: 50, quantity: 1 },
        { key: 'b', amount: 50, quantity: 1, taxCategory: 'standard' },
        { key: 'c', amount: 999, quantity: 3, taxCategory: 'reduced' },
      ],
    });
    // Per line: 10.5 → 11 each, so 22 (the unrounded sum would be 21).
    expect(result.lines.map((l) => l.tax)).toEqual([11, 11, 100]);
    expect(result.breakdown).toEqual([
      { category: 'standard', rateBp: 2100, name: 'IVA 21 %', net: 100, tax: 22, gross: 122 },
      { category: 'reduced', rateBp: 1000, name: 'IVA 10 %', net: 999, tax: 100, gross: 1099 },
    ]);
    expect(result.totals).toEqual({ net: 1099, tax: 122, gross: 1221 });
  });

  it('handles amounts beyond float precision exactly (BigInt)', () => {
    const big = Number.MAX_SAFE_INTEGER + 2;
    expect(Number.isSafeInteger(big)).toBe(false);
    expect(() => taxOfAmount(big, 2100, false)).toThrow(RangeError);
    const safe = Number.MAX_SAFE_INTEGER - 1; // 9007199254740990
    const r = taxOfAmount(safe, 2100, true);
    expect(r.net + r.tax).toBe(safe);
    expect(BigInt(r.tax)).toBe(divRoundHalfUp(BigInt(safe) * 2100n, 12100n));
    // Exclusive: a gross past the safe range is refused rather than silently rounded.
    expect(() => taxOfAmount(safe, 2100, false)).toThrow(RangeError);
  });

  it('rejects bad rates and quantities', () => {
    expect(() => taxOfAmount(100, -1, false)).toThrow(RangeError);
    expect(() => taxOfAmount(100, 10001, false)).toThrow(RangeError);
    expect(() => computeTax({ currency: 'EUR', pricesIncludeTax: false, rates: spain, lines: [{ key: 'x', amount: 1, quantity: 1.5 }] })).toThrow(RangeError);
  });

  it('property: totals always add up, inclusive and exclusive, over random carts', () => {
    const random = rng(20261123);
    for (let run = 0; run < 2000; run++) {
      const inclusive = random() < 0.5;
      const rates: Partial<Record<TaxCategory, AppliedRate>> = {};
      for (const category of TAX_CATEGORIES) {
        if (random() < 0.9) rates[category] = { category, rateBp: Math.floor(random() * 10_001), name: category };
      }
      const lines = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) => {
        const quantity = 1 + Math.floor(random() * 20);
        const unit = Math.floor(random() * (random() < 0.1 ? 10_000_000 : 5000));
        const sign = random() < 0.05 ? -1 : 1; // a few negative adjustment lines
        return { key: `l${i}`, amount: sign * unit * quantity, quantity, taxCategory: TAX_CATEGORIES[Math.floor(random() * 4)]! };
      });
      const result = computeTax({ lines, pricesIncludeTax: inclusive, currency: 'EUR', rates });
      const sum = (k: 'net' | 'tax' | 'gross', rows: { net: number; tax: number; gross: number }[]) => rows.reduce((s, r) => s + r[k], 0);
      for (const k of ['net', 'tax', 'gross'] as const) {
        expect(sum(k, result.lines)).toBe(result.totals[k]);
        expect(sum(k, result.breakdown)).toBe(result.totals[k]);
      }
      expect(result.totals.net + result.totals.tax).toBe(result.totals.gross);
      result.lines.forEach((line, i) => {
        const input = lines[i]!;
        expect(line.net + line.tax).toBe(line.gross);
        expect(inclusive ? line.gross : line.net).toBe(input.amount);
        expect(Number.isInteger(line.tax)).toBe(true);
        // The rounded tax is within half a minor unit of the exact value.
        const exact = inclusive ? (input.amount * line.rateBp) / (10_000 + line.rateBp) : (input.amount * line.rateBp) / 10_000;
        expect(Math.abs(line.tax - exact)).toBeLessThanOrEqual(0.5 + 1e-6 * Math.max(1, Math.abs(exact)));
      });
    }
  });
});

describe('zone matching', () => {
  const zones = [
    { code: 'es', members: [{ country: 'ES' }] },
    { code: 'es-canarias', members: [{ country: 'ES', region: 'CN' }, { country: 'ES', postalPrefix: '35' }, { country: 'ES', postalPrefix: '38' }] },
    { code: 'pt', members: [{ country: 'pt' }] },
    { code: 'pt-azores', members: [{ country: 'PT', postalPrefix: '95' }] },
    { code: 'pt-azores-ponta', members: [{ country: 'PT', postalPrefix: '950' }] },
  ];
  it('picks the most specific member', () => {
    expect(matchZone(zones, { country: 'es', postalCode: '28001' })?.code).toBe('es');
    expect(matchZone(zones, { country: 'ES', postalCode: '35001' })?.code).toBe('es-canarias');
    expect(matchZone(zones, { country: 'ES', region: 'ES-CN' })?.code).toBe('es-canarias');
    expect(matchZone(zones, { country: 'PT', postalCode: '9500-123' })?.code).toBe('pt-azores-ponta');
    expect(matchZone(zones, { country: 'PT', postalCode: '9580-123' })?.code).toBe('pt-azores');
    expect(matchZone(zones, { country: 'FR' })).toBeNull();
  });
  it('breaks ties by code', () => {
    expect(matchZone([{ code: 'b', members: [{ country: 'FR' }] }, { code: 'a', members: [{ country: 'FR' }] }], { country: 'FR' })?.code).toBe('a');
  });
});
