import { addDaysIso, localDate, type IsoDate } from './dates.js';

/**
 * Promise evaluation (issue 4): which payments count towards which promise, and whether each
 * promise was kept, partly kept or broken. Pure: the caller passes the account's promises and
 * payments, the customer's time zone, today's date for the customer and the grace days.
 *
 * Rules:
 * - A payment counts from the moment the promise was made, and only while the promise is open:
 *   up to the end of its due date plus the grace days, in the customer's calendar.
 * - Payments go to the earliest-due open promise first; what is left over flows to the next.
 * - Reversed payments count for nothing (the reversal cancels the original), so a reversal
 *   re-opens or breaks what the reversed payment had kept.
 * - kept: fully covered in time; partly_kept: some but not all arrived by the end of grace;
 *   broken: nothing arrived by then; pending: the grace period has not ended and it is not
 *   fully covered yet. Cancelled promises keep their status and take no payments.
 * - A judged outcome is final (issue 14, ADR 027): a promise stored as broken or partly kept, or
 *   as kept once its grace period has ended, keeps that status and its paid amount whatever
 *   arrives or is reversed later. It still absorbs, in the usual order, the money it was credited
 *   with (up to its stored paid amount), so that money is not counted again for a later promise;
 *   later money is simply collected. A kept promise whose grace has not ended is not yet final:
 *   a reversal of the payment that kept it re-opens it.
 * - Superseded (replaced by a newer promise or an amendment) behaves as cancelled.
 * - A plan is completed when every instalment is kept, broken as soon as one is broken or
 *   partly kept, active otherwise.
 */

export type EvaluatedStatus = 'pending' | 'kept' | 'partly_kept' | 'broken' | 'cancelled' | 'superseded';
/** Outcomes that a judgement produces; stored, they are final (see isFinal). */
export type JudgedStatus = 'kept' | 'partly_kept' | 'broken';

export interface PromiseToEvaluate {
  id: string;
  amountMinor: number;
  dueDate: IsoDate;
  createdAt: Date;
  /** Closed without judgement: cancelled (or, with `superseded`, replaced by a newer promise). */
  cancelled: boolean;
  superseded?: boolean;
  planId: string | null;
  /** The outcome already stored for it, if it was judged: final once isFinal says so. */
  judged?: { status: JudgedStatus; paidMinor: number } | null;
}

export interface PaymentToAllocate {
  id: string;
  amountMinor: number;
  paidAt: Date;
  /** Set on a reversal: the payment it reverses. */
  reversalOfId: string | null;
}

export interface PromiseEvaluation {
  id: string;
  status: EvaluatedStatus;
  allocatedMinor: number;
  allocations: { paymentId: string; amountMinor: number }[];
  /** Last day a payment counts (due date + grace), customer's calendar. */
  graceEnds: IsoDate;
}

export interface EvaluationInput {
  promises: PromiseToEvaluate[];
  payments: PaymentToAllocate[];
  timeZone: string;
  today: IsoDate;
  graceDays: number;
}

/** Whether a stored judgement is final: broken and partly kept always, kept once its grace period has ended. */
export function isFinal(judged: { status: JudgedStatus }, graceEnds: IsoDate, today: IsoDate): boolean {
  return judged.status !== 'kept' || today > graceEnds;
}

export function evaluatePromises(input: EvaluationInput): {
  promises: PromiseEvaluation[];
  plans: Map<string, 'active' | 'completed' | 'broken'>;
} {
  const reversed = new Set(input.payments.filter((p) => p.reversalOfId).map((p) => p.reversalOfId!));
  const effective = input.payments
    .filter((p) => !p.reversalOfId && !reversed.has(p.id) && p.amountMinor > 0)
    .sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime() || a.id.localeCompare(b.id));

  const open = input.promises
    .filter((p) => !p.cancelled && !p.superseded)
    .sort(
      (a, b) =>
        a.dueDate.localeCompare(b.dueDate) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
    );
  const state = new Map<string, PromiseEvaluation>(
    input.promises.map((p) => [
      p.id,
      {
        id: p.id,
        status: 'pending',
        allocatedMinor: 0,
        allocations: [],
        graceEnds: addDaysIso(p.dueDate, input.graceDays),
      },
    ]),
  );

  const graceEndsOf = (p: PromiseToEvaluate) => addDaysIso(p.dueDate, input.graceDays);
  const finalOf = (p: PromiseToEvaluate) =>
    p.judged && isFinal(p.judged, graceEndsOf(p), input.today) ? p.judged : null;
  /** What a promise can still take: a final one only what it was credited with. */
  const capacity = new Map(input.promises.map((p) => [p.id, finalOf(p)?.paidMinor ?? p.amountMinor]));

  for (const payment of effective) {
    let left = payment.amountMinor;
    const paidOn = localDate(payment.paidAt, input.timeZone);
    for (const promise of open) {
      if (left <= 0) break;
      const s = state.get(promise.id)!;
      const room = capacity.get(promise.id)! - s.allocatedMinor;
      if (room <= 0) continue;
      if (payment.paidAt.getTime() < promise.createdAt.getTime()) continue; // paid before it was promised
      if (paidOn > s.graceEnds) continue; // too late for this one
      const take = Math.min(room, left);
      s.allocatedMinor += take;
      s.allocations.push({ paymentId: payment.id, amountMinor: take });
      left -= take;
    }
  }

  for (const promise of input.promises) {
    const s = state.get(promise.id)!;
    const final = finalOf(promise);
    if (promise.cancelled) s.status = 'cancelled';
    else if (promise.superseded) s.status = 'superseded';
    else if (final) {
      s.status = final.status;
      s.allocatedMinor = final.paidMinor;
    } else if (s.allocatedMinor >= promise.amountMinor) s.status = 'kept';
    else if (input.today > s.graceEnds) s.status = s.allocatedMinor > 0 ? 'partly_kept' : 'broken';
    else s.status = 'pending';
  }

  const plans = new Map<string, 'active' | 'completed' | 'broken'>();
  for (const promise of input.promises) {
    if (!promise.planId || promise.cancelled || promise.superseded) continue;
    const status = state.get(promise.id)!.status;
    const current = plans.get(promise.planId) ?? 'completed';
    const next =
      current === 'broken' || status === 'broken' || status === 'partly_kept'
        ? 'broken'
        : status === 'pending' || current === 'active'
          ? 'active'
          : 'completed';
    plans.set(promise.planId, next);
  }
  return { promises: input.promises.map((p) => state.get(p.id)!), plans };
}
