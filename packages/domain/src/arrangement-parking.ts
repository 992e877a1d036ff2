import { startOfLocalDay, type IsoDate } from './dates.js';
import { formatMoney } from './money.js';

/**
 * Parking (issue 14, ADR 035): an account with a live arrangement (a pending single promise or plan
 * instalment) waits out of the queue until the arrangement's next due date, in the customer's
 * calendar. It comes back on that day (the "promise due today" priority takes over), or earlier
 * when a callback is due or a promise was broken since the arrangement was made.
 */
export interface ParkingPromise {
  status: 'pending' | 'kept' | 'partly_kept' | 'broken' | 'cancelled' | 'superseded';
  dueDate: IsoDate;
  amountMinor: number;
  currency: string;
  createdAt: Date;
  /** When it was judged (for a broken promise: when it broke). */
  statusChangedAt: Date;
}

export interface ParkingInput {
  promises: readonly ParkingPromise[];
  /** The customer's today. */
  today: IsoDate;
  /** A callback the customer asked for is due now. */
  callbackDue: boolean;
}

/** The live arrangement's next due date the account is parked until, or null when it is offered. */
export function arrangementParking({ promises, today, callbackDue }: ParkingInput): ParkingPromise | null {
  const pending = promises.filter((p) => p.status === 'pending');
  if (pending.length === 0 || callbackDue) return null;
  if (pending.some((p) => p.dueDate <= today)) return null;
  const since = Math.min(...pending.map((p) => p.createdAt.getTime()));
  if (promises.some((p) => p.status === 'broken' && p.statusChangedAt.getTime() >= since)) return null;
  return [...pending].sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0]!;
}

/** The queue's hold for a parked account (shaped like a gate reason), ending when its due day begins. */
export function parkingHold(next: ParkingPromise, timeZone: string) {
  const amount = formatMoney({ amountMinor: next.amountMinor, currency: next.currency }, 'en');
  return {
    code: 'parked_until_due' as const,
    message: `Promise of ${amount} due ${next.dueDate}: parked until then`,
    params: { dueDate: next.dueDate, amount, amountMinor: next.amountMinor, currency: next.currency },
    until: startOfLocalDay(next.dueDate, timeZone),
    overridable: false,
  };
}
