import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMoney, isCurrency, parseMoney, toDecimalString } from './money.js';

describe('money', () => {
  it('takes the minor-unit exponent from the ISO 4217 list', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('jpy')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(isCurrency('USD')).toBe(true);
    expect(isCurrency('EURO')).toBe(false);
    expect(isCurrency('ZZZ')).toBe(false);
    expect(() => currencyExponent('ZZZ')).toThrow(RangeError);
  });

  it('parses decimal strings into minor units, refusing more decimals than the currency has', () => {
    expect(parseMoney('12.34', 'EUR')).toEqual({ ok: true, amount: 1234 });
    expect(parseMoney('12', 'EUR')).toEqual({ ok: true, amount: 1200 });
    expect(parseMoney('0.5', 'EUR')).toEqual({ ok: true, amount: 50 });
    expect(parseMoney(' 12.30 ', 'EUR')).toEqual({ ok: true, amount: 1230 });
    expect(parseMoney('12.340', 'EUR')).toEqual({ ok: true, amount: 1234 });
    expect(parseMoney('-3.10', 'EUR')).toEqual({ ok: true, amount: -310 });
    expect(parseMoney('12.345', 'EUR')).toMatchObject({ ok: false, error: 'TOO_MANY_DECIMALS', message: 'EUR amounts have at most 2 decimals' });
    expect(parseMoney('12.345', 'KWD')).toEqual({ ok: true, amount: 12345 });
    expect(parseMoney('1500', 'JPY')).toEqual({ ok: true, amount: 1500 });
    expect(parseMoney('1.5', 'JPY')).toMatchObject({ ok: false, error: 'TOO_MANY_DECIMALS', message: 'JPY amounts have no decimals' });
    // 0.1 + 0.2 style float errors cannot happen: the digits are read as text.
    expect(parseMoney('0.29', 'EUR')).toEqual({ ok: true, amount: 29 });
    expect(parseMoney('1.005', 'KWD')).toEqual({ ok: true, amount: 1005 });
  });

  it('refuses what is not a plain decimal number or an unknown currency', () => {
    for (const bad of ['', '12,34', '1e3', '12.', '.5', 'abc', '1 000', '+-1']) {
      expect(parseMoney(bad, 'EUR')).toMatchObject({ ok: false, error: 'NOT_A_NUMBER' });
    }
    expect(parseMoney('1', 'EURO')).toMatchObject({ ok: false, error: 'CURRENCY_UNKNOWN' });
    expect(parseMoney('99999999999999999999', 'EUR')).toMatchObject({ ok: false, error: 'TOO_LARGE' });
  });

  it('writes minor units back as a decimal string', () => {
    expect(toDecimalString(1234, 'EUR')).toBe('12.34');
    expect(toDecimalString(5, 'EUR')).toBe('0.05');
    expect(toDecimalString(-5, 'EUR')).toBe('-0.05');
    expect(toDecimalString(5, 'KWD')).toBe('0.005');
    expect(toDecimalString(1234, 'JPY')).toBe('1234');
    expect(toDecimalString(0, 'EUR')).toBe('0.00');
  });

  it('formats for a locale with the currency’s decimals', () => {
    const nbsp = /[\u00a0\u202f]/g;
    expect(formatMoney({ amount: 1234, currency: 'EUR' }, 'es-ES').replace(nbsp, ' ')).toBe('12,34 €');
    expect(formatMoney({ amount: 123456, currency: 'EUR' }, 'de-DE').replace(nbsp, ' ')).toBe('1.234,56 €');
    expect(formatMoney({ amount: 1234, currency: 'EUR' }, 'en-US')).toBe('€12.34');
    expect(formatMoney({ amount: 1234, currency: 'JPY' }, 'en-US')).toBe('¥1,234');
    expect(formatMoney({ amount: 12345, currency: 'KWD' }, 'en-US').replace(nbsp, ' ')).toBe('KWD 12.345');
    expect(formatMoney({ amount: 1234, currency: 'EUR' }, 'not a locale')).toBe('€12.34');
    // Larger than a double can hold exactly at cent precision: still exact.
    expect(formatMoney({ amount: 9007199254740991, currency: 'EUR' }, 'en-US')).toBe('€90,071,992,547,409.91');
  });
});
