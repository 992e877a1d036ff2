import { describe, expect, it } from 'vitest';
import { callbacksTodayWindow, phoneNumbersMatch, phoneSearchKey } from './callbacks-today.js';

describe('callbacks today window', () => {
  it.each([
    // now (UTC), collector zone, from, to
    ['2026-12-01T10:00:00Z', 'Europe/London', '2026-11-30T22:00:00.000Z', '2026-12-02T00:00:00.000Z'],
    ['2026-12-01T10:00:00Z', 'Asia/Shanghai', '2026-11-30T22:00:00.000Z', '2026-12-01T16:00:00.000Z'],
    ['2026-12-01T17:00:00Z', 'Asia/Shanghai', '2026-12-01T05:00:00.000Z', '2026-12-02T16:00:00.000Z'],
    ['2026-12-01T03:00:00Z', 'America/New_York', '2026-11-30T15:00:00.000Z', '2026-12-01T05:00:00.000Z'],
  ])('at %s in %s: from %s to %s', (now, zone, from, to) => {
    const w = callbacksTodayWindow(new Date(now), zone);
    expect([w.from.toISOString(), w.to.toISOString()]).toEqual([from, to]);
  });
});

describe('phone search', () => {
  it.each([
    ['+44 20 7946 0958', '442079460958'],
    ['020 7946 0958', '2079460958'],
    ['(212) 555-0208', '2125550208'],
    ['0044 20 7946 0958', '442079460958'],
    ['+44 (0)20 7946 0958', '442079460958'],
    ['555-0208', null], // too few digits to be a whole number
    ['Wang Fang', null],
    ['ACC-1001', null],
  ])('%s has key %s', (text, key) => {
    expect(phoneSearchKey(text)).toBe(key);
  });

  it.each([
    ['+44 20 7946 0958', '020 7946 0958', true],
    ['020 7946 0958', '+44 (0)20 7946 0958', true], // the "(0)" trunk digit written inside
    ['020 7946 0958', '+44 20 7946 0958', true],
    ['+44 (0)20 7946 0958', '0044 20 7946 0958', true],
    ['+44 20 7946 0958', '+44 (0)20-7946-0958', true],
    ['+1 212 555 0208', '(212) 555-0208', true],
    ['+86 138 0013 8000', '13800138000', true],
    ['+86 138 0013 8000', '13800138001', false],
    ['+1 212 555 0208', '555-0208', false],
  ])('stored %s, searched %s: %s', (stored, searched, match) => {
    expect(phoneNumbersMatch(stored, searched)).toBe(match);
  });
});
