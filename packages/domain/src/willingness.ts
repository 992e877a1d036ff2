import type { SCRIPT_BRANCHES, WILLINGNESS_ASSESSMENTS } from '@crm/contracts';
import { calendarDaysBetween, type IsoDate } from './dates.js';
import { willingnessFromHistory, type QueuePromise } from './queue-priority.js';

export type WillingnessAssessment = (typeof WILLINGNESS_ASSESSMENTS)[number];
export type RecordedBranch = { date: IsoDate; branch: (typeof SCRIPT_BRANCHES)[number] };

/** Branches recorded within this many days (customer's calendar) count; older ones are stale. */
export const RECENT_BRANCH_DAYS = 90;
/** At most this many recent branches are shown and weighed (newest first). */
export const RECENT_BRANCH_LIMIT = 5;

/**
 * What the customer said on the latest recent call (the branch the collector chose), weighed
 * against what their promises show. Deeds outweigh words: a record of broken promises stays
 * "breaks promises" whatever the customer says, unless they now say they will not pay. A good
 * record gives way to a fresh "willing but unable" (offer a plan) or, met with "unwilling", to
 * "mixed". Without promise history, what they said is all we know (ADR 037).
 */
const COMBINED: Record<
  'keeps_promises' | 'mixed' | 'breaks_promises' | 'no_history',
  Record<RecordedBranch['branch'], WillingnessAssessment>
> = {
  no_history: { willing_able: 'willing_able', willing_unable: 'willing_unable', unwilling: 'unwilling' },
  keeps_promises: { willing_able: 'keeps_promises', willing_unable: 'willing_unable', unwilling: 'mixed' },
  mixed: { willing_able: 'mixed', willing_unable: 'willing_unable', unwilling: 'unwilling' },
  breaks_promises: { willing_able: 'breaks_promises', willing_unable: 'breaks_promises', unwilling: 'unwilling' },
};

/**
 * Willingness from what collectors record: promise outcomes (kept, partly kept, broken) and the
 * willingness branches chosen on the customer's calls (newest first; calls of one day keep that order) in the last {@link RECENT_BRANCH_DAYS} days
 * up to `today` (the customer's date). Returns the promise counts, the recent branches newest
 * first (at most {@link RECENT_BRANCH_LIMIT}) and the combined assessment.
 */
export function willingnessFromRecords(input: {
  promiseStatuses: QueuePromise['status'][];
  branches: RecordedBranch[];
  today: IsoDate;
}) {
  const promises = willingnessFromHistory(input.promiseStatuses);
  const recentBranches = input.branches
    .filter((b) => {
      const age = calendarDaysBetween(b.date, input.today);
      return age >= 0 && age <= RECENT_BRANCH_DAYS;
    })
    .sort((a, b) => b.date.localeCompare(a.date))
    .slice(0, RECENT_BRANCH_LIMIT);
  const latest = recentBranches[0];
  const assessment: WillingnessAssessment = latest ? COMBINED[promises.assessment][latest.branch] : promises.assessment;
  return { ...promises, assessment, recentBranches };
}
