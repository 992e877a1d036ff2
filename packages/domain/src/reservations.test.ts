import { describe, expect, it } from 'vitest';
import { releaseHiddenUntil, shouldExtendReservation } from './reservations.js';

describe('releaseHiddenUntil', () => {
  it.each([
    // kind, now (UTC), collector zone, hidden until
    ['skip', '2026-12-01T10:00:00Z', 'Europe/London', '2026-12-01T10:30:00.000Z'],
    ['skip', '2026-12-01T23:50:00Z', 'Europe/London', '2026-12-02T00:00:00.000Z'], // not past the day's end
    ['give_back', '2026-12-01T10:00:00Z', 'Europe/London', '2026-12-02T00:00:00.000Z'],
    ['give_back', '2026-12-01T10:00:00Z', 'Asia/Shanghai', '2026-12-01T16:00:00.000Z'],
    ['give_back', '2026-12-01T03:00:00Z', 'America/New_York', '2026-12-01T05:00:00.000Z'],
  ] as const)('%s at %s in %s: hidden until %s', (kind, now, zone, until) => {
    expect(releaseHiddenUntil(kind, new Date(now), zone).toISOString()).toBe(until);
  });
});

describe('shouldExtendReservation', () => {
  const lease = 15 * 60_000;
  it.each([
    // minutes left, last extended (seconds ago, null = never), extend?
    [14, null, false], // more than half left
    [7.4, null, true],
    [5, 30, false], // extended 30 s ago
    [5, 61, true],
    [0, null, true], // lapsed: typing takes it back when nobody else has
    [-1, 20, false],
  ] as const)('%s min left, last extended %s s ago: %s', (left, ago, expected) => {
    const now = 1_000_000_000;
    expect(
      shouldExtendReservation({
        now,
        expiresAt: now + left * 60_000,
        leaseMs: lease,
        lastExtendedAt: ago === null ? null : now - ago * 1000,
      }),
    ).toBe(expected);
  });
});
