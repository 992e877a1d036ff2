import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, isIsoDate, isValidTimeZone, localDate, localTime } from './dates.js';

describe('localDate and localTime', () => {
  const instant = new Date('2026-11-22T15:30:00Z');
  it('gives the calendar date and time in the customer zone', () => {
    expect(localDate(instant, 'Asia/Shanghai')).toBe('2026-11-22');
    expect(localTime(instant, 'Asia/Shanghai')).toBe('23:30');
    expect(localDate(new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-23');
    expect(localDate(new Date('2026-11-22T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-21');
  });
  it('follows daylight saving time', () => {
    // New York leaves DST on 2026-11-01 at 02:00 local (06:00 UTC).
    expect(localTime(new Date('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('01:30');
    expect(localTime(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('01:30');
    // London enters BST on 2026-03-29 at 01:00 UTC.
    expect(localTime(new Date('2026-03-29T00:30:00Z'), 'Europe/London')).toBe('00:30');
    expect(localTime(new Date('2026-03-29T01:30:00Z'), 'Europe/London')).toBe('02:30');
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(isIsoDate('22/11/2026')).toBe(false);
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA zones and rejects made-up ones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('calendarDaysBetween', () => {
  it('is signed', () => {
    expect(calendarDaysBetween('2026-11-20', '2026-11-22')).toBe(2);
    expect(calendarDaysBetween('2026-11-22', '2026-11-20')).toBe(-2);
  });
});

describe('zonedWallTimeToInstant', () => {
  it('turns the customer’s wall-clock time into an instant, across DST', async () => {
    const { zonedWallTimeToInstant } = await import('./dates.js');
    expect(zonedWallTimeToInstant('2026-11-21T14:30', 'America/New_York')).toEqual(new Date('2026-11-21T19:30:00Z'));
    expect(zonedWallTimeToInstant('2026-07-01T14:30', 'America/New_York')).toEqual(new Date('2026-07-01T18:30:00Z'));
    expect(zonedWallTimeToInstant('2026-11-21T09:00', 'Asia/Shanghai')).toEqual(new Date('2026-11-21T01:00:00Z'));
    expect(zonedWallTimeToInstant('21/11/2026 9:00', 'Asia/Shanghai')).toBeNull();
  });
});

describe('zoneOffsetMinutes', () => {
  it('handles half-hour zones and both sides of a DST change', async () => {
    const { zoneOffsetMinutes } = await import('./dates.js');
    expect(zoneOffsetMinutes(Date.parse('2026-11-22T00:00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(zoneOffsetMinutes(Date.parse('2026-11-01T05:59:00Z'), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(Date.parse('2026-11-01T06:00:00Z'), 'America/New_York')).toBe(-300);
    expect(zoneOffsetMinutes(Date.parse('2026-11-22T00:00:00Z'), 'UTC')).toBe(0);
  });
});

describe('startOfLocalDay and addDaysIso', () => {
  it('finds local midnight, including on DST days', async () => {
    const { addDaysIso, startOfLocalDay } = await import('./dates.js');
    expect(startOfLocalDay('2026-11-23', 'America/New_York')).toEqual(new Date('2026-11-23T05:00:00Z'));
    expect(startOfLocalDay('2026-11-01', 'America/New_York')).toEqual(new Date('2026-11-01T04:00:00Z'));
    expect(startOfLocalDay('2026-03-29', 'Europe/London')).toEqual(new Date('2026-03-29T00:00:00Z'));
    expect(startOfLocalDay('2026-11-21', 'Asia/Shanghai')).toEqual(new Date('2026-11-20T16:00:00Z'));
    expect(addDaysIso('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDaysIso('2028-03-01', -1)).toBe('2028-02-29');
  });
});
