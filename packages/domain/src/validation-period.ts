import { TZDate } from '@date-fns/tz';
import { addDays, getDay, isWeekend, lastDayOfMonth, nextDay, setDate, type Day } from 'date-fns';
import { localDate, type IsoDate } from './dates.js';

/**
 * The validation period (Reg F 12 CFR 1006.34(b)(5)): it ends 30 days after the consumer
 * receives the validation information, and the debt collector may assume receipt on any date up
 * to five days after sending, excluding the legal public holidays of 5 U.S.C. 6103(a), Saturdays
 * and Sundays. The product assumes the latest such date (the consumer gets the longest period
 * the rule allows), counted from the calendar day of sending in the customer's own zone.
 */
export const VALIDATION_RECEIPT_DAYS = 5;
export const VALIDATION_PERIOD_DAYS = 30;

const utc = (iso: IsoDate) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 'UTC');
};
const iso = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The n-th (1-based) `weekday` of `month` (0-based) in `year`; n = -1 is the last one. */
function nthWeekday(year: number, month: number, weekday: Day, n: number): Date {
  if (n === -1) {
    const last = lastDayOfMonth(new TZDate(year, month, 1, 'UTC'));
    return addDays(last, -((getDay(last) - weekday + 7) % 7));
  }
  const first = new TZDate(year, month, 1, 'UTC');
  const firstMatch = getDay(first) === weekday ? first : nextDay(first, weekday);
  return addDays(firstMatch, 7 * (n - 1));
}

/**
 * The legal public holidays of 5 U.S.C. 6103(a) in `year`, as the dates the statute names (the
 * observed Friday or Monday of 6103(b) is a rule for federal employees' leave, not part of 6103(a)).
 */
export function usLegalPublicHolidays(year: number): IsoDate[] {
  const fixed = (month: number, day: number) => setDate(new TZDate(year, month, 1, 'UTC'), day);
  return [
    fixed(0, 1), // New Year's Day
    nthWeekday(year, 0, 1, 3), // Birthday of Martin Luther King, Jr.
    nthWeekday(year, 1, 1, 3), // Washington's Birthday
    nthWeekday(year, 4, 1, -1), // Memorial Day
    fixed(5, 19), // Juneteenth National Independence Day
    fixed(6, 4), // Independence Day
    nthWeekday(year, 8, 1, 1), // Labor Day
    nthWeekday(year, 9, 1, 2), // Columbus Day
    fixed(10, 11), // Veterans Day
    nthWeekday(year, 10, 4, 4), // Thanksgiving Day
    fixed(11, 25), // Christmas Day
  ].map(iso);
}

/** Saturdays, Sundays and the legal public holidays do not count towards the five days. */
export function isUsMailingDayExcluded(date: IsoDate): boolean {
  const d = utc(date);
  return isWeekend(d) || usLegalPublicHolidays(d.getFullYear()).includes(date);
}

/** The latest date the collector may assume the consumer received a notice sent on `sentOn`. */
export function assumedReceiptDate(sentOn: IsoDate): IsoDate {
  let d = utc(sentOn);
  let counted = 0;
  while (counted < VALIDATION_RECEIPT_DAYS) {
    d = addDays(d, 1);
    if (!isUsMailingDayExcluded(iso(d))) counted++;
  }
  return iso(d);
}

export interface ValidationPeriod {
  /** The calendar day the notice was sent, in the customer's zone. */
  sentOn: IsoDate;
  assumedReceiptOn: IsoDate;
  /** The last day of the validation period (a dispute on or before this day is within it). */
  endsOn: IsoDate;
}

/** The validation period of a notice sent at `sentAt`, in the customer's calendar (`timeZone`). */
export function validationPeriod(sentAt: Date, timeZone: string): ValidationPeriod {
  const sentOn = localDate(sentAt, timeZone);
  const assumedReceiptOn = assumedReceiptDate(sentOn);
  return { sentOn, assumedReceiptOn, endsOn: iso(addDays(utc(assumedReceiptOn), VALIDATION_PERIOD_DAYS)) };
}

/** Days left in the period on `today` (0 on its last day, negative once it has ended). */
export function validationDaysLeft(period: Pick<ValidationPeriod, 'endsOn'>, today: IsoDate): number {
  return Math.round((utc(period.endsOn).getTime() - utc(today).getTime()) / 86_400_000);
}
