import { describe, expect, it } from 'vitest';
import { firstClosedAfter, worklistSpan, type OpenAt } from './worklist.js';

const at = (iso: string) => new Date(iso);
/** Open on [start, end) of each UTC day (hours), blocked otherwise with the next opening. */
function window(startHour: number, endHour: number) {
  return (t: Date): OpenAt<string> => {
    const h = t.getUTCHours() + t.getUTCMinutes() / 60 + t.getUTCSeconds() / 3600;
    if (h >= startHour && h < endHour) return { open: true };
    const next = new Date(t);
    next.setUTCHours(startHour, 0, 0, 0);
    if (h >= endHour) next.setUTCDate(next.getUTCDate() + 1);
    return { open: false, reasons: 'outside_hours', nextAllowedAt: next };
  };
}

describe('firstClosedAfter', () => {
  it.each([
    // open while, from, first closed instant
    ['before 21:00', '2026-12-01T10:00:00Z', '2026-12-01T21:00:00.000Z'],
    ['before 21:00, from an odd second', '2026-12-01T20:59:30Z', '2026-12-01T21:00:00.000Z'],
    ['before 20:30', '2026-12-01T10:17:00Z', '2026-12-01T20:30:00.000Z'],
  ])('%s, from %s: %s', (label, from, expected) => {
    const end = label.includes('20:30') ? 20.5 : 21;
    const closed = firstClosedAfter((t) => window(8, end)(t).open, at(from));
    // Found to the second, never before the true instant.
    expect(closed!.getTime() - at(expected).getTime()).toBeGreaterThanOrEqual(0);
    expect(closed!.getTime() - at(expected).getTime()).toBeLessThanOrEqual(1000);
  });

  it('is null when nothing closes within the horizon', () => {
    expect(firstClosedAfter(() => true, at('2026-12-01T10:00:00Z'))).toBeNull();
  });
});

describe('worklistSpan', () => {
  it.each([
    // now, callable from, until (about), blocked reasons now
    ['2026-12-01T10:00:00Z', '2026-12-01T10:00:00.000Z', '2026-12-01T21:00', null],
    ['2026-12-01T06:00:00Z', '2026-12-01T08:00:00.000Z', '2026-12-01T21:00', 'outside_hours'],
    ['2026-12-01T22:00:00Z', '2026-12-02T08:00:00.000Z', '2026-12-02T21:00', 'outside_hours'],
  ])('at %s: callable from %s until %s', (now, from, until, blocked) => {
    const span = worklistSpan(window(8, 21), at(now));
    expect(span.callableFrom?.toISOString()).toBe(from);
    expect(span.callableUntil?.toISOString().slice(0, 16)).toBe(until);
    expect(span.blocked?.reasons ?? null).toBe(blocked);
    expect(span.closed).toMatchObject({ reasons: 'outside_hours' });
  });

  it('never opens when the rules give no next instant (a stop flag)', () => {
    const span = worklistSpan(
      (): OpenAt<string> => ({ open: false, reasons: 'stop', nextAllowedAt: null }),
      at('2026-12-01T10:00:00Z'),
    );
    expect(span).toEqual({
      callableFrom: null,
      callableUntil: null,
      blocked: { reasons: 'stop', nextAllowedAt: null },
      closed: null,
    });
  });

  it('follows a reopening into a second block (a hold ending after hours)', () => {
    const hours = window(8, 21);
    // Held until 20:30... but at 20:30 the window is open for half an hour more; held until 21:30: next day 08:00.
    const held =
      (until: string) =>
      (t: Date): OpenAt<string> =>
        t < at(until) ? { open: false, reasons: 'hold', nextAllowedAt: at(until) } : hours(t);
    expect(worklistSpan(held('2026-12-01T20:30:00Z'), at('2026-12-01T19:00:00Z')).callableFrom?.toISOString()).toBe(
      '2026-12-01T20:30:00.000Z',
    );
    expect(worklistSpan(held('2026-12-01T21:30:00Z'), at('2026-12-01T19:00:00Z')).callableFrom?.toISOString()).toBe(
      '2026-12-02T08:00:00.000Z',
    );
  });
});
