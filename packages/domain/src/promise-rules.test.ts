import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMISE_RULES } from './policies.js';
import { callbackProblems, claimedPaymentProblems, planProblems, promiseProblems } from './promise-rules.js';

const ctx = { today: '2026-11-22', rules: DEFAULT_PROMISE_RULES, balanceMinor: 100_000 };

describe('promiseProblems', () => {
  it('accepts a promise for today up to the horizon', () => {
    expect(promiseProblems({ amountMinor: 50_000, dueDate: '2026-11-22' }, ctx)).toEqual([]);
    expect(promiseProblems({ amountMinor: 50_000, dueDate: '2026-12-22' }, ctx)).toEqual([]);
  });
  it('names the field and the rule', () => {
    expect(promiseProblems({ amountMinor: 0, dueDate: '2026-11-21' }, ctx)).toEqual([
      { field: 'promise.amountMinor', code: 'must_be_positive', message: 'must be more than zero' },
      {
        field: 'promise.dueDate',
        code: 'in_the_past',
        params: { today: '2026-11-22' },
        message: 'is in the past (today is 2026-11-22 for the customer)',
      },
    ]);
    expect(promiseProblems({ amountMinor: 50, dueDate: '2026-12-23' }, ctx).map((p) => p.message)).toEqual([
      'must be at least 100 (minor units) under the promise policy',
      'is more than 30 days away; agree an earlier date or a payment plan',
    ]);
    expect(promiseProblems({ amountMinor: 100_001, dueDate: '2026-11-23' }, ctx)[0]!.message).toBe(
      'is more than the account balance',
    );
  });
});

describe('planProblems', () => {
  it('accepts increasing dates within the balance', () => {
    expect(
      planProblems(
        [
          { amountMinor: 30_000, dueDate: '2026-11-30' },
          { amountMinor: 30_000, dueDate: '2026-12-30' },
        ],
        ctx,
      ),
    ).toEqual([]);
  });
  it('refuses dates out of order and a total above the balance', () => {
    expect(
      planProblems(
        [
          { amountMinor: 60_000, dueDate: '2026-12-01' },
          { amountMinor: 60_000, dueDate: '2026-12-01' },
        ],
        ctx,
      ),
    ).toEqual([
      { field: 'plan.1.dueDate', code: 'not_after_previous', message: 'must be after the previous instalment' },
      {
        field: 'plan',
        code: 'more_than_balance',
        params: { max: 100_000 },
        message: 'total exceeds the account balance',
      },
    ]);
  });
});

describe('callbackProblems', () => {
  const window = { start: '08:00', end: '21:00' };
  const now = new Date('2026-11-22T12:00:00Z');
  it('accepts a future time inside the window', () => {
    expect(callbackProblems(new Date('2026-11-22T20:00:00Z'), now, ['America/New_York'], window, 60)).toEqual([]); // 15:00 NY
  });
  it('refuses the past and times outside the window in any customer zone', () => {
    expect(callbackProblems(new Date('2026-11-22T11:00:00Z'), now, ['America/New_York'], window, 60)[0]!.message).toBe(
      'must be in the future',
    );
    expect(
      callbackProblems(new Date('2026-11-23T02:30:00Z'), now, ['America/New_York'], window, 60)[0]!.message,
    ).toContain('21:30 America/New_York');
  });
  it('refuses a time further ahead than the promise horizon', () => {
    expect(callbackProblems(new Date('2999-12-31T15:00:00Z'), now, ['America/New_York'], window, 60)).toEqual([
      { field: 'callbackAt', code: 'too_far_ahead', params: { days: 60 }, message: 'is more than 60 days away' },
    ]);
  });
});

describe('claimedPaymentProblems', () => {
  it('needs an amount and a day that has come in the customer’s calendar', () => {
    expect(claimedPaymentProblems({ amountMinor: 5_000, paidAt: '2026-11-20' }, '2026-11-20')).toEqual([]);
    expect(claimedPaymentProblems({ amountMinor: 0, paidAt: '2026-11-21' }, '2026-11-20')).toEqual([
      { field: 'claimedPayment.amountMinor', code: 'must_be_positive', message: 'must be more than zero' },
      {
        field: 'claimedPayment.paidAt',
        code: 'in_the_future',
        params: { today: '2026-11-20' },
        message: 'is in the future (today is 2026-11-20 for the customer)',
      },
    ]);
    expect(claimedPaymentProblems({ amountMinor: -1, paidAt: '2999-12-31' }, '2026-11-20')).toHaveLength(2);
  });
});
