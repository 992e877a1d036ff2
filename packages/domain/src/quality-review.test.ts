import { describe, expect, it } from 'vitest';
import { REVIEW_CHECKS, reviewResult, reviewScore, type ReviewChecks } from './quality-review.js';

const all: ReviewChecks = {
  identifiedSelfAndCreditor: true,
  verifiedRightParty: true,
  disclosureGiven: true,
  noProhibitedLanguage: true,
  clearSummary: true,
};
const only = (...met: (keyof ReviewChecks)[]) =>
  Object.fromEntries(REVIEW_CHECKS.map((c) => [c, met.includes(c)])) as ReviewChecks;

describe('reviewResult', () => {
  it.each([
    ['everything met', all, 100, false],
    ['no disclosure', { ...all, disclosureGiven: false }, 80, false],
    ['nothing met', only(), 0, true],
    ['only prohibited language clean', only('noProhibitedLanguage'), 20, false],
    // The issue: "No prohibited language" unticked still scored 60/100.
    [
      'prohibited language, three others met',
      only('identifiedSelfAndCreditor', 'verifiedRightParty', 'disclosureGiven'),
      0,
      true,
    ],
    ['prohibited language, everything else met', { ...all, noProhibitedLanguage: false }, 0, true],
  ] as const)('%s: score %i, failed %s', (_what, checks, score, failed) => {
    expect(reviewResult(checks)).toEqual({ score, failed, failedOn: failed ? ['noProhibitedLanguage'] : [] });
    expect(reviewScore(checks)).toBe(score);
  });
});
