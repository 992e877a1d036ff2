import { describe, expect, it } from 'vitest';
import {
  assumedReceiptDate,
  isUsMailingDayExcluded,
  usLegalPublicHolidays,
  validationDaysLeft,
  validationPeriod,
} from './validation-period.js';

describe('legal public holidays (5 U.S.C. 6103(a))', () => {
  it.each([
    [
      2026,
      [
        '2026-01-01',
        '2026-01-19',
        '2026-02-16',
        '2026-05-25',
        '2026-06-19',
        '2026-07-04',
        '2026-09-07',
        '2026-10-12',
        '2026-11-11',
        '2026-11-26',
        '2026-12-25',
      ],
    ],
    [
      2027,
      [
        '2027-01-01',
        '2027-01-18',
        '2027-02-15',
        '2027-05-31',
        '2027-06-19',
        '2027-07-04',
        '2027-09-06',
        '2027-10-11',
        '2027-11-11',
        '2027-11-25',
        '2027-12-25',
      ],
    ],
  ])('%i', (year, days) => {
    expect(usLegalPublicHolidays(year)).toEqual(days);
  });

  it.each([
    ['2026-12-05', true], // Saturday
    ['2026-12-06', true], // Sunday
    ['2026-12-07', false], // Monday
    ['2026-11-26', true], // Thanksgiving (Thursday)
    ['2026-12-25', true], // Christmas (Friday)
    ['2026-07-03', false], // the Friday off for federal staff (6103(b)) is not a 6103(a) holiday
  ])('%s excluded: %s', (day, excluded) => {
    expect(isUsMailingDayExcluded(day)).toBe(excluded);
  });
});

describe('assumed receipt: up to five days after sending, excluding holidays, Saturdays and Sundays (1006.34(b)(5))', () => {
  it.each([
    ['Monday, plain week', '2026-12-07', '2026-12-14'],
    ['Tuesday', '2026-12-01', '2026-12-08'],
    ['Friday', '2026-12-04', '2026-12-11'],
    ['sent on a Saturday', '2026-12-05', '2026-12-11'],
    ['across Thanksgiving', '2026-11-23', '2026-12-01'],
    ['across Christmas and New Year', '2026-12-22', '2026-12-30'],
    ['across New Year (Friday)', '2026-12-28', '2027-01-05'],
    ['across Martin Luther King day', '2027-01-14', '2027-01-22'],
    ['across Labor Day', '2026-09-03', '2026-09-11'],
  ])('%s: sent %s, received %s', (_, sent, received) => {
    expect(assumedReceiptDate(sent)).toBe(received);
  });
});

describe('the validation period ends 30 days after the assumed receipt', () => {
  it.each([
    // sentAt instant, customer zone, sent on (local), receipt, ends on
    ['2026-12-01T15:00:00Z', 'America/New_York', '2026-12-01', '2026-12-08', '2027-01-07'],
    // 02:00 UTC on the 2nd is still the 1st in Honolulu
    ['2026-12-02T02:00:00Z', 'Pacific/Honolulu', '2026-12-01', '2026-12-08', '2027-01-07'],
    ['2026-12-02T02:00:00Z', 'America/New_York', '2026-12-01', '2026-12-08', '2027-01-07'],
    ['2026-12-02T06:00:00Z', 'America/New_York', '2026-12-02', '2026-12-09', '2027-01-08'],
    ['2026-11-20T18:00:00Z', 'America/Chicago', '2026-11-20', '2026-11-30', '2026-12-30'],
  ])('sent %s in %s', (sentAt, zone, sentOn, receipt, ends) => {
    expect(validationPeriod(new Date(sentAt), zone)).toEqual({ sentOn, assumedReceiptOn: receipt, endsOn: ends });
  });

  it.each([
    ['2027-01-01', 6],
    ['2027-01-07', 0],
    ['2027-01-08', -1],
    ['2026-12-01', 37],
  ])('days left on %s: %i', (today, left) => {
    expect(validationDaysLeft({ endsOn: '2027-01-07' }, today)).toBe(left);
  });
});
