import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, format, isValid, parseISO } from 'date-fns';

/** A calendar date written as YYYY-MM-DD, with no time zone of its own. */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): value is IsoDate {
  return ISO_DATE.test(value) && isValid(parseISO(value)) && format(parseISO(value), 'yyyy-MM-dd') === value;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date at instant `now` in `timeZone`. */
export function localDate(now: Date, timeZone: string): IsoDate {
  return format(new TZDate(now.getTime(), timeZone), 'yyyy-MM-dd');
}

/** The wall-clock time (HH:mm) at instant `now` in `timeZone`. */
export function localTime(now: Date, timeZone: string): string {
  return format(new TZDate(now.getTime(), timeZone), 'HH:mm');
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** The instant of wall-clock time "YYYY-MM-DDTHH:mm" in `timeZone` (e.g. a callback agreed in the customer's time). */
export function zonedWallTimeToInstant(wallTime: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wallTime);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return new Date(new TZDate(y, mo - 1, d, h, mi, 0, timeZone).getTime());
}
