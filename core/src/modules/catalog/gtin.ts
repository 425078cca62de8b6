/**
 * GS1 GTIN (barcode) rules: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14, each ending
 * in a mod-10 check digit. Plaza stores every GTIN left-padded with zeros to 14 digits, which
 * keeps the check digit valid (weights count from the right) and makes one code one value.
 */

/** The GTIN lengths GS1 defines. */
export const GTIN_LENGTHS: readonly number[] = [8, 12, 13, 14];

/** Why a code is not a GTIN. */
export type GtinProblem = 'NOT_DIGITS' | 'WRONG_LENGTH' | 'CHECK_DIGIT';

/** The outcome of {@link parseGtin}. */
export type GtinResult = { ok: true; gtin14: string } | { ok: false; problem: GtinProblem; message: string };

/**
 * The GS1 check digit of `body` (the digits before the check digit): from the right, digits
 * are weighted 3, 1, 3, 1…; the check digit brings the sum to a multiple of 10.
 */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new Error('a GTIN body is digits only');
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) sum += Number(body[i]) * weight;
  return (10 - (sum % 10)) % 10;
}

/**
 * Validates a GTIN-8/12/13/14 (surrounding spaces ignored) and returns it padded to 14 digits,
 * or the problem in words a form can show.
 */
export function parseGtin(code: string): GtinResult {
  const digits = code.trim();
  if (!/^\d+$/.test(digits)) return { ok: false, problem: 'NOT_DIGITS', message: 'must contain digits only' };
  if (!GTIN_LENGTHS.includes(digits.length)) {
    return { ok: false, problem: 'WRONG_LENGTH', message: 'must be 8, 12, 13 or 14 digits (GTIN-8, UPC-A, EAN-13 or GTIN-14)' };
  }
  const expected = gtinCheckDigit(digits.slice(0, -1));
  if (Number(digits.at(-1)) !== expected) {
    return { ok: false, problem: 'CHECK_DIGIT', message: `has a wrong check digit (expected ${expected})` };
  }
  return { ok: true, gtin14: digits.padStart(14, '0') };
}

/** Is `code` a valid GTIN-8/12/13/14? */
export function isValidGtin(code: string): boolean {
  return parseGtin(code).ok;
}

/** `code` as a 14-digit GTIN, or null when it is not a valid GTIN. */
export function normalizeGtin(code: string): string | null {
  const result = parseGtin(code);
  return result.ok ? result.gtin14 : null;
}

/** A stored 14-digit GTIN without its leading zeros (how a scanner reads an EAN-13 or UPC-A). */
export function gtinShortForm(gtin14: string): string {
  return gtin14.replace(/^0+(?=\d)/, '');
}
