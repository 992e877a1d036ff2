import { describe, expect, it } from 'vitest';
import {
  bestHoursToCall,
  DEFAULT_QUEUE_WEIGHTS,
  queuePriority,
  retryHold,
  willingnessFromHistory,
  type QueueCandidate,
} from './queue-priority.js';
import { DEFAULT_STAGE_THRESHOLDS } from './stages.js';

const base: QueueCandidate = {
  now: new Date('2026-11-22T02:00:00Z'), // 10:00 in Shanghai
  customerTimeZone: 'Asia/Shanghai',
  daysPastDue: 10,
  thresholds: DEFAULT_STAGE_THRESHOLDS,
  balanceMinor: 100_000,
  currency: 'CNY',
  promises: [],
  callbackDueAt: null,
  lastContactAt: new Date('2026-11-21T02:00:00Z'),
  bestHours: [],
};

describe('queuePriority', () => {
  it('explains a promise due today in the customer’s calendar, with the amount in its currency', () => {
    const p = queuePriority({
      ...base,
      promises: [
        { amountMinor: 50_000, currency: 'CNY', dueDate: '2026-11-22', status: 'pending', statusChangedAt: base.now },
      ],
    });
    expect(p.reasons[0]).toMatchObject({ code: 'promise_due_today', message: 'Promise of CN¥500.00 due today' });
  });

  it('ranks callbacks due, then promises due, then broken promises, above ordinary accounts', () => {
    const callback = queuePriority({ ...base, callbackDueAt: new Date('2026-11-22T02:05:00Z') }).priority;
    const due = queuePriority({
      ...base,
      promises: [
        { amountMinor: 1, currency: 'CNY', dueDate: '2026-11-22', status: 'pending', statusChangedAt: base.now },
      ],
    }).priority;
    const broken = queuePriority({
      ...base,
      promises: [
        {
          amountMinor: 1,
          currency: 'CNY',
          dueDate: '2026-11-18',
          status: 'broken',
          statusChangedAt: new Date('2026-11-21T16:00:00Z'),
        },
      ],
    }).priority;
    const plain = queuePriority(base).priority;
    expect(callback).toBeGreaterThan(due);
    expect(due).toBeGreaterThan(broken);
    expect(broken).toBeGreaterThan(plain);
  });

  it('says when an account is about to roll into the next stage', () => {
    const p = queuePriority({ ...base, daysPastDue: 28 });
    expect(p.reasons.find((r) => r.code === 'rolls_to_next_stage')).toMatchObject({
      message: 'Rolls to M2 in 3 days',
      params: { stage: 'm2', days: 3 },
    });
    expect(queuePriority({ ...base, daysPastDue: 20 }).reasons.some((r) => r.code === 'rolls_to_next_stage')).toBe(
      false,
    );
    expect(queuePriority({ ...base, daysPastDue: 30 }).priority).toBeGreaterThan(
      queuePriority({ ...base, daysPastDue: 28 }).priority,
    );
  });

  it('favours accounts not contacted for longer, and never-contacted ones', () => {
    const older = queuePriority({ ...base, lastContactAt: new Date('2026-11-12T02:00:00Z') });
    expect(older.priority).toBeGreaterThan(queuePriority(base).priority);
    expect(queuePriority({ ...base, lastContactAt: null }).reasons.some((r) => r.code === 'never_contacted')).toBe(
      true,
    );
  });

  it('gives points for the customer’s usual hour', () => {
    const p = queuePriority({ ...base, bestHours: [10] });
    expect(p.reasons.some((r) => r.code === 'best_time_to_call')).toBe(true);
  });

  it('scores with the weights in force: a weight of 0 drops its reason, a heavier one reorders accounts', () => {
    const promised = {
      ...base,
      promises: [
        {
          amountMinor: 1,
          currency: 'CNY',
          dueDate: '2026-11-22',
          status: 'pending' as const,
          statusChangedAt: base.now,
        },
      ],
    };
    const rolling = { ...base, daysPastDue: 30 };
    expect(queuePriority(promised).priority).toBeGreaterThan(queuePriority(rolling).priority);
    const weights = { ...DEFAULT_QUEUE_WEIGHTS, promiseDueToday: 0, rollsToNextStage: 900 };
    expect(queuePriority(promised, weights).reasons.map((r) => r.code)).not.toContain('promise_due_today');
    expect(queuePriority(rolling, weights).reasons[0]).toMatchObject({ code: 'rolls_to_next_stage', points: 900 });
    expect(queuePriority(rolling, weights).priority).toBeGreaterThan(queuePriority(promised, weights).priority);
    // The priority is always the sum of the reasons shown.
    const p = queuePriority(rolling, weights);
    expect(p.priority).toBe(p.reasons.reduce((n, r) => n + r.points, 0));
  });
});

describe('bestHoursToCall', () => {
  it('returns the local hours with most successful contacts', () => {
    const at = (iso: string) => new Date(iso);
    // 19:xx Shanghai twice, 12:xx once.
    expect(
      bestHoursToCall(
        [at('2026-11-01T11:10:00Z'), at('2026-11-05T11:40:00Z'), at('2026-11-07T04:00:00Z')],
        'Asia/Shanghai',
      ),
    ).toEqual([19, 12]);
  });
});

describe('willingnessFromHistory', () => {
  it('judges from kept and broken promises only', () => {
    expect(willingnessFromHistory([]).assessment).toBe('no_history');
    expect(willingnessFromHistory(['kept', 'kept', 'kept', 'broken', 'pending'])).toEqual({
      kept: 3,
      partlyKept: 0,
      broken: 1,
      pending: 1,
      assessment: 'keeps_promises',
    });
    expect(willingnessFromHistory(['broken', 'broken', 'kept']).assessment).toBe('breaks_promises');
    expect(willingnessFromHistory(['kept', 'partly_kept', 'broken']).assessment).toBe('mixed');
  });
});

describe('retryHold', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  it('holds an account worked in the last two hours until two hours after the attempt', () => {
    expect(retryHold(new Date('2026-11-22T09:30:00Z'), now)).toMatchObject({
      code: 'recently_attempted',
      until: new Date('2026-11-22T11:30:00Z'),
    });
    expect(retryHold(new Date('2026-11-22T08:00:00Z'), now)).toBeNull();
    expect(retryHold(null, now)).toBeNull();
  });

  it('uses the retry interval in force; 0 serves an account again at once', () => {
    const w = { ...DEFAULT_QUEUE_WEIGHTS, retryAfterMinutes: 45 };
    expect(retryHold(new Date('2026-11-22T09:30:00Z'), now, w)).toMatchObject({
      until: new Date('2026-11-22T10:15:00Z'),
      params: { minutes: 45 },
    });
    expect(retryHold(new Date('2026-11-22T09:59:00Z'), now, { ...w, retryAfterMinutes: 0 })).toBeNull();
  });
});
