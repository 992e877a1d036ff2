import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from './policies.js';

const fields = (kind: Parameters<typeof parsePolicyDocument>[0], key: string, data: unknown) => {
  const r = parsePolicyDocument(kind, key, data);
  return r.ok ? [] : r.problems.map((p) => `${p.field} ${p.message}`);
};

describe('policy documents', () => {
  it('stage thresholds: pre-due is 0, each bucket ends after the one before, naming the field', () => {
    expect(
      fields('stage_thresholds', 'default', { preDueMaxDpd: 0, m1MaxDpd: 30, m2MaxDpd: 60, m3MaxDpd: 90 }),
    ).toEqual([]);
    expect(
      fields('stage_thresholds', 'default', { preDueMaxDpd: -1, m1MaxDpd: 30, m2MaxDpd: 30, m3MaxDpd: 90 }),
    ).toEqual(['data.preDueMaxDpd must be at least 0', 'data.m2MaxDpd must be greater than m1MaxDpd']);
    expect(
      fields('stage_thresholds', 'default', { preDueMaxDpd: 0, m1MaxDpd: 60, m2MaxDpd: 30, m3MaxDpd: 90 }),
    ).toEqual(['data.m2MaxDpd must be greater than m1MaxDpd']);
  });

  it('a compliance profile is the profile of its key', () => {
    const uk = {
      profile: 'UK',
      callWindow: { start: '08:00', end: '21:00' },
      callCap: null,
      dailyUnansweredCapPerContactPoint: null,
      quietDaysAfterConversation: 0,
      stopFlags: ['dispute_hold'],
      overrideAllowed: true,
      retentionYears: 3,
    };
    expect(fields('compliance_profile', 'UK', uk)).toEqual([]);
    expect(fields('compliance_profile', 'US', uk)).toEqual(['data.profile must be US']);
  });

  it('anything that is not the document is refused, whatever it is', () => {
    for (const data of [null, 'text', 42, [], { graceDays: '3' }])
      expect(fields('promise_rules', 'default', data).length).toBeGreaterThan(0);
  });
});
