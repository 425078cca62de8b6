import currencyCodes from 'currency-codes';

/**
 * Money in Plaza: an integer amount in the currency's minor unit (cents for EUR, yen for JPY,
 * fils for KWD) and an ISO 4217 code. Never a float. The number of minor-unit digits comes from
 * the maintained ISO 4217 list of the `currency-codes` package (EUR 2, JPY 0, KWD 3).
 */
export interface Money {
  /** Integer amount in minor units. */
  amount: number;
  /** ISO 4217 code, upper case. */
  currency: string;
}

/** Why a decimal string is not a valid amount (see {@link parseMoney}). */
export type MoneyParseError = 'CURRENCY_UNKNOWN' | 'NOT_A_NUMBER' | 'TOO_MANY_DECIMALS' | 'TOO_LARGE';

/** The result of {@link parseMoney}: the amount in minor units, or why it was refused. */
export type MoneyParseResult = { ok: true; amount: number } | { ok: false; error: MoneyParseError; message: string };

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** The ISO 4217 record of a code, or undefined (case-insensitive). */
function record(currency: string) {
  return typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currencyCodes.code(currency.toUpperCase()) : undefined;
}

/** Is this an ISO 4217 currency code (case-insensitive)? */
export function isCurrency(currency: string): boolean {
  return record(currency) !== undefined;
}

/** The number of minor-unit digits of a currency (EUR 2, JPY 0, KWD 3); throws on an unknown code. */
export function currencyExponent(currency: string): number {
  const found = record(currency);
  if (!found) throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
  return found.digits;
}

/** Is `amount` a safe integer usable as a minor-unit amount? */
export function isMinorAmount(amount: unknown): amount is number {
  return typeof amount === 'number' && Number.isSafeInteger(amount);
}

/**
 * Parses a decimal string in major units into minor units: "12.34" EUR → 1234, "12" EUR →
 * 1200, "1.5" JPY is refused (JPY has no minor unit), "12.345" is refused for EUR and gives
 * 12345 for KWD. Only digits with an optional sign and a dot: no grouping, no exponent.
 */
export function parseMoney(decimal: string, currency: string): MoneyParseResult {
  const found = record(currency);
  if (!found) return { ok: false, error: 'CURRENCY_UNKNOWN', message: `"${currency}" is not an ISO 4217 currency code` };
  const match = DECIMAL.exec(typeof decimal === 'string' ? decimal.trim() : '');
  if (!match) return { ok: false, error: 'NOT_A_NUMBER', message: 'must be a decimal number such as 12.34' };
  const [, sign, whole, fraction = ''] = match;
  const digits = found.digits;
  if (fraction.replace(/0+$/, '').length > digits) {
    const allowed = digits === 0 ? 'no decimals' : `at most ${digits} decimal${digits === 1 ? '' : 's'}`;
    return { ok: false, error: 'TOO_MANY_DECIMALS', message: `${found.code} amounts have ${allowed}` };
  }
  const minor = BigInt(`${whole}${fraction.slice(0, digits).padEnd(digits, '0')}`) * (sign ? -1n : 1n);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < BigInt(Number.MIN_SAFE_INTEGER)) {
    return { ok: false, error: 'TOO_LARGE', message: 'is too large' };
  }
  return { ok: true, amount: Number(minor) };
}

/** An amount in minor units as a plain decimal string in major units: 1234 EUR → "12.34", 5 KWD → "0.005". */
export function toDecimalString(amount: number, currency: string): string {
  const digits = currencyExponent(currency);
  const negative = amount < 0;
  const text = Math.abs(amount).toString().padStart(digits + 1, '0');
  const body = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative ? `-${body}` : body;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = formatters.get(key);
  if (!format) {
    const digits = currencyExponent(currency);
    let resolvedLocale = locale;
    try {
      Intl.getCanonicalLocales(locale);
    } catch {
      resolvedLocale = 'en';
    }
    // Building an Intl.NumberFormat is costly; a listing formats hundreds of prices.
    format = new Intl.NumberFormat(resolvedLocale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    if (formatters.size > 500) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}

/**
 * Formats money for people in a locale, with the currency's own number of decimals:
 * 1234 EUR in es-ES → "12,34 €", in en-US → "€12.34"; 1234 JPY in ja-JP → "￥1,234".
 * Exact: the digits come from the integer, never from float arithmetic.
 */
export function formatMoney(money: Money, locale = 'en'): string {
  // Intl formats a decimal string exactly (no binary rounding).
  return formatter(locale, money.currency.toUpperCase()).format(toDecimalString(money.amount, money.currency) as unknown as number);
}
