/** Amounts are integer minor units next to an ISO 4217 code; never floats in storage. */
export interface Money {
  amountMinor: number;
  currency: string;
}

const CURRENCY = /^[A-Z]{3}$/;

export function isCurrencyCode(code: string): boolean {
  if (!CURRENCY.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

// Intl formatters are expensive to create and are reused (queues format thousands of amounts).
const exponents = new Map<string, number>();
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Digits after the decimal point for a currency (2 for USD/CNY/GBP, 0 for JPY). */
export function currencyExponent(currency: string): number {
  let e = exponents.get(currency);
  if (e === undefined) {
    e = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, e);
  }
  return e;
}

/** Formats minor units for display in `locale`, e.g. 50000 CNY -> "¥500.00" / "CN¥500.00". */
export function formatMoney({ amountMinor, currency }: Money, locale: string): string {
  const exponent = currencyExponent(currency);
  const key = `${locale}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    moneyFormats.set(key, f);
  }
  return f.format(amountMinor / 10 ** exponent);
}

/**
 * Parses an amount typed in major units ("1,234.56", "500") into minor units for `currency`.
 * Returns null when it is not a plain positive decimal with at most the currency's decimals.
 */
export function parseAmountToMinor(input: string, currency: string): number | null {
  const cleaned = input.trim().replace(/[\s,]/g, '');
  const exponent = currencyExponent(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  if (fraction.length > exponent) return null;
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}
