import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLIANCE_PROFILES } from './policies.js';
import {
  canContactThirdParty,
  customerUnreachable,
  thirdPartyScript,
  type CustomerAttempt,
  type ThirdPartyGateInput,
} from './third-parties.js';

const { US, UK, CN } = DEFAULT_COMPLIANCE_PROFILES;
const SH = 'Asia/Shanghai';
// 10:00 in Shanghai on 2026-11-20.
const NOW = new Date('2026-11-20T02:00:00Z');
const valid = [{ kind: 'phone' as const, status: 'valid' as const }];
const failed = (iso: string): CustomerAttempt => ({
  at: new Date(iso),
  channel: 'phone',
  direction: 'outbound',
  partyReached: 'nobody',
});
const reached = (iso: string): CustomerAttempt => ({ ...failed(iso), partyReached: 'debtor' });

describe('the customer is unreachable (CN: CBA 2021/2026)', () => {
  it.each([
    ['no phone on file', [], [], 'no_valid_number'],
    ['every phone invalid', [{ kind: 'phone', status: 'invalid' }], [], 'no_valid_number'],
    ['a valid phone, never tried', valid, [], null],
    ['2 failed attempts yesterday', valid, [failed('2026-11-19T02:00:00Z'), failed('2026-11-19T03:00:00Z')], null],
    [
      '3 failed attempts today: not before tomorrow',
      valid,
      [failed('2026-11-20T00:30:00Z'), failed('2026-11-20T01:00:00Z'), failed('2026-11-20T01:30:00Z')],
      null,
    ],
    [
      '3 failed attempts yesterday: from today',
      valid,
      [failed('2026-11-19T02:00:00Z'), failed('2026-11-19T03:00:00Z'), failed('2026-11-19T04:00:00Z')],
      'failed_attempts',
    ],
    [
      '3 failures yesterday, but reached the customer since',
      valid,
      [
        failed('2026-11-19T02:00:00Z'),
        failed('2026-11-19T03:00:00Z'),
        failed('2026-11-19T04:00:00Z'),
        reached('2026-11-19T05:00:00Z'),
      ],
      null,
    ],
    [
      'a failure on each of the last 3 days, today included',
      valid,
      [failed('2026-11-18T02:00:00Z'), failed('2026-11-19T02:00:00Z'), failed('2026-11-20T01:00:00Z')],
      'failed_days',
    ],
    [
      'failures on 3 days with a gap',
      valid,
      [failed('2026-11-16T02:00:00Z'), failed('2026-11-18T02:00:00Z'), failed('2026-11-20T01:00:00Z')],
      null, // the third failure in a row was today: from tomorrow
    ],
    [
      'two failures in a row after a conversation',
      valid,
      [reached('2026-11-17T02:00:00Z'), failed('2026-11-18T02:00:00Z'), failed('2026-11-19T02:00:00Z')],
      null,
    ],
  ] as const)('%s', (_name, phones, attempts, expected) => {
    expect(customerUnreachable(NOW, SH, [...phones], [...attempts])).toBe(expected);
  });
});

describe('may this third party be called now', () => {
  const base = (over: Partial<ThirdPartyGateInput> = {}): ThirdPartyGateInput => ({
    now: new Date('2026-11-20T15:00:00Z'), // 10:00 New York
    profile: US,
    customerTimeZone: 'America/New_York',
    stopFlags: [],
    thirdParty: { id: 't', doNotContact: false, moreContactRequested: false, callsMade: 0 },
    customerPoints: valid,
    customerAttempts: [],
    ...over,
  });
  const tp = (over: Partial<ThirdPartyGateInput['thirdParty']>) => ({
    thirdParty: { id: 't', doNotContact: false, moreContactRequested: false, callsMade: 0, ...over },
  });
  const cn = { profile: CN, customerTimeZone: SH, now: NOW };
  const unreachable = {
    customerAttempts: [failed('2026-11-19T02:00:00Z'), failed('2026-11-19T03:00:00Z'), failed('2026-11-19T04:00:00Z')],
  };
  it.each([
    ['US: a first location call', base(), []],
    ['US: a second call is refused', base(tp({ callsMade: 1 })), ['third_party_call_limit']],
    ['US: a second call when they asked for more', base(tp({ callsMade: 1, moreContactRequested: true })), []],
    ['US: do-not-contact', base(tp({ doNotContact: true })), ['third_party_do_not_contact']],
    ['US: after 21:00 local', base({ now: new Date('2026-11-21T02:30:00Z') }), ['outside_calling_window']],
    [
      'US: a cease request stops third-party calls too',
      base({ stopFlags: [{ type: 'cease_request', expiresAt: null }] }),
      ['stop_flag'],
    ],
    ['UK: no call limit', base({ profile: UK, customerTimeZone: 'Europe/London', ...tp({ callsMade: 3 }) }), []],
    ['CN: the customer can still be reached', base(cn), ['customer_not_unreachable']],
    ['CN: the customer is unreachable', base({ ...cn, ...unreachable }), []],
    ['CN: every number invalid', base({ ...cn, customerPoints: [{ kind: 'phone', status: 'invalid' }] }), []],
    [
      'CN: unreachable, but the third party asked not to be called',
      base({ ...cn, ...unreachable, ...tp({ doNotContact: true }) }),
      ['third_party_do_not_contact'],
    ],
    [
      'CN: a profile that sets a one-call limit',
      base({
        ...cn,
        ...unreachable,
        profile: { ...CN, thirdParty: { locationCallsPerThirdParty: 1, onlyWhenCustomerUnreachable: true } },
        ...tp({ callsMade: 1 }),
      }),
      ['third_party_call_limit'],
    ],
  ])('%s', (_name, input, expected) => {
    const v = canContactThirdParty(input);
    expect(v.reasons.map((r) => r.code)).toEqual(expected);
    expect(v.allowed).toBe(expected.length === 0);
    if (expected.length) expect(v.overridable).toBe(false);
  });
});

describe('the script for a third party never mentions the debt', () => {
  const DEBT_WORDS =
    /debt|owe|overdue|payment|pay\b|balance|collect|account|arrears|loan|credit|bank|欠|债|還|还款|逾期|催收|账|賬|贷|信用卡|银行/i;
  it.each([['en'], ['zh-CN']] as const)('%s: names the caller, asks for the customer first, no debt', (locale) => {
    const steps = thirdPartyScript(locale, 'Alex Kim', 'Taylor Reed');
    const text = steps.map((s) => `${s.title} ${s.text}`).join('\n');
    expect(text).not.toMatch(DEBT_WORDS);
    expect(text).toContain('Alex Kim');
    expect(steps[0]!.key).toBe('verify'); // right-party verification first
  });
});
