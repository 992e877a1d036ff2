import { parsePolicyDocument } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLIANCE_PROFILES, type ComplianceProfilePolicy } from './policies.js';
import { STATUTORY_FLOORS, maxCallsIn, policyFloorProblems, withinFloors } from './policy-floors.js';

const { US, UK, CN } = DEFAULT_COMPLIANCE_PROFILES;
const fieldsOf = (p: ComplianceProfilePolicy) => policyFloorProblems(p).map((x) => x.field);

describe('statutory floors', () => {
  it.each([US, UK, CN])('the default $profile profile is at its floor or stricter', (profile) => {
    expect(policyFloorProblems(profile)).toEqual([]);
    expect(withinFloors(profile)).toEqual(profile);
  });

  // [what, policy, fields refused ([] = allowed)]
  const cases: [string, ComplianceProfilePolicy, string[]][] = [
    // The example: calls 06:00-23:30, 20 in 7 days, no quiet period, no cease flag.
    [
      'US 06:00-23:30, 20 calls in 7 days, no quiet period, no cease flag',
      {
        ...US,
        callWindow: { start: '06:00', end: '23:30' },
        callCap: { maxCalls: 20, windowDays: 7 },
        quietDaysAfterConversation: 0,
        stopFlags: US.stopFlags.filter((f) => f !== 'cease_request'),
      },
      ['callWindow.start', 'callWindow.end', 'callCap.maxCalls', 'quietDaysAfterConversation', 'stopFlags'],
    ],
    ['US window opens 07:59', { ...US, callWindow: { start: '07:59', end: '21:00' } }, ['callWindow.start']],
    ['US window closes 21:01', { ...US, callWindow: { start: '08:00', end: '21:01' } }, ['callWindow.end']],
    ['US window 09:00-20:00 (narrower)', { ...US, callWindow: { start: '09:00', end: '20:00' } }, []],
    ['US no cap', { ...US, callCap: null }, ['callCap']],
    ['US 8 calls in 7 days', { ...US, callCap: { maxCalls: 8, windowDays: 7 } }, ['callCap.maxCalls']],
    ['US 3 calls in 2 days (12 in 7)', { ...US, callCap: { maxCalls: 3, windowDays: 2 } }, ['callCap.maxCalls']],
    ['US 1 call a day (7 in 7)', { ...US, callCap: { maxCalls: 1, windowDays: 1 } }, []],
    ['US 7 calls in 14 days', { ...US, callCap: { maxCalls: 7, windowDays: 14 } }, []],
    ['US 5 calls in 7 days', { ...US, callCap: { maxCalls: 5, windowDays: 7 } }, []],
    ['US quiet period 6 days', { ...US, quietDaysAfterConversation: 6 }, ['quietDaysAfterConversation']],
    ['US quiet period 10 days', { ...US, quietDaysAfterConversation: 10 }, []],
    [
      'US without attorney flag',
      { ...US, stopFlags: ['cease_request', 'dispute_hold', 'bankruptcy', 'deceased'] },
      ['stopFlags'],
    ],
    [
      'US without any stop flag',
      { ...US, stopFlags: [] },
      ['stopFlags', 'stopFlags', 'stopFlags', 'stopFlags', 'stopFlags'],
    ],
    ['US with an extra stop flag', { ...US, stopFlags: [...US.stopFlags, 'do_not_contact'] }, []],
    ['US overrides allowed', { ...US, overrideAllowed: true }, ['overrideAllowed']],
    ['US records kept 2 years', { ...US, retentionYears: 2 }, ['retentionYears']],
    ['US records kept 5 years', { ...US, retentionYears: 5 }, []],
    ['UK 07:00-21:00', { ...UK, callWindow: { start: '07:00', end: '21:00' } }, ['callWindow.start']],
    ['UK no cap, overrides (configurable)', { ...UK, callCap: null, overrideAllowed: true }, []],
    [
      'UK without breathing space',
      { ...UK, stopFlags: UK.stopFlags.filter((f) => f !== 'breathing_space') },
      ['stopFlags'],
    ],
    [
      'UK without mental capacity',
      { ...UK, stopFlags: UK.stopFlags.filter((f) => f !== 'mental_capacity') },
      ['stopFlags'],
    ],
    ['CN 08:00-22:30', { ...CN, callWindow: { start: '08:00', end: '22:30' } }, ['callWindow.end']],
    ['CN 07:30-22:00', { ...CN, callWindow: { start: '07:30', end: '22:00' } }, ['callWindow.start']],
    ['CN 08:00-21:00', { ...CN, callWindow: { start: '08:00', end: '21:00' } }, []],
    ['CN 7 unanswered a day', { ...CN, dailyUnansweredCapPerContactPoint: 7 }, ['dailyUnansweredCapPerContactPoint']],
    ['CN no unanswered cap', { ...CN, dailyUnansweredCapPerContactPoint: null }, ['dailyUnansweredCapPerContactPoint']],
    ['CN 3 unanswered a day', { ...CN, dailyUnansweredCapPerContactPoint: 3 }, []],
    ['CN without do-not-contact', { ...CN, stopFlags: ['dispute_hold', 'deceased'] }, ['stopFlags']],
    ['US consent counts 8 days', { ...US, priorConsentDays: 8 }, ['priorConsentDays']],
    ['US consent counts 3 days', { ...US, priorConsentDays: 3 }, []],
    ['UK consent counts 30 days (configurable)', { ...UK, priorConsentDays: 30 }, []],
    [
      'US 2 location calls per third party',
      { ...US, thirdParty: { locationCallsPerThirdParty: 2, onlyWhenCustomerUnreachable: false } },
      ['thirdParty.locationCallsPerThirdParty'],
    ],
    [
      'US no limit on location calls',
      { ...US, thirdParty: { locationCallsPerThirdParty: null, onlyWhenCustomerUnreachable: false } },
      ['thirdParty.locationCallsPerThirdParty'],
    ],
    [
      'US third parties only once unreachable (stricter)',
      { ...US, thirdParty: { locationCallsPerThirdParty: 1, onlyWhenCustomerUnreachable: true } },
      [],
    ],
    [
      'CN third parties while the customer is reachable',
      { ...CN, thirdParty: { locationCallsPerThirdParty: null, onlyWhenCustomerUnreachable: false } },
      ['thirdParty.onlyWhenCustomerUnreachable'],
    ],
  ];

  it.each(cases)('%s', (_what, policy, fields) => {
    expect(parsePolicyDocument('compliance_profile', policy.profile, policy).ok).toBe(true);
    expect(fieldsOf(policy)).toEqual(fields);
    // The stricter of the policy and its floor always passes the floor, and never loosens a lawful policy.
    expect(policyFloorProblems(withinFloors(policy))).toEqual([]);
    if (fields.length === 0) expect(withinFloors(policy)).toEqual(policy);
  });

  it('names the field, the missing flag and the rule in each problem', () => {
    const problems = policyFloorProblems({ ...US, stopFlags: US.stopFlags.filter((f) => f !== 'cease_request') });
    expect(problems).toEqual([
      {
        field: 'stopFlags',
        rule: 'FDCPA 15 USC 1692c(c)',
        message: 'must include cease_request (statutory floor of the US profile: FDCPA 15 USC 1692c(c))',
      },
    ]);
    const [window] = policyFloorProblems({ ...US, callWindow: { start: '06:00', end: '21:00' } });
    expect(window!.message).toContain('must be 08:00 or later');
    expect(window!.rule).toBe(STATUTORY_FLOORS.US.callWindow.rule);
  });

  it('counts the most calls a rolling cap lets through in the law window', () => {
    expect(maxCallsIn(7, { maxCalls: 7, windowDays: 7 })).toBe(7);
    expect(maxCallsIn(7, { maxCalls: 3, windowDays: 2 })).toBe(12);
    expect(maxCallsIn(7, { maxCalls: 1, windowDays: 1 })).toBe(7);
    expect(maxCallsIn(7, { maxCalls: 2, windowDays: 3 })).toBe(6);
    expect(maxCallsIn(7, { maxCalls: 9, windowDays: 30 })).toBe(9);
  });

  it('reads a stored looser policy as the stricter of it and the law', () => {
    const stored: ComplianceProfilePolicy = {
      ...US,
      callWindow: { start: '06:00', end: '23:30' },
      callCap: { maxCalls: 3, windowDays: 2 },
      quietDaysAfterConversation: 0,
      stopFlags: ['deceased'],
      overrideAllowed: true,
      retentionYears: 1,
    };
    expect(withinFloors(stored)).toEqual({
      ...US,
      callWindow: { start: '08:00', end: '21:00' },
      callCap: { maxCalls: 1, windowDays: 2 },
      stopFlags: ['deceased', 'cease_request', 'attorney_represented', 'dispute_hold', 'bankruptcy'],
    });
    // A window entirely before the legal one narrows to nothing (start = end: never open).
    expect(withinFloors({ ...US, callWindow: { start: '05:00', end: '07:00' } }).callWindow).toEqual({
      start: '08:00',
      end: '08:00',
    });
    expect(withinFloors({ ...CN, dailyUnansweredCapPerContactPoint: null }).dailyUnansweredCapPerContactPoint).toBe(6);
  });
});
