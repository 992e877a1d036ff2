import { describe, expect, it } from 'vitest';
import { missedInstalments, daysPastDue, daysUntilNextStage, stageFor } from './stages.js';

describe('daysPastDue', () => {
  it('is 0 when nothing is due', () => {
    expect(daysPastDue(null, '2026-11-22')).toBe(0);
  });
  it('is 0 on the due date and before it', () => {
    expect(daysPastDue('2026-11-22', '2026-11-22')).toBe(0);
    expect(daysPastDue('2026-11-30', '2026-11-22')).toBe(0);
  });
  it('counts calendar days after the due date', () => {
    expect(daysPastDue('2026-11-21', '2026-11-22')).toBe(1);
    expect(daysPastDue('2026-10-23', '2026-11-22')).toBe(30);
  });
  it('counts across a leap day and a year end', () => {
    expect(daysPastDue('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysPastDue('2026-12-31', '2027-01-01')).toBe(1);
  });
});

describe('stageFor with the default thresholds', () => {
  it.each([
    [0, 'pre_due'],
    [1, 'm1'],
    [30, 'm1'],
    [31, 'm2'],
    [60, 'm2'],
    [61, 'm3'],
    [90, 'm3'],
    [91, 'm4_plus'],
    [400, 'm4_plus'],
  ] as const)('%i DPD is %s', (dpd, stage) => {
    expect(stageFor(dpd)).toBe(stage);
  });
});

describe('stageFor with edited thresholds', () => {
  it('follows the policy, not constants', () => {
    const t = { preDueMaxDpd: 5, m1MaxDpd: 29, m2MaxDpd: 59, m3MaxDpd: 89 };
    expect(stageFor(5, t)).toBe('pre_due');
    expect(stageFor(6, t)).toBe('m1');
    expect(stageFor(30, t)).toBe('m2');
    expect(stageFor(90, t)).toBe('m4_plus');
  });
});

describe('daysUntilNextStage', () => {
  it('counts the days until the account rolls', () => {
    expect(daysUntilNextStage(28)).toEqual({ next: 'm2', days: 3 });
    expect(daysUntilNextStage(30)).toEqual({ next: 'm2', days: 1 });
    expect(daysUntilNextStage(0)).toEqual({ next: 'm1', days: 1 });
  });
  it('is null in the last stage', () => {
    expect(daysUntilNextStage(120)).toBeNull();
  });
});

describe('missedInstalments', () => {
  it('counts the oldest unpaid instalment and every monthly due date after it that has passed', () => {
    expect(missedInstalments(null, '2026-11-22')).toBe(0);
    expect(missedInstalments('2026-11-22', '2026-11-22')).toBe(0);
    expect(missedInstalments('2026-11-21', '2026-11-22')).toBe(1);
    expect(missedInstalments('2026-10-22', '2026-11-22')).toBe(1);
    expect(missedInstalments('2026-10-21', '2026-11-22')).toBe(2);
    expect(missedInstalments('2026-08-15', '2026-11-22')).toBe(4);
  });
  it('handles month ends (Jan 31 -> Feb 28)', () => {
    expect(missedInstalments('2026-01-31', '2026-02-28')).toBe(1);
    expect(missedInstalments('2026-01-31', '2026-03-01')).toBe(2);
  });
});
