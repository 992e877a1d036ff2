import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLIANCE_PROFILES } from './policies.js';
import { STATUTORY_FLOORS } from './policy-floors.js';
import {
  endCrisisProblems,
  flagStatus,
  flagTerms,
  mayActOnFlag,
  setFlagProblems,
  settableFlagTypes,
  type FlagTermsInput,
} from './stop-flags.js';

const LONDON = 'Europe/London';
// 14:30 in London on 2026-12-03 (GMT).
const NOW = new Date('2026-12-03T14:30:00Z');

describe('flag terms: expiry by rule and review date (customer calendar)', () => {
  const base: FlagTermsInput = { profile: 'UK', type: 'breathing_space', setAt: NOW, zone: LONDON };
  it.each<[string, Partial<FlagTermsInput>, { startsOn: string; expiresAt: string | null; reviewAt: string | null }]>([
    [
      'breathing space recorded today: 60 days beginning today, ends as day 61 begins',
      {},
      { startsOn: '2026-12-03', expiresAt: '2027-02-01T00:00:00.000Z', reviewAt: null },
    ],
    [
      "breathing space with the adviser's start date 10 days ago",
      { startsOn: '2026-11-23' },
      { startsOn: '2026-11-23', expiresAt: '2027-01-22T00:00:00.000Z', reviewAt: null },
    ],
    [
      'breathing space across the clocks going forward (London BST from 2027-03-28)',
      { startsOn: '2027-03-01', setAt: new Date('2027-03-01T12:00:00Z') },
      { startsOn: '2027-03-01', expiresAt: '2027-04-29T23:00:00.000Z', reviewAt: null },
    ],
    [
      'breathing space recorded at 23:30 New York time counts from the New York day',
      { zone: 'America/New_York', setAt: new Date('2026-12-04T04:30:00Z') },
      { startsOn: '2026-12-03', expiresAt: '2027-02-01T05:00:00.000Z', reviewAt: null },
    ],
    [
      'mental-health crisis, treatment going on: no expiry, reviewed in 30 days',
      { type: 'mental_health_crisis' },
      { startsOn: '2026-12-03', expiresAt: null, reviewAt: '2027-01-02T00:00:00.000Z' },
    ],
    [
      'mental-health crisis ended on 2026-12-10: protected 30 more days, ends as 2027-01-10 begins',
      { type: 'mental_health_crisis', crisisEndedOn: '2026-12-10' },
      { startsOn: '2026-12-03', expiresAt: '2027-01-10T00:00:00.000Z', reviewAt: '2027-01-02T00:00:00.000Z' },
    ],
    [
      'mental-health crisis ended the day it was recorded: review after the end is dropped',
      { type: 'mental_health_crisis', crisisEndedOn: '2026-12-01' },
      { startsOn: '2026-12-03', expiresAt: '2027-01-01T00:00:00.000Z', reviewAt: null },
    ],
    [
      'cease request (US): no expiry, reviewed in a year',
      { profile: 'US', type: 'cease_request', zone: 'America/Chicago' },
      { startsOn: '2026-12-03', expiresAt: null, reviewAt: '2027-12-03T06:00:00.000Z' },
    ],
    [
      'dispute hold: no expiry, reviewed in 30 days',
      { type: 'dispute_hold' },
      { startsOn: '2026-12-03', expiresAt: null, reviewAt: '2027-01-02T00:00:00.000Z' },
    ],
    [
      'do-not-contact (CN): no expiry, reviewed in 180 days',
      { profile: 'CN', type: 'do_not_contact', zone: 'Asia/Shanghai' },
      { startsOn: '2026-12-03', expiresAt: null, reviewAt: '2027-05-31T16:00:00.000Z' },
    ],
  ])('%s', (_name, over, expected) => {
    const terms = flagTerms({ ...base, ...over });
    expect({
      startsOn: terms.startsOn,
      expiresAt: terms.expiresAt?.toISOString() ?? null,
      reviewAt: terms.reviewAt?.toISOString() ?? null,
    }).toEqual(expected);
  });
});

describe('flag status', () => {
  it.each([
    ['no expiry, not cleared', { clearedAt: null, expiresAt: null }, 'active'],
    ['expires later', { clearedAt: null, expiresAt: new Date('2026-12-03T14:31:00Z') }, 'active'],
    ['expires now', { clearedAt: null, expiresAt: NOW }, 'expired'],
    ['cleared before it would expire', { clearedAt: NOW, expiresAt: new Date('2027-01-01T00:00:00Z') }, 'cleared'],
  ] as const)('%s: %s', (_n, flag, expected) => {
    expect(flagStatus(flag, NOW)).toBe(expected);
  });
});

describe('who may set, clear and end a crisis', () => {
  it.each([
    ['collector', 'set', true],
    ['collector', 'clear', false],
    ['collector', 'endCrisis', false],
    ['supervisor', 'set', true],
    ['supervisor', 'clear', true],
    ['supervisor', 'endCrisis', true],
    ['admin', 'clear', true],
    ['service', 'set', false],
    ['service', 'clear', false],
  ] as const)('%s %s: %s', (role, action, expected) => {
    expect(mayActOnFlag(role, action)).toBe(expected);
  });
});

describe('setting a flag: problems name the field', () => {
  const ctx = {
    profile: 'UK' as const,
    profileStopFlags: DEFAULT_COMPLIANCE_PROFILES.UK.stopFlags,
    now: NOW,
    zone: LONDON,
  };
  it.each([
    ['a breathing space today', { type: 'breathing_space' as const }, []],
    [
      'a breathing space started 59 days ago (last day)',
      { type: 'breathing_space' as const, startsOn: '2026-10-05' },
      [],
    ],
    [
      'a breathing space started 60 days ago (over)',
      { type: 'breathing_space' as const, startsOn: '2026-10-04' },
      ['startsOn'],
    ],
    ['a breathing space starting tomorrow', { type: 'breathing_space' as const, startsOn: '2026-12-04' }, ['startsOn']],
    ['a start date on a cease request', { type: 'cease_request' as const, startsOn: '2026-12-01' }, ['startsOn']],
    ['a crisis with a start date', { type: 'mental_health_crisis' as const, startsOn: '2026-11-01' }, []],
    ['do-not-contact, always settable', { type: 'do_not_contact' as const }, []],
    ['an attorney flag, not a UK flag', { type: 'attorney_represented' as const }, ['type']],
  ])('%s', (_n, input, fields) => {
    expect(setFlagProblems(input, ctx).map((p) => p.field)).toEqual(fields);
  });

  it('a mental-health crisis is a UK stop flag and a UK floor', () => {
    expect(DEFAULT_COMPLIANCE_PROFILES.UK.stopFlags).toContain('mental_health_crisis');
    expect(STATUTORY_FLOORS.UK.mandatoryStopFlags.map((f) => f.flag)).toContain('mental_health_crisis');
    expect(settableFlagTypes(DEFAULT_COMPLIANCE_PROFILES.US.stopFlags)).not.toContain('mental_health_crisis');
  });
});

describe('ending a crisis', () => {
  const ctx = { now: NOW, zone: LONDON };
  const crisis = { type: 'mental_health_crisis' as const, startsOn: '2026-11-01' };
  it.each([
    ['ended yesterday', crisis, '2026-12-02', []],
    ['ended today', crisis, '2026-12-03', []],
    ['ends tomorrow', crisis, '2026-12-04', ['endedOn']],
    ['before it started', crisis, '2026-10-31', ['endedOn']],
    ['a breathing space is not a crisis', { ...crisis, type: 'breathing_space' as const }, '2026-12-01', ['type']],
  ])('%s', (_n, flag, endedOn, fields) => {
    expect(endCrisisProblems(flag, endedOn, ctx).map((p) => p.field)).toEqual(fields);
  });
});
