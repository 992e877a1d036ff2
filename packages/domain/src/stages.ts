import { STAGES, type Stage } from '@crm/contracts';
import { addMonths, parseISO } from 'date-fns';
import { calendarDaysBetween, type IsoDate } from './dates.js';

export type StageCode = Stage;

/**
 * Stage thresholds are policy (admins edit them): each bucket's highest days past due, in
 * order. The last stage has no upper bound. Default: pre-due <= 0, M1 1-30, M2 31-60,
 * M3 61-90, M4+ from 91.
 */
export interface StageThresholds {
  preDueMaxDpd: number;
  m1MaxDpd: number;
  m2MaxDpd: number;
  m3MaxDpd: number;
}

export const DEFAULT_STAGE_THRESHOLDS: StageThresholds = {
  preDueMaxDpd: 0,
  m1MaxDpd: 30,
  m2MaxDpd: 60,
  m3MaxDpd: 90,
};

/**
 * Days past due on `today` of an account whose oldest unpaid instalment fell due on
 * `oldestUnpaidDueDate`. Nothing due, or due today or later, is 0.
 */
export function daysPastDue(oldestUnpaidDueDate: IsoDate | null, today: IsoDate): number {
  if (oldestUnpaidDueDate === null) return 0;
  return Math.max(0, calendarDaysBetween(oldestUnpaidDueDate, today));
}

export function stageFor(dpd: number, thresholds: StageThresholds = DEFAULT_STAGE_THRESHOLDS): StageCode {
  if (dpd <= thresholds.preDueMaxDpd) return 'pre_due';
  if (dpd <= thresholds.m1MaxDpd) return 'm1';
  if (dpd <= thresholds.m2MaxDpd) return 'm2';
  if (dpd <= thresholds.m3MaxDpd) return 'm3';
  return 'm4_plus';
}

/**
 * Days until the account rolls into the next stage if nothing is paid, or null in the last
 * stage. "Rolls to M2 in 2 days" is a reason to call now.
 */
export function daysUntilNextStage(
  dpd: number,
  thresholds: StageThresholds = DEFAULT_STAGE_THRESHOLDS,
): { next: StageCode; days: number } | null {
  const stage = stageFor(dpd, thresholds);
  const upper: Record<StageCode, number | null> = {
    pre_due: thresholds.preDueMaxDpd,
    m1: thresholds.m1MaxDpd,
    m2: thresholds.m2MaxDpd,
    m3: thresholds.m3MaxDpd,
    m4_plus: null,
  };
  const max = upper[stage];
  if (max === null) return null;
  const next = STAGES[STAGES.indexOf(stage) + 1]!;
  return { next, days: max + 1 - dpd };
}

/**
 * Monthly instalments missed on `today` when the oldest unpaid one fell due on
 * `oldestUnpaidDueDate` (期数): that one and every monthly due date after it up to today.
 * Due today is not yet missed.
 */
export function missedInstalments(oldestUnpaidDueDate: IsoDate | null, today: IsoDate): number {
  if (oldestUnpaidDueDate === null || calendarDaysBetween(oldestUnpaidDueDate, today) <= 0) return 0;
  const first = parseISO(oldestUnpaidDueDate);
  let count = 0;
  while (calendarDaysBetween(addMonths(first, count).toISOString().slice(0, 10), today) > 0 && count < 1200) count++;
  return count;
}
