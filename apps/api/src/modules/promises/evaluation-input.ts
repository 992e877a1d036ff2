import { localDate, type EvaluationInput } from '@crm/domain';
import { isoDay } from '../../lib/date-columns.js';

interface PromiseRow {
  id: string;
  amountMinor: bigint;
  dueDate: Date;
  createdAt: Date;
  status: string;
  paidMinor: bigint;
  planId: string | null;
}
interface PaymentRow {
  id: string;
  amountMinor: bigint;
  paidAt: Date;
  reversalOfId: string | null;
}

/** An account's stored promises and payments as the domain's evaluation input. */
export function evaluationInput(
  promises: PromiseRow[],
  payments: PaymentRow[],
  timeZone: string,
  now: Date,
  graceDays: number,
): EvaluationInput {
  return {
    promises: promises.map((p) => ({
      id: p.id,
      amountMinor: Number(p.amountMinor),
      dueDate: isoDay(p.dueDate),
      createdAt: p.createdAt,
      cancelled: p.status === 'cancelled',
      superseded: p.status === 'superseded',
      planId: p.planId,
      // The stored judgement: final once isFinal says so (ADR 027).
      judged:
        p.status === 'kept' || p.status === 'partly_kept' || p.status === 'broken'
          ? { status: p.status, paidMinor: Number(p.paidMinor) }
          : null,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      amountMinor: Number(p.amountMinor),
      paidAt: p.paidAt,
      reversalOfId: p.reversalOfId,
    })),
    timeZone,
    today: localDate(now, timeZone),
    graceDays,
  };
}
