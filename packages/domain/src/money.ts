import { MAX_AMOUNT_MINOR } from '@crm/contracts/plain';

/** Amounts are integer minor units next to an ISO 4217 code; never floats in storage. */
export interface Money {
  /** A number for one amount; a decimal string (or bigint) for totals, which may pass 2^53. */
  amountMinor: number | string | bigint;
  currency: string;
}

const CURRENCY = /^[A-Z]{3}$/;
let known: Set<string> | undefined;

/**
 * An ISO 4217 code this runtime knows (its CLDR data: about 160 current currencies). "NAN" or
 * "XYZ" have the right shape but are not currencies; Intl formats any three letters, so the list
 * is read, not the formatter's willingness.
 */
export function isCurrencyCode(code: string): boolean {
  if (!CURRENCY.test(code)) return false;
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known.has(code);
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
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    moneyFormats.set(key, f);
  }
  return f.format(toMajorDecimal(amountMinor, exponent) as unknown as number);
}

/** Minor units as an exact decimal string of major units: 123456 with exponent 2 -> "1234.56". */
function toMajorDecimal(amountMinor: number | string | bigint, exponent: number): string {
  const minor = BigInt(amountMinor);
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * Parses an amount typed in major units ("1,234.56", "500") into minor units for `currency`.
 * Returns null when it is not a plain positive decimal with at most the currency's decimals, or
 * is more than MAX_AMOUNT_MINOR (the bound every money input has).
 */
export function parseAmountToMinor(input: string, currency: string): number | null {
  const cleaned = input.trim().replace(/[\s,]/g, '');
  const exponent = currencyExponent(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  if (fraction.length > exponent) return null;
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  return Number.isSafeInteger(minor) && minor <= MAX_AMOUNT_MINOR ? minor : null;
}

/** Payment feeds stamp payments in their own clocks: up to a day ahead of ours is still "now". */
const PAYMENT_CLOCK_TOLERANCE_MS = 86_400_000;

/** Why a payment's instant cannot be recorded, or null: a payment cannot have been made in the future. */
export function paymentInstantProblem(paidAt: Date, now: Date): string | null {
  return paidAt.getTime() > now.getTime() + PAYMENT_CLOCK_TOLERANCE_MS ? 'is in the future' : null;
}

/** What makes two payments the same payment: one reference may carry only one of them. */
export interface PaymentFacts {
  accountId: string;
  /** Signed: a reversal is negative. */
  amountMinor: bigint;
  currency: string;
  paidAt: Date;
  channel: string;
  reversalOfId: string | null;
}

/**
 * The facts in which a payment sent again under a used (source, reference) differs from the one
 * recorded with it; empty when it is the same payment (a retry to replay, or a duplicate to skip).
 * The API and the payments import both decide by it.
 */
export function paymentConflicts(stored: PaymentFacts, candidate: PaymentFacts): (keyof PaymentFacts)[] {
  const differs: (keyof PaymentFacts)[] = [];
  if (stored.accountId !== candidate.accountId) differs.push('accountId');
  if (stored.amountMinor !== candidate.amountMinor) differs.push('amountMinor');
  if (stored.currency !== candidate.currency) differs.push('currency');
  if (stored.paidAt.getTime() !== candidate.paidAt.getTime()) differs.push('paidAt');
  if (stored.channel !== candidate.channel) differs.push('channel');
  if (stored.reversalOfId !== candidate.reversalOfId) differs.push('reversalOfId');
  return differs;
}
