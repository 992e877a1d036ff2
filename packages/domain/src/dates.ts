import { isCalendarDate } from '@crm/contracts';
import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, parseISO } from 'date-fns';

/** A calendar date written as YYYY-MM-DD, with no time zone of its own. */
export type IsoDate = string;

/** A real calendar date within the years the product accepts: the one rule, from the contracts. */
export function isIsoDate(value: string): value is IsoDate {
  return isCalendarDate(value);
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

// Zone offsets are cached per zone and quarter hour: offsets only change on quarter-hour
// boundaries, and the queue evaluates thousands of accounts in a few zones per request. The cache
// is a map per zone keyed by the quarter hour's number (no string built per lookup: the worklist
// walk asks tens of thousands of times per book).
const QUARTER_HOUR = 15 * 60_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes to add to UTC to get the wall-clock time in `timeZone` at instant `t`. */
export function zoneOffsetMinutes(t: number, timeZone: string): number {
  const quarter = Math.floor(t / QUARTER_HOUR);
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const bucket = quarter * QUARTER_HOUR;
    const parts = Object.fromEntries(
      formatterFor(timeZone)
        .formatToParts(new Date(bucket))
        .map((p) => [p.type, p.value]),
    );
    const wall = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
    );
    offset = Math.round((wall - bucket) / 60_000);
    if (zone.size > 100_000) zone.clear();
    zone.set(quarter, offset);
  }
  return offset;
}

/** Minutes since local midnight at instant `t` in `timeZone` (no allocation: the gate's hot path). */
export function localMinutesOfDay(t: number, timeZone: string): number {
  const local = Math.floor(t / 60_000) + zoneOffsetMinutes(t, timeZone);
  return ((local % 1440) + 1440) % 1440;
}

// "YYYY-MM-DD" per day number since the epoch and "HH:mm" per minute of the day, built once each:
// the dates and times the rules compare are strings, asked for many times per account.
const isoDays = new Map<number, IsoDate>();
const HH_MM = Array.from(
  { length: 1440 },
  (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
);

/** The calendar date at instant `now` in `timeZone`. */
export function localDate(now: Date, timeZone: string): IsoDate {
  const t = now.getTime();
  const day = Math.floor((t + zoneOffsetMinutes(t, timeZone) * 60_000) / DAY_MS);
  let iso = isoDays.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoDays.size > 100_000) isoDays.clear();
    isoDays.set(day, iso);
  }
  return iso;
}

/** The wall-clock time (HH:mm) at instant `now` in `timeZone`. */
export function localTime(now: Date, timeZone: string): string {
  return HH_MM[localMinutesOfDay(now.getTime(), timeZone)]!;
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

/** `date` plus `days` calendar days. */
export function addDaysIso(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant local midnight begins `date` in `timeZone`. */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  // Two passes settle the offset even when it changes near midnight.
  let t = utcMidnight - zoneOffsetMinutes(utcMidnight, timeZone) * 60_000;
  t = utcMidnight - zoneOffsetMinutes(t, timeZone) * 60_000;
  return new Date(t);
}
