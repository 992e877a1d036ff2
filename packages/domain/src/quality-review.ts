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

export function reviewScore(checks: ReviewChecks): number {
  const met = REVIEW_CHECKS.filter((c) => checks[c]).length;
  return Math.round((met / REVIEW_CHECKS.length) * 100);
}
