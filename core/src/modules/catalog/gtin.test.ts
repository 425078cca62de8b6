import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, gtinShortForm, isValidGtin, normalizeGtin, parseGtin } from './gtin.js';

/** Every code that differs from `code` in exactly one digit. */
function oneDigitChanges(code: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < code.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) !== code[i]) out.push(code.slice(0, i) + String(d) + code.slice(i + 1));
    }
  }
  return out;
}

describe('GTIN', () => {
  it('computes the GS1 example check digit: 629104150021 → 3', () => {
    expect(gtinCheckDigit('629104150021')).toBe(3);
    expect(isValidGtin('6291041500213')).toBe(true);
    expect(normalizeGtin('6291041500213')).toBe('06291041500213');
  });

  it('accepts GTIN-8, -12, -13 and -14 and pads them to 14 digits', () => {
    expect(normalizeGtin('96385074')).toBe('00000096385074');
    expect(normalizeGtin('036000291452')).toBe('00036000291452');
    expect(normalizeGtin('4006381333931')).toBe('04006381333931');
    expect(normalizeGtin('10614141000415')).toBe('10614141000415');
    expect(normalizeGtin(' 4006381333931 ')).toBe('04006381333931');
  });

  it('rejects every one-digit change of a valid GTIN', () => {
    for (const valid of ['6291041500213', '96385074', '036000291452', '10614141000415']) {
      expect(isValidGtin(valid)).toBe(true);
      const changes = oneDigitChanges(valid);
      expect(changes).toHaveLength(valid.length * 9);
      for (const changed of changes) expect(isValidGtin(changed), changed).toBe(false);
    }
  });

  it('rejects non-digits and wrong lengths with a reason', () => {
    expect(parseGtin('629104150021X')).toMatchObject({ ok: false, problem: 'NOT_DIGITS' });
    expect(parseGtin('')).toMatchObject({ ok: false, problem: 'NOT_DIGITS' });
    expect(parseGtin('-6291041500213')).toMatchObject({ ok: false, problem: 'NOT_DIGITS' });
    for (const length of [1, 7, 9, 10, 11, 15, 18]) {
      expect(parseGtin('1'.repeat(length))).toMatchObject({ ok: false, problem: 'WRONG_LENGTH' });
    }
    expect(parseGtin('6291041500214')).toMatchObject({ ok: false, problem: 'CHECK_DIGIT', message: expect.stringContaining('expected 3') });
  });

  it('drops leading zeros for the short form', () => {
    expect(gtinShortForm('06291041500213')).toBe('6291041500213');
    expect(gtinShortForm('00000096385074')).toBe('96385074');
    expect(gtinShortForm('10614141000415')).toBe('10614141000415');
  });
});
