import { describe, expect, it } from 'vitest';
import { reviewScore } from './quality-review.js';

describe('reviewScore', () => {
  const all = {
    identifiedSelfAndCreditor: true,
    verifiedRightParty: true,
    disclosureGiven: true,
    noProhibitedLanguage: true,
    clearSummary: true,
  };
  it('is the share of the checklist met, in percent', () => {
    expect(reviewScore(all)).toBe(100);
    expect(reviewScore({ ...all, disclosureGiven: false })).toBe(80);
    expect(
      reviewScore({
        identifiedSelfAndCreditor: false,
        verifiedRightParty: false,
        disclosureGiven: false,
        noProhibitedLanguage: false,
        clearSummary: false,
      }),
    ).toBe(0);
  });
});
