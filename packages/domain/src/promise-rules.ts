import { calendarDaysBetween, type IsoDate } from './dates.js';
import { localTime } from './dates.js';
import type { PromiseRulesPolicy } from './policies.js';
import type { FieldProblemInput } from '@crm/contracts';

/**
 * A problem with one field of a request: a code with params (translated in the web, ADR 033) and
 * the English message. The code is `invalid` where none is given.
 */
export type FieldProblem = FieldProblemInput;

export interface PromiseCheckContext {
  /** The customer's calendar day today. */
  today: IsoDate;
  rules: PromiseRulesPolicy;
  balanceMinor: number;
}

/** Problems with a single promise to pay (amount and date against policy). */
export function promiseProblems(
  p: { amountMinor: number; dueDate: IsoDate },
  ctx: PromiseCheckContext,
  field = 'promise',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (p.amountMinor <= 0)
    problems.push({ field: `${field}.amountMinor`, code: 'must_be_positive', message: 'must be more than zero' });
  else if (p.amountMinor < ctx.rules.minAmountMinor)
    problems.push({
      field: `${field}.amountMinor`,
      code: 'below_minimum',
      params: { min: ctx.rules.minAmountMinor },
      message: `must be at least ${ctx.rules.minAmountMinor} (minor units) under the promise policy`,
    });
  if (p.amountMinor > ctx.balanceMinor)
    problems.push({
      field: `${field}.amountMinor`,
      code: 'more_than_balance',
      params: { max: ctx.balanceMinor },
      message: 'is more than the account balance',
    });
  const days = calendarDaysBetween(ctx.today, p.dueDate);
  if (Number.isNaN(days))
    problems.push({ field: `${field}.dueDate`, code: 'invalid_date', message: 'is not a real date' });
  else if (days < 0)
    problems.push({
      field: `${field}.dueDate`,
      code: 'in_the_past',
      params: { today: ctx.today },
      message: `is in the past (today is ${ctx.today} for the customer)`,
    });
  else if (days > ctx.rules.maxHorizonDays)
    problems.push({
      field: `${field}.dueDate`,
      code: 'too_far_ahead',
      params: { days: ctx.rules.maxHorizonDays },
      message: `is more than ${ctx.rules.maxHorizonDays} days away; agree an earlier date or a payment plan`,
    });
  return problems;
}

/** Problems with a payment plan: each instalment, their order, and the total. */
export function planProblems(
  plan: { amountMinor: number; dueDate: IsoDate }[],
  ctx: PromiseCheckContext,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  plan.forEach((instalment, i) => {
    const field = `plan.${i}`;
    if (instalment.amountMinor <= 0)
      problems.push({ field: `${field}.amountMinor`, code: 'must_be_positive', message: 'must be more than zero' });
    else if (instalment.amountMinor < ctx.rules.minAmountMinor)
      problems.push({
        field: `${field}.amountMinor`,
        code: 'below_minimum',
        params: { min: ctx.rules.minAmountMinor },
        message: `must be at least ${ctx.rules.minAmountMinor} (minor units)`,
      });
    if (i === 0) {
      const days = calendarDaysBetween(ctx.today, instalment.dueDate);
      if (days < 0)
        problems.push({
          field: `${field}.dueDate`,
          code: 'in_the_past',
          params: { today: ctx.today },
          message: `is in the past (today is ${ctx.today} for the customer)`,
        });
      else if (days > ctx.rules.maxHorizonDays)
        problems.push({
          field: `${field}.dueDate`,
          code: 'too_far_ahead',
          params: { days: ctx.rules.maxHorizonDays },
          message: `the first instalment must fall within ${ctx.rules.maxHorizonDays} days`,
        });
    } else if (calendarDaysBetween(plan[i - 1]!.dueDate, instalment.dueDate) <= 0) {
      problems.push({
        field: `${field}.dueDate`,
        code: 'not_after_previous',
        message: 'must be after the previous instalment',
      });
    }
  });
  const total = plan.reduce((n, x) => n + x.amountMinor, 0);
  if (total > ctx.balanceMinor)
    problems.push({
      field: 'plan',
      code: 'more_than_balance',
      params: { max: ctx.balanceMinor },
      message: 'total exceeds the account balance',
    });
  return problems;
}

/**
 * What the customer says they paid ("I already paid"): an amount, and a day that has already
 * come in their calendar.
 */
export function claimedPaymentProblems(
  claim: { amountMinor: number; paidAt: IsoDate },
  today: IsoDate,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (claim.amountMinor <= 0)
    problems.push({ field: 'claimedPayment.amountMinor', code: 'must_be_positive', message: 'must be more than zero' });
  if (calendarDaysBetween(today, claim.paidAt) > 0)
    problems.push({
      field: 'claimedPayment.paidAt',
      code: 'in_the_future',
      params: { today },
      message: `is in the future (today is ${today} for the customer)`,
    });
  return problems;
}

/**
 * A callback time must be in the future, no further ahead than a promise may be (the promise
 * policy's horizon), and inside the calling window in every customer zone.
 */
export function callbackProblems(
  at: Date,
  now: Date,
  zones: string[],
  window: { start: string; end: string },
  maxHorizonDays: number,
): FieldProblem[] {
  if (at.getTime() <= now.getTime())
    return [{ field: 'callbackAt', code: 'in_the_past', message: 'must be in the future' }];
  if (at.getTime() - now.getTime() > maxHorizonDays * 86_400_000)
    return [
      {
        field: 'callbackAt',
        code: 'too_far_ahead',
        params: { days: maxHorizonDays },
        message: `is more than ${maxHorizonDays} days away`,
      },
    ];
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const outside = zones.filter((z) => {
    const m = toMinutes(localTime(at, z));
    return m < toMinutes(window.start) || m >= toMinutes(window.end);
  });
  if (outside.length > 0) {
    return [
      {
        field: 'callbackAt',
        code: 'outside_calling_window',
        params: { start: window.start, end: window.end, zones: outside.join(', ') },
        message: `is outside the calling window (${window.start}-${window.end}) in the customer's time zone: ${outside.map((z) => `${localTime(at, z)} ${z}`).join(', ')}`,
      },
    ];
  }
  return [];
}
