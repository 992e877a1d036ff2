import { addDaysIso, localDate, startOfLocalDay } from './dates.js';

/** How far back a missed callback still shows on "My callbacks today". */
export const CALLBACK_LOOKBACK_MS = 12 * 60 * 60 * 1000;

/**
 * The callbacks a collector sees as "today": due from 12 hours ago (missed ones, marked overdue)
 * until the end of the collector's own day in their zone. Due times are instants; each is shown in
 * the customer's zone.
 */
export function callbacksTodayWindow(now: Date, collectorTimeZone: string): { from: Date; to: Date } {
  const tomorrow = addDaysIso(localDate(now, collectorTimeZone), 1);
  return { from: new Date(now.getTime() - CALLBACK_LOOKBACK_MS), to: startOfLocalDay(tomorrow, collectorTimeZone) };
}

/** The fewest digits a search text needs to be taken as a phone number. */
export const PHONE_SEARCH_MIN_DIGITS = 8;

/**
 * The key a phone number is compared by: its digits without leading zeros (the national trunk
 * prefix "0" or the international prefix "00") and without a trunk "0" written in brackets
 * ("+44 (0)20 ..."). Null when the text is not a phone number: other
 * characters than digits, spaces, + ( ) . - /, or fewer than PHONE_SEARCH_MIN_DIGITS digits.
 */
export function phoneSearchKey(text: string): string | null {
  if (!/^[\d\s+().\-/]+$/u.test(text)) return null;
  const key = digitsKey(text);
  return key.length >= PHONE_SEARCH_MIN_DIGITS ? key : null;
}

/**
 * Whether a stored number and a searched one are the same number however written: their keys are
 * equal, or one is the other with a country code in front (E.164 "+44 20 7946 0958" and national
 * "020 7946 0958"). The SQL in accounts.repository.ts mirrors this rule.
 */
export function phoneNumbersMatch(stored: string, searched: string): boolean {
  const a = digitsKey(stored);
  const b = phoneSearchKey(searched);
  if (b === null || a.length < PHONE_SEARCH_MIN_DIGITS) return false;
  return a === b || a.endsWith(b) || b.endsWith(a);
}

function digitsKey(text: string): string {
  return text
    .replace(/\(\s*0\s*\)/g, '')
    .replace(/\D/g, '')
    .replace(/^0+/, '');
}
