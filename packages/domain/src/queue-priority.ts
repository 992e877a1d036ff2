import { formatMoney } from './money.js';
import { localDate, localTime } from './dates.js';
import { daysUntilNextStage, type StageThresholds } from './stages.js';

/**
 * Queue priority with its explanation: every point an account scores comes with a reason the
 * collector can read ("promise of ¥500.00 due today", "rolls to M2 in 2 days").
 */

export interface QueueWeights {
  callbackDue: number;
  promiseDueToday: number;
  promiseBrokenRecently: number;
  rollsToNextStage: number;
  balancePerLog10: number;
  perDaySinceContact: number;
  maxDaysSinceContact: number;
  bestTimeToCall: number;
  /** An account attempted this recently waits before it is offered again (unless a callback is due). */
  retryAfterMinutes: number;
}

export const DEFAULT_QUEUE_WEIGHTS: QueueWeights = {
  callbackDue: 1000,
  promiseDueToday: 500,
  promiseBrokenRecently: 400,
  rollsToNextStage: 200,
  balancePerLog10: 15,
  perDaySinceContact: 5,
  maxDaysSinceContact: 20,
  bestTimeToCall: 50,
  retryAfterMinutes: 120,
};

/**
 * Workflow rule, not compliance: an account just worked is not served again straight away.
 * Returns the hold (with when it ends) or null.
 */
export function retryHold(lastAttemptAt: Date | null, now: Date, w: QueueWeights = DEFAULT_QUEUE_WEIGHTS) {
  if (!lastAttemptAt) return null;
  const until = new Date(lastAttemptAt.getTime() + w.retryAfterMinutes * 60_000);
  if (until.getTime() <= now.getTime()) return null;
  return {
    code: 'recently_attempted' as const,
    message: `Worked ${Math.max(1, Math.round((now.getTime() - lastAttemptAt.getTime()) / 60_000))} minutes ago; back in the queue in ${Math.ceil((until.getTime() - now.getTime()) / 60_000)} minutes`,
    params: { minutes: w.retryAfterMinutes },
    until,
    overridable: false,
  };
}

export interface QueuePromise {
  amountMinor: number;
  currency: string;
  dueDate: string;
  status: 'pending' | 'kept' | 'partly_kept' | 'broken' | 'cancelled' | 'superseded';
  /** When it was judged broken, for "broken yesterday". */
  statusChangedAt: Date;
}

export interface QueueCandidate {
  now: Date;
  customerTimeZone: string;
  daysPastDue: number;
  thresholds: StageThresholds;
  balanceMinor: number;
  currency: string;
  promises: QueuePromise[];
  callbackDueAt: Date | null;
  lastContactAt: Date | null;
  /** Local hours (0-23) at which the customer was reached before. */
  bestHours: number[];
}

export type QueueReasonCode =
  | 'callback_due'
  | 'promise_due_today'
  | 'promise_broken'
  | 'rolls_to_next_stage'
  | 'balance'
  | 'days_since_contact'
  | 'never_contacted'
  | 'best_time_to_call';

export interface QueueReason {
  code: QueueReasonCode;
  message: string;
  params: Record<string, string | number>;
  points: number;
}

const DAY = 86_400_000;

export function queuePriority(
  c: QueueCandidate,
  w: QueueWeights = DEFAULT_QUEUE_WEIGHTS,
): { priority: number; reasons: QueueReason[] } {
  const reasons: QueueReason[] = [];
  const today = localDate(c.now, c.customerTimeZone);
  const money = (amountMinor: number, currency: string) => formatMoney({ amountMinor, currency }, 'en');

  if (c.callbackDueAt && c.callbackDueAt.getTime() <= c.now.getTime() + 15 * 60_000) {
    reasons.push({
      code: 'callback_due',
      message: 'Callback the customer asked for is due now',
      params: { dueAt: c.callbackDueAt.toISOString() },
      points: w.callbackDue,
    });
  }
  for (const p of c.promises) {
    if (p.status === 'pending' && p.dueDate === today) {
      const amount = money(p.amountMinor, p.currency);
      reasons.push({
        code: 'promise_due_today',
        message: `Promise of ${amount} due today`,
        params: { amount, amountMinor: p.amountMinor, currency: p.currency },
        points: w.promiseDueToday,
      });
    }
    if (p.status === 'broken' && c.now.getTime() - p.statusChangedAt.getTime() <= 2 * DAY) {
      const amount = money(p.amountMinor, p.currency);
      reasons.push({
        code: 'promise_broken',
        message: `Promise of ${amount} due ${p.dueDate} was broken`,
        params: { amount, amountMinor: p.amountMinor, currency: p.currency, dueDate: p.dueDate },
        points: w.promiseBrokenRecently,
      });
    }
  }
  const roll = daysUntilNextStage(c.daysPastDue, c.thresholds);
  if (roll && c.daysPastDue > 0 && roll.days <= 3) {
    reasons.push({
      code: 'rolls_to_next_stage',
      message: `Rolls to ${roll.next.toUpperCase().replace('_PLUS', '+')} in ${roll.days} day${roll.days === 1 ? '' : 's'}`,
      params: { stage: roll.next, days: roll.days },
      points: Math.round((w.rollsToNextStage * (4 - roll.days)) / 3),
    });
  }
  if (c.balanceMinor > 0) {
    const points = Math.round(Math.log10(Math.max(1, c.balanceMinor / 100)) * w.balancePerLog10);
    const amount = money(c.balanceMinor, c.currency);
    reasons.push({
      code: 'balance',
      message: `Balance ${amount}`,
      params: { amount, amountMinor: c.balanceMinor, currency: c.currency },
      points,
    });
  }
  if (c.lastContactAt) {
    const days = Math.floor((c.now.getTime() - c.lastContactAt.getTime()) / DAY);
    if (days > 0) {
      reasons.push({
        code: 'days_since_contact',
        message: `Last attempt ${days} day${days === 1 ? '' : 's'} ago`,
        params: { days },
        points: Math.min(days, w.maxDaysSinceContact) * w.perDaySinceContact,
      });
    }
  } else {
    reasons.push({
      code: 'never_contacted',
      message: 'Never contacted',
      params: {},
      points: w.maxDaysSinceContact * w.perDaySinceContact,
    });
  }
  const hour = Number(localTime(c.now, c.customerTimeZone).slice(0, 2));
  if (c.bestHours.includes(hour)) {
    reasons.push({
      code: 'best_time_to_call',
      message: `Usually reached around ${String(hour).padStart(2, '0')}:00`,
      params: { hour },
      points: w.bestTimeToCall,
    });
  }
  // A reason worth nothing (its weight set to 0 by policy) is not a reason.
  const scored = reasons.filter((r) => r.points > 0).sort((a, b) => b.points - a.points);
  return { priority: scored.reduce((n, r) => n + r.points, 0), reasons: scored };
}

/** The local hours at which the customer was reached most often (at most two). */
export function bestHoursToCall(successfulContacts: Date[], timeZone: string): number[] {
  const counts = new Map<number, number>();
  for (const at of successfulContacts) {
    const h = Number(localTime(at, timeZone).slice(0, 2));
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 2)
    .map(([h]) => h);
}

export type Willingness = 'keeps_promises' | 'mixed' | 'breaks_promises' | 'no_history';

/** Willingness judged from promise history: history is the best predictor of payment. */
export function willingnessFromHistory(statuses: QueuePromise['status'][]): {
  kept: number;
  partlyKept: number;
  broken: number;
  pending: number;
  assessment: Willingness;
} {
  const count = (s: QueuePromise['status']) => statuses.filter((x) => x === s).length;
  const kept = count('kept');
  const partlyKept = count('partly_kept');
  const broken = count('broken');
  const judged = kept + partlyKept + broken;
  const assessment: Willingness =
    judged === 0
      ? 'no_history'
      : kept / judged >= 0.7
        ? 'keeps_promises'
        : broken / judged >= 0.5
          ? 'breaks_promises'
          : 'mixed';
  return { kept, partlyKept, broken, pending: count('pending'), assessment };
}
