import { addDaysIso, localDate, startOfLocalDay } from './dates.js';

/** How long a skipped account stays out of the collector's queue (ADR 032). */
export const SKIP_COOLDOWN_MS = 30 * 60 * 1000;

/**
 * Until when a released reservation keeps the account out of that collector's queue (ADR 032):
 * a skip ("not now") for 30 minutes, a give-back ("not mine to work": wrong queue, needs a
 * supervisor) until the end of the collector's own day in their zone. Never past that day's end.
 */
export function releaseHiddenUntil(kind: 'skip' | 'give_back', now: Date, collectorTimeZone: string): Date {
  const endOfDay = startOfLocalDay(addDaysIso(localDate(now, collectorTimeZone), 1), collectorTimeZone);
  if (kind === 'give_back') return endOfDay;
  const cooled = new Date(now.getTime() + SKIP_COOLDOWN_MS);
  return cooled < endOfDay ? cooled : endOfDay;
}

/** At most one extension a minute (ADR 032). */
export const EXTEND_MIN_INTERVAL_MS = 60 * 1000;

/**
 * Whether the collector's activity (typing in the outcome) should extend their reservation now
 * (ADR 032): once less than half of it is left, or it has lapsed (extending then takes it back when
 * nobody else has), and at most once a minute.
 */
export function shouldExtendReservation(input: {
  now: number;
  expiresAt: number;
  leaseMs: number;
  lastExtendedAt: number | null;
}): boolean {
  const left = input.expiresAt - input.now;
  if (left >= input.leaseMs / 2) return false;
  return input.lastExtendedAt === null || input.now - input.lastExtendedAt >= EXTEND_MIN_INTERVAL_MS;
}
