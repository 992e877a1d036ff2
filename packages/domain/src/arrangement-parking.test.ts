import { describe, expect, it } from 'vitest';
import { arrangementParking, parkingHold, type ParkingPromise } from './arrangement-parking.js';

const made = new Date('2026-11-20T10:00:00Z');
const p = (status: ParkingPromise['status'], dueDate: string, extra: Partial<ParkingPromise> = {}): ParkingPromise => ({
  status,
  dueDate,
  amountMinor: 120_000,
  currency: 'CNY',
  createdAt: made,
  statusChangedAt: made,
  ...extra,
});
const brokenAt = (at: string) =>
  p('broken', '2026-11-18', { statusChangedAt: new Date(at), createdAt: new Date('2026-11-01') });

describe('arrangement parking', () => {
  it.each<[string, ParkingPromise[], boolean, string | null]>([
    ['no promise: offered', [], false, null],
    ['pending due in 3 days: parked until then', [p('pending', '2026-11-23')], false, '2026-11-23'],
    ['pending due today: back (promise due today)', [p('pending', '2026-11-20')], false, null],
    ['pending overdue, inside grace: back', [p('pending', '2026-11-18')], false, null],
    ['pending due in 3 days with a callback due: offered', [p('pending', '2026-11-23')], true, null],
    [
      'plan: the next instalment decides',
      [p('pending', '2026-12-20'), p('pending', '2026-11-27')],
      false,
      '2026-11-27',
    ],
    ['plan with one instalment due today: back', [p('pending', '2026-12-20'), p('pending', '2026-11-20')], false, null],
    [
      'a promise broken after the arrangement was made: back',
      [p('pending', '2026-11-27'), brokenAt('2026-11-20T12:00:00Z')],
      false,
      null,
    ],
    [
      'a promise broken before the arrangement (superseded by it): parked',
      [p('pending', '2026-11-27'), brokenAt('2026-11-19T12:00:00Z')],
      false,
      '2026-11-27',
    ],
    [
      'only judged promises: offered',
      [p('kept', '2026-11-27'), p('cancelled', '2026-11-30'), p('superseded', '2026-11-29')],
      false,
      null,
    ],
  ])('%s', (_, promises, callbackDue, until) => {
    expect(arrangementParking({ promises, today: '2026-11-20', callbackDue })?.dueDate ?? null).toBe(until);
  });

  it.each([
    ['Asia/Shanghai', '2026-11-22T16:00:00.000Z'],
    ['America/New_York', '2026-11-23T05:00:00.000Z'],
  ])('the hold ends when the due day begins in the customer’s zone (%s)', (zone, until) => {
    const hold = parkingHold(p('pending', '2026-11-23'), zone);
    expect(hold.until.toISOString()).toBe(until);
    expect(hold).toMatchObject({ code: 'parked_until_due', params: { dueDate: '2026-11-23', amountMinor: 120_000 } });
  });
});
