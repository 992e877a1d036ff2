/**
 * Quality review of a contact attempt: the checklist a supervisor scores a call against, and
 * the score (share of the checklist met, 0-100).
 */
export const REVIEW_CHECKS = [
  'identifiedSelfAndCreditor',
  'verifiedRightParty',
  'disclosureGiven',
  'noProhibitedLanguage',
  'clearSummary',
] as const;
export type ReviewCheck = (typeof REVIEW_CHECKS)[number];
export type ReviewChecks = Record<ReviewCheck, boolean>;

/**
 * Checks that fail the review on their own, whatever else scored (ADR 021): prohibited language
 * (threats, insults, false statements: FDCPA 1692d-e, CONC 7.3, CBA guidelines) is never a partial
 * success.
 */
export const FAILING_CHECKS = ['noProhibitedLanguage'] as const satisfies readonly ReviewCheck[];

export interface ReviewResult {
  /** Share of the checklist met, in percent; 0 when the review failed. */
  score: number;
  failed: boolean;
  /** The failing checks not met. */
  failedOn: ReviewCheck[];
}

export function reviewResult(checks: ReviewChecks): ReviewResult {
  const failedOn = FAILING_CHECKS.filter((c) => !checks[c]);
  if (failedOn.length > 0) return { score: 0, failed: true, failedOn };
  const met = REVIEW_CHECKS.filter((c) => checks[c]).length;
  return { score: Math.round((met / REVIEW_CHECKS.length) * 100), failed: false, failedOn: [] };
}

export function reviewScore(checks: ReviewChecks): number {
  return reviewResult(checks).score;
}
