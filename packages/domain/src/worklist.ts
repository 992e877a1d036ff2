/**
 * The worklist's time span (ADR 041): a queue row stored in the database says from when until when
 * the account is callable, so "callable now" is a comparison with the clock and an account opens or
 * closes as time passes (calling windows open and close every hour somewhere) without being
 * computed again. The queue's rules stay where they are: this only walks them along the clock.
 */

/** What the queue's rules say at one instant: callable, or blocked with its reasons and when it may open. */
export type OpenAt<R> = { open: true } | { open: false; reasons: R; nextAllowedAt: Date | null };

export interface SpanOptions {
  /** How far ahead to look for the closing instant (default 24 hours): later, the row is open-ended. */
  horizonMs?: number;
  /** Step of the forward walk (default 2 hours): a block shorter than this may be missed (the gate re-checks). */
  stepMs?: number;
  /** Resolution of the closing instant (default 1 second). */
  resolutionMs?: number;
  /** How many times a reopening instant is followed into another block (default 4). */
  hops?: number;
}

export interface WorklistSpan<R> {
  /** The instant the account becomes (or became) callable; null: it does not open by itself. */
  callableFrom: Date | null;
  /** The instant it stops being callable; null: open past the horizon (or never opens). */
  callableUntil: Date | null;
  /** Why it is blocked before `callableFrom` (null when callable at `now`). */
  blocked: { reasons: R; nextAllowedAt: Date | null } | null;
  /** Why it is blocked from `callableUntil` on, and when that lifts (null when no closing was found). */
  closed: { reasons: R; nextAllowedAt: Date | null } | null;
}

const HOUR = 3_600_000;

/**
 * The first instant after `from` (at which `open` holds) where it no longer does, or null within the
 * horizon: steps forward, then halves the step where it changed, to `resolutionMs`.
 */
export function firstClosedAfter(
  open: (t: Date) => boolean,
  from: Date,
  { horizonMs = 24 * HOUR, stepMs = 2 * HOUR, resolutionMs = 1000 }: SpanOptions = {},
): Date | null {
  const start = from.getTime();
  let lo = start;
  for (let t = start + stepMs; t <= start + horizonMs; t += stepMs) {
    if (open(new Date(t))) {
      lo = t;
      continue;
    }
    let hi = t;
    while (hi - lo > resolutionMs) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (open(new Date(mid))) lo = mid;
      else hi = mid;
    }
    return new Date(hi);
  }
  return null;
}

/**
 * The row's span at `now`: callable now until it closes; or blocked now, opening at the verdict's
 * next allowed instant when the rules say it is callable then (following a few further blocks).
 */
export function worklistSpan<R>(
  evaluate: (t: Date) => OpenAt<R>,
  now: Date,
  options: SpanOptions = {},
): WorklistSpan<R> {
  const first = evaluate(now);
  let from: Date | null = null;
  let blocked: WorklistSpan<R>['blocked'] = null;
  if (first.open) from = now;
  else {
    blocked = { reasons: first.reasons, nextAllowedAt: first.nextAllowedAt };
    let at = first.nextAllowedAt;
    for (let hop = 0; at && hop < (options.hops ?? 4); hop++) {
      const then = evaluate(at);
      if (then.open) {
        from = at;
        break;
      }
      if (!then.nextAllowedAt || then.nextAllowedAt.getTime() <= at.getTime()) break;
      at = then.nextAllowedAt;
    }
  }
  if (!from) return { callableFrom: null, callableUntil: null, blocked, closed: null };
  const until = firstClosedAfter((t) => evaluate(t).open, from, options);
  const after = until ? evaluate(until) : null;
  return {
    callableFrom: from,
    callableUntil: until,
    blocked,
    closed: after && !after.open ? { reasons: after.reasons, nextAllowedAt: after.nextAllowedAt } : null,
  };
}
