import { describe, expect, it } from 'vitest';
import {
  canMoveDispute,
  disputeAllows,
  disputeHold,
  disputeResponseDue,
  disputeTiming,
  profileHoldsAllDisputes,
  validationNoticeRule,
  type DisputeStatus,
} from './disputes.js';

describe('dispute timing against the validation period', () => {
  it.each([
    ['no notice sent', '2026-12-10T15:00:00Z', 'America/New_York', null, 'before_notice'],
    ['inside', '2026-12-10T15:00:00Z', 'America/New_York', '2027-01-07', 'within_period'],
    ['on the last day, late evening local', '2027-01-08T04:30:00Z', 'America/New_York', '2027-01-07', 'within_period'],
    ['the day after', '2027-01-08T15:00:00Z', 'America/New_York', '2027-01-07', 'after_period'],
    [
      'the day after in Honolulu is still the last day there',
      '2027-01-08T09:00:00Z',
      'Pacific/Honolulu',
      '2027-01-07',
      'within_period',
    ],
  ] as const)('%s', (_, at, zone, ends, timing) => {
    expect(disputeTiming(new Date(at), zone, ends)).toBe(timing);
  });
});

describe('whether a dispute holds collection', () => {
  it.each([
    ['written, within the period: the law', 'within_period', 'written', false, false, true, 'law'],
    ['written, before the notice: the law', 'before_notice', 'written', false, false, true, 'law'],
    ['oral, within the period: the product holds too', 'within_period', 'oral', false, false, true, 'policy'],
    ['written, after the period: no automatic pause', 'after_period', 'written', false, false, false, 'none'],
    ['oral, after the period, profile holds all', 'after_period', 'oral', true, false, true, 'policy'],
    ['after the period, the collector asks for a hold', 'after_period', 'written', false, true, true, 'requested'],
  ] as const)('%s', (_, timing, method, profileHoldsAll, requested, hold, basis) => {
    expect(disputeHold({ timing, method, profileHoldsAll, requested })).toEqual({ hold, basis });
  });
});

describe('dispute states', () => {
  const all: DisputeStatus[] = ['open', 'verification_sent', 'closed', 'withdrawn'];
  const allowed = new Set(['open>verification_sent', 'open>withdrawn', 'verification_sent>closed']);
  it.each(all.flatMap((from) => all.map((to) => [from, to] as const)))('%s -> %s', (from, to) => {
    expect(canMoveDispute(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it.each([
    ['open', true, false, true],
    ['open', false, true, true],
    ['verification_sent', true, true, false],
    ['closed', true, true, false],
    ['withdrawn', true, true, false],
  ] as const)('%s (held %s): collection %s, verification %s', (status, held, collection, verification) => {
    expect(disputeAllows(status, held)).toEqual({ collection, verification });
  });

  it('answers within 30 days in the customer calendar', () => {
    expect(disputeResponseDue(new Date('2026-12-02T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-12-31');
  });
});

describe('which profiles send validation notices', () => {
  it.each([
    ['US, nothing said', { profile: 'US' }, { send: true, translation: true }],
    [
      'US cannot turn it off',
      { profile: 'US', validationNotice: { send: false, translation: false } },
      { send: true, translation: false },
    ],
    ['UK, nothing said', { profile: 'UK' }, { send: false, translation: false }],
    [
      'CN asks for one',
      { profile: 'CN', validationNotice: { send: true, translation: true } },
      { send: true, translation: true },
    ],
  ] as const)('%s', (_, profile, rule) => {
    expect(validationNoticeRule(profile)).toEqual(rule);
  });

  it.each([
    ['US', ['dispute_hold'], false],
    ['UK', ['dispute_hold'], true],
    ['CN', ['do_not_contact'], false],
  ] as const)('%s with %j holds every dispute: %s', (profile, stopFlags, holds) => {
    expect(profileHoldsAllDisputes({ profile, stopFlags: [...stopFlags] })).toBe(holds);
  });
});
