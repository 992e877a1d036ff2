import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bestPhoneVerdict,
  callbackIsConsent,
  canContact,
  gateLookbackDays,
  gateLookbackStart,
  type ContactGateInput,
  type GateAttempt,
  type GateContactPoint,
} from './contact-gate.js';
import { DEFAULT_COMPLIANCE_PROFILES, type ComplianceProfilePolicy } from './policies.js';

const US = DEFAULT_COMPLIANCE_PROFILES.US;
const UK = DEFAULT_COMPLIANCE_PROFILES.UK;
const CN = DEFAULT_COMPLIANCE_PROFILES.CN;

const mobile: GateContactPoint = {
  id: 'm',
  kind: 'phone',
  type: 'mobile',
  status: 'valid',
  optedOut: false,
  workInconvenient: false,
  timeZones: [],
};

function input(over: Partial<ContactGateInput>): ContactGateInput {
  return {
    now: new Date('2026-11-20T15:00:00Z'), // 10:00 in New York (EST)
    channel: 'phone',
    profile: US,
    customerTimeZone: 'America/New_York',
    contactPoint: mobile,
    stopFlags: [],
    attempts: [],
    callback: null,
    ...over,
  };
}

const call = (iso: string, over: Partial<GateAttempt> = {}): GateAttempt => ({
  at: new Date(iso),
  channel: 'phone',
  direction: 'outbound',
  contactPointId: 'm',
  partyReached: 'nobody',
  disposition: 'no_answer',
  customerRequested: false,
  ...over,
});

const codes = (i: ContactGateInput) => canContact(i).reasons.map((r) => r.code);

describe('calling window in the customer’s local time', () => {
  it('allows a call at 10:00 local', () => {
    const v = canContact(input({}));
    expect(v).toMatchObject({ allowed: true, reasons: [], viaCallback: false });
  });

  it('blocks 07:59 and says it opens at 08:00 local', () => {
    const v = canContact(input({ now: new Date('2026-11-20T12:59:00Z') }));
    expect(v.allowed).toBe(false);
    expect(v.reasons[0]).toMatchObject({ code: 'outside_calling_window', overridable: false });
    expect(v.nextAllowedAt).toEqual(new Date('2026-11-20T13:00:00Z'));
  });

  it('blocks 21:00 (the end is exclusive) until 08:00 the next morning', () => {
    const v = canContact(input({ now: new Date('2026-11-21T02:00:00Z') }));
    expect(codes(input({ now: new Date('2026-11-21T01:59:00Z') }))).toEqual([]);
    expect(v.reasons.map((r) => r.code)).toEqual(['outside_calling_window']);
    expect(v.nextAllowedAt).toEqual(new Date('2026-11-21T13:00:00Z'));
  });

  it('requires every known location to be inside the window', () => {
    // 08:30 in New York is 05:30 on the Los Angeles number.
    const la = { ...mobile, timeZones: ['America/Los_Angeles'] };
    const v = canContact(input({ now: new Date('2026-11-20T13:30:00Z'), contactPoint: la }));
    expect(v.allowed).toBe(false);
    expect(v.reasons[0]!.message).toContain('America/Los_Angeles');
    expect(v.nextAllowedAt).toEqual(new Date('2026-11-20T16:00:00Z')); // 08:00 in Los Angeles
    expect(canContact(input({ now: new Date('2026-11-20T13:30:00Z'), otherTimeZones: ['Asia/Tokyo'] })).allowed).toBe(
      false,
    ); // 22:30 in Tokyo
  });

  it('follows daylight saving time: 08:00 is 12:00 UTC in summer and 13:00 UTC in winter', () => {
    expect(canContact(input({ now: new Date('2026-10-30T12:00:00Z') })).allowed).toBe(true);
    expect(canContact(input({ now: new Date('2026-11-02T12:30:00Z') })).allowed).toBe(false);
    // The night New York leaves DST (2026-11-01), the window reopens at 08:00 EST.
    expect(canContact(input({ now: new Date('2026-11-01T06:00:00Z') })).nextAllowedAt).toEqual(
      new Date('2026-11-01T13:00:00Z'),
    );
  });

  // Before issue 13 e-mail was never held to the window, so a reminder e-mail went out at 23:00
  // customer time under the US profile: unlawful (Reg F 1006.6(b)(1)(i) commentary).
  it.each([
    { profile: US, channel: 'email', allowed: false },
    { profile: CN, channel: 'email', allowed: false },
    { profile: UK, channel: 'email', allowed: true },
    { profile: US, channel: 'letter', allowed: true },
    { profile: US, channel: 'sms', allowed: false },
  ] as const)('at 23:00 local, $channel under $profile.profile: allowed $allowed', ({ profile, channel, allowed }) => {
    const kind = channel === 'email' ? 'email' : channel === 'letter' ? 'address' : 'phone';
    const point: GateContactPoint = { ...mobile, id: 'p', kind, type: 'other' };
    // 23:00 in the customer's zone, whichever profile.
    const v = canContact(input({ now: new Date('2026-11-21T04:00:00Z'), profile, channel, contactPoint: point }));
    expect(v.allowed).toBe(allowed);
    if (!allowed) expect(v.reasons.map((r) => r.code)).toEqual(['outside_calling_window']);
  });

  it('uses each profile’s window: CN allows 21:30 and stops at 22:00', () => {
    const cn = { profile: CN, customerTimeZone: 'Asia/Shanghai' };
    expect(canContact(input({ ...cn, now: new Date('2026-11-20T13:30:00Z') })).allowed).toBe(true);
    expect(codes(input({ ...cn, now: new Date('2026-11-20T14:00:00Z') }))).toEqual(['outside_calling_window']);
  });
});

describe('attempt caps', () => {
  const sevenCalls = [
    '2026-11-14T15:00:00Z',
    '2026-11-15T15:00:00Z',
    '2026-11-16T15:00:00Z',
    '2026-11-17T15:00:00Z',
    '2026-11-18T15:00:00Z',
    '2026-11-19T15:00:00Z',
    '2026-11-20T14:00:00Z',
  ].map((t) => call(t));

  it('US: the 8th call within 7 rolling days is refused until the oldest drops out', () => {
    const v = canContact(input({ attempts: sevenCalls }));
    expect(v.reasons.map((r) => r.code)).toEqual(['call_cap_reached']);
    expect(v.reasons[0]).toMatchObject({ params: { count: 7, max: 7, days: 7 }, overridable: false });
    expect(v.nextAllowedAt).toEqual(new Date('2026-11-21T15:00:00Z'));
    expect(v.overridable).toBe(false);
  });

  it('does not count inbound calls or callbacks the customer asked for', () => {
    const attempts = [
      ...sevenCalls.slice(0, 6),
      call('2026-11-20T14:00:00Z', { direction: 'inbound' }),
      call('2026-11-20T14:10:00Z', { customerRequested: true }),
    ];
    expect(canContact(input({ attempts })).allowed).toBe(true);
  });

  it('calls older than the rolling window do not count', () => {
    const attempts = [call('2026-11-13T14:59:00Z'), ...sevenCalls.slice(1)];
    expect(canContact(input({ attempts })).allowed).toBe(true);
  });

  it('counts a call stamped a moment after now (recorded by a request that locked the account first)', () => {
    const attempts = [...sevenCalls.slice(0, 6), call('2026-11-20T15:00:00.002Z')];
    expect(codes(input({ attempts }))).toEqual(['call_cap_reached']);
    const talked = call('2026-11-20T15:00:00.001Z', { partyReached: 'debtor', disposition: 'right_party_contact' });
    expect(codes(input({ attempts: [talked] }))).toEqual(['quiet_period_after_conversation']);
  });

  it('UK: the cap may be overridden with a reason', () => {
    const v = canContact(
      input({
        profile: UK,
        customerTimeZone: 'Europe/London',
        now: new Date('2026-11-20T15:00:00Z'),
        attempts: sevenCalls,
      }),
    );
    expect(v.allowed).toBe(false);
    expect(v.overridable).toBe(true);
  });

  it('CN: six unanswered calls to one number today stop calls to that number until tomorrow', () => {
    const cn = { profile: CN, customerTimeZone: 'Asia/Shanghai', now: new Date('2026-11-20T08:00:00Z') }; // 16:00 Shanghai
    const six = [1, 2, 3, 4, 5, 6].map((h) => call(`2026-11-20T0${h}:00:00Z`));
    const v = canContact(input({ ...cn, attempts: six }));
    expect(v.reasons.map((r) => r.code)).toEqual(['daily_unanswered_cap_reached']);
    expect(v.nextAllowedAt).toEqual(new Date('2026-11-21T00:00:00Z')); // 08:00 Shanghai
    const other = { ...mobile, id: 'home', type: 'home' as const };
    expect(canContact(input({ ...cn, attempts: six, contactPoint: other })).allowed).toBe(true);
    // Yesterday's unanswered calls (Shanghai calendar) do not count today.
    const yesterday = [1, 2, 3, 4, 5, 6].map((m) => call(`2026-11-19T15:0${m}:00Z`));
    expect(canContact(input({ ...cn, attempts: yesterday })).allowed).toBe(true);
  });
});

describe('quiet period after a conversation (US: 7 days, the day of the conversation is day 1)', () => {
  it('blocks calls about the debt until the 8th day, then opens with the window', () => {
    const talked = call('2026-11-16T16:00:00Z', { partyReached: 'debtor', disposition: 'promise_to_pay' });
    const v = canContact(input({ attempts: [talked] }));
    expect(v.reasons.map((r) => r.code)).toEqual(['quiet_period_after_conversation']);
    expect(v.reasons[0]!.params).toMatchObject({ conversationDate: '2026-11-16', untilDate: '2026-11-23' });
    expect(v.nextAllowedAt).toEqual(new Date('2026-11-23T13:00:00Z'));
  });

  it('is over on day 8', () => {
    const talked = call('2026-11-13T16:00:00Z', { partyReached: 'debtor', disposition: 'right_party_contact' });
    expect(canContact(input({ attempts: [talked] })).allowed).toBe(true);
  });

  it('does not start with an unanswered call or a third party', () => {
    const attempts = [
      call('2026-11-19T16:00:00Z'),
      call('2026-11-19T17:00:00Z', { partyReached: 'third_party', disposition: 'wrong_number' }),
    ];
    expect(canContact(input({ attempts })).allowed).toBe(true);
  });

  it('does not apply where the profile has none (UK default)', () => {
    const talked = call('2026-11-19T12:00:00Z', { partyReached: 'debtor', disposition: 'refused' });
    expect(
      canContact(
        input({
          profile: UK,
          customerTimeZone: 'Europe/London',
          now: new Date('2026-11-20T11:00:00Z'),
          attempts: [talked],
        }),
      ).allowed,
    ).toBe(true);
  });
});

describe('stop flags, opt-outs and contact points', () => {
  it('a dispute hold stops contact with no end by itself', () => {
    const v = canContact(input({ stopFlags: [{ type: 'dispute_hold', expiresAt: null }] }));
    expect(v.reasons.map((r) => r.code)).toEqual(['stop_flag']);
    expect(v.nextAllowedAt).toBeNull();
  });

  it('breathing space ends on its date, and contact resumes inside the window', () => {
    const flag = { type: 'breathing_space', expiresAt: new Date('2026-11-25T03:00:00Z') };
    const v = canContact(
      input({
        profile: UK,
        customerTimeZone: 'Europe/London',
        now: new Date('2026-11-20T11:00:00Z'),
        stopFlags: [flag],
      }),
    );
    expect(v.reasons[0]!.until).toEqual(flag.expiresAt);
    expect(v.nextAllowedAt).toEqual(new Date('2026-11-25T08:00:00Z'));
    expect(
      canContact(
        input({
          profile: UK,
          customerTimeZone: 'Europe/London',
          now: new Date('2026-11-26T11:00:00Z'),
          stopFlags: [flag],
        }),
      ).allowed,
    ).toBe(true);
  });

  it('refuses invalid and opted-out contact points, and work numbers the customer asked us not to call', () => {
    expect(codes(input({ contactPoint: { ...mobile, status: 'invalid' } }))).toEqual(['contact_point_invalid']);
    expect(codes(input({ contactPoint: { ...mobile, optedOut: true } }))).toEqual(['contact_point_opted_out']);
    const work = { ...mobile, type: 'work' as const, workInconvenient: true };
    expect(codes(input({ contactPoint: work }))).toEqual(['work_number_inconvenient']);
    expect(canContact(input({ contactPoint: { ...work, workInconvenient: false } })).allowed).toBe(true);
  });

  it('refuses a channel the contact point cannot carry', () => {
    expect(codes(input({ channel: 'email' }))).toEqual(['contact_point_wrong_channel']);
  });

  it('returns every reason at once', () => {
    const v = canContact(
      input({
        now: new Date('2026-11-21T03:00:00Z'),
        stopFlags: [{ type: 'cease_request', expiresAt: null }],
        contactPoint: { ...mobile, optedOut: true },
      }),
    );
    expect(v.reasons.map((r) => r.code)).toEqual(['stop_flag', 'contact_point_opted_out', 'outside_calling_window']);
  });
});

describe('callbacks the customer asked for', () => {
  const talked = call('2026-11-19T16:00:00Z', { partyReached: 'debtor', disposition: 'callback_requested' });
  const callback = { dueAt: new Date('2026-11-21T02:30:00Z'), requestedByCustomer: true }; // 21:30 New York

  it('are allowed at the agreed time, even after hours and in the quiet period', () => {
    const v = canContact(input({ now: new Date('2026-11-21T02:28:00Z'), attempts: [talked], callback }));
    expect(v).toMatchObject({ allowed: true, viaCallback: true });
  });

  it('are not allowed long before the agreed time', () => {
    const v = canContact(input({ now: new Date('2026-11-20T20:00:00Z'), attempts: [talked], callback }));
    expect(v.allowed).toBe(false);
  });

  it('never override a stop flag or an opt-out', () => {
    const v = canContact(
      input({
        now: new Date('2026-11-21T02:30:00Z'),
        callback,
        stopFlags: [{ type: 'attorney_represented', expiresAt: null }],
      }),
    );
    expect(v.reasons.map((r) => r.code)).toEqual(['stop_flag']);
  });
});

describe('per-channel opt-outs (Reg F 1006.6(e): an opt-out applies to that channel of that number)', () => {
  const smsOut = { ...mobile, optedOutChannels: ['sms'] as const };
  const everything = { ...mobile, optedOut: true, optedOutChannels: ['sms'] as const };
  const email: GateContactPoint = { ...mobile, id: 'e', kind: 'email', optedOutChannels: ['email'] };
  it.each([
    ['an SMS opt-out blocks SMS', smsOut, 'sms', ['contact_point_channel_opted_out']],
    ['an SMS opt-out leaves voice calls allowed', smsOut, 'phone', []],
    ['"opt out of everything" blocks a call', everything, 'phone', ['contact_point_opted_out']],
    ['"opt out of everything" blocks SMS (one reason, not two)', everything, 'sms', ['contact_point_opted_out']],
    ['an e-mail opt-out blocks e-mail', email, 'email', ['contact_point_channel_opted_out']],
    ['no opt-out: a call is allowed', mobile, 'phone', []],
  ] as const)('%s', (_name, contactPoint, channel, expected) => {
    expect(codes(input({ contactPoint, channel }))).toEqual(expected);
  });

  it('an opt-out never ends by itself and cannot be overridden, not even by a callback', () => {
    const v = canContact(input({ contactPoint: smsOut, channel: 'sms' }));
    expect(v).toMatchObject({ allowed: false, nextAllowedAt: null, overridable: false });
    const callback = { dueAt: new Date('2026-11-20T15:00:00Z'), requestedByCustomer: true };
    expect(codes(input({ contactPoint: everything, callback }))).toEqual(['contact_point_opted_out']);
  });
});

describe('times the customer said are inconvenient (CONC 7.9, 1006.6(b)(1))', () => {
  const UK_INPUT = { profile: UK, customerTimeZone: 'Europe/London' };
  const spans = [
    { start: '12:00', end: '14:00' },
    { start: '20:00', end: '08:30' },
  ];
  it.each([
    ['11:59 London, before the span', '2026-11-20T11:59:00Z', 'phone', [], null],
    [
      '12:00 London, inside the lunch span',
      '2026-11-20T12:00:00Z',
      'phone',
      ['customer_inconvenient_time'],
      '2026-11-20T14:00:00Z',
    ],
    ['13:30 London, SMS too', '2026-11-20T13:30:00Z', 'sms', ['customer_inconvenient_time'], '2026-11-20T14:00:00Z'],
    ['13:30 London, a letter is not timed', '2026-11-20T13:30:00Z', 'letter', ['contact_point_wrong_channel'], null],
    ['14:00 London, the end is exclusive', '2026-11-20T14:00:00Z', 'phone', [], null],
    [
      '20:30 London, the span across midnight',
      '2026-11-20T20:30:00Z',
      'phone',
      ['customer_inconvenient_time'],
      '2026-11-21T08:30:00Z',
    ],
    [
      '08:10 London, inside the window but still inconvenient',
      '2026-11-21T08:10:00Z',
      'phone',
      ['customer_inconvenient_time'],
      '2026-11-21T08:30:00Z',
    ],
  ] as const)('%s', (_name, now, channel, expected, next) => {
    const v = canContact(input({ ...UK_INPUT, now: new Date(now), channel, inconvenientTimes: spans }));
    expect(v.reasons.map((r) => r.code)).toEqual(expected);
    if (next) expect(v.nextAllowedAt).toEqual(new Date(next));
  });

  it('an agreed callback at that time is the customer’s own choice', () => {
    const callback = { dueAt: new Date('2026-11-20T12:30:00Z'), requestedByCustomer: true };
    const v = canContact(
      input({ ...UK_INPUT, now: new Date('2026-11-20T12:30:00Z'), inconvenientTimes: spans, callback }),
    );
    expect(v).toMatchObject({ allowed: true, viaCallback: true });
  });
});

describe('a customer-requested callback is prior consent only up to the profile’s horizon (Reg F 1006.14(b)(3)(i))', () => {
  // Due 21:30 New York on 2026-11-21 (after hours), right after a conversation (quiet period).
  const talked = call('2026-11-19T16:00:00Z', { partyReached: 'debtor', disposition: 'callback_requested' });
  const dueAt = new Date('2026-11-21T02:30:00Z');
  const DAY_MS = 86_400_000;
  it.each([
    ['asked 1 day before', 1, US, true],
    ['asked exactly 7 days before', 7, US, true],
    ['asked 8 days before: an ordinary appointment', 8, US, false],
    ['asked 81 days before: an ordinary appointment', 81, US, false],
    ['a profile with a 30-day horizon accepts 8 days', 8, { ...US, priorConsentDays: 30 }, true],
    ['a profile with no consent horizon never exempts', 1, { ...US, priorConsentDays: 0 }, false],
  ] as const)('%s', (_name, daysBefore, profile, exempt) => {
    const callback = { dueAt, requestedByCustomer: true, requestedAt: new Date(dueAt.getTime() - daysBefore * DAY_MS) };
    const v = canContact(input({ profile, now: dueAt, attempts: [talked], callback }));
    expect(v.viaCallback).toBe(exempt);
    expect(v.allowed).toBe(exempt);
    if (!exempt)
      expect(v.reasons.map((r) => r.code)).toEqual(['outside_calling_window', 'quiet_period_after_conversation']);
  });

  it.each([
    [7, true],
    [7.01, false],
  ])('callbackIsConsent for a callback %s days out: %s', (days, expected) => {
    const at = new Date('2026-11-20T15:00:00Z');
    expect(callbackIsConsent(at, new Date(at.getTime() + days * DAY_MS), US)).toBe(expected);
  });
});

describe('bestPhoneVerdict', () => {
  const base = {
    now: new Date('2026-11-20T15:00:00Z'),
    profile: US,
    customerTimeZone: 'America/New_York',
    stopFlags: [],
    attempts: [],
    callback: null,
  };
  const ranked = (id: string, over: Partial<GateContactPoint> & { lastSuccessAt?: Date | null } = {}) => ({
    ...mobile,
    id,
    lastSuccessAt: null,
    ...over,
  });

  it('prefers the number that reached the customer before', () => {
    const v = bestPhoneVerdict(base, [
      ranked('a'),
      ranked('b', { type: 'home', lastSuccessAt: new Date('2026-11-01T00:00:00Z') }),
    ]);
    expect(v).toMatchObject({ allowed: true, contactPointId: 'b' });
  });

  it('skips numbers that may not be called', () => {
    const v = bestPhoneVerdict(base, [ranked('a', { optedOut: true }), ranked('b', { type: 'work' })]);
    expect(v).toMatchObject({ allowed: true, contactPointId: 'b' });
  });

  it('explains when no phone is on file', () => {
    const v = bestPhoneVerdict(base, []);
    expect(v).toMatchObject({ allowed: false, contactPointId: null, nextAllowedAt: null });
    expect(v.reasons[0]!.message).toBe('No phone number is on file.');
  });
});

describe('how far back the gate looks', () => {
  const SEED = Number(process.env.FC_SEED ?? 20261202);
  const DAY = 86_400_000;

  it('is the longest window of any profile, plus a day for the customer’s calendar', () => {
    expect(gateLookbackDays(Object.values(DEFAULT_COMPLIANCE_PROFILES))).toBe(8);
    expect(gateLookbackDays([CN])).toBe(2); // today's unanswered calls only
    expect(gateLookbackDays([US, { ...UK, callCap: { maxCalls: 3, windowDays: 14 } }])).toBe(15);
    expect(gateLookbackDays([{ ...US, quietDaysAfterConversation: 30 }])).toBe(31);
    expect(gateLookbackDays([])).toBe(2);
    expect(gateLookbackStart(new Date('2026-11-20T15:00:00Z'), [US])).toEqual(new Date('2026-11-12T15:00:00Z'));
  });

  const profileArb: fc.Arbitrary<ComplianceProfilePolicy> = fc.record({
    profile: fc.constantFrom('US' as const, 'UK' as const, 'CN' as const),
    callWindow: fc.constantFrom({ start: '08:00', end: '21:00' }, { start: '00:00', end: '00:00' }),
    callCap: fc.option(
      fc.record({ maxCalls: fc.integer({ min: 1, max: 6 }), windowDays: fc.integer({ min: 1, max: 31 }) }),
    ),
    dailyUnansweredCapPerContactPoint: fc.option(fc.integer({ min: 1, max: 4 })),
    quietDaysAfterConversation: fc.integer({ min: 0, max: 30 }),
    priorConsentDays: fc.constant(7),
    stopFlags: fc.constant([]),
    overrideAllowed: fc.boolean(),
    retentionYears: fc.constant(3),
  });

  /**
   * A profile, an instant (spring and autumn clock changes included), a zone and a history whose
   * attempts cluster around the edge of the look-back window, where an omission would show.
   */
  const caseArb = (shortenBy: number) =>
    fc
      .record({
        profile: profileArb,
        now: fc.integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2026, 11, 1) }).map((t) => new Date(t)),
        zone: fc.constantFrom(
          'America/New_York',
          'Europe/London',
          'Asia/Shanghai',
          'Pacific/Kiritimati',
          'Pacific/Pago_Pago',
        ),
      })
      .chain(({ profile, now, zone }) => {
        const edge = (gateLookbackDays([profile]) - shortenBy) * DAY;
        const attemptArb = fc.record({
          ago: fc.oneof(
            fc.integer({ min: -3_600_000, max: 40 * DAY }),
            fc.integer({ min: edge - 2 * DAY, max: edge + DAY }),
            fc.integer({ min: edge - 2 * DAY, max: edge + DAY }),
          ),
          channel: fc.constantFrom('phone' as const, 'phone' as const, 'sms' as const),
          direction: fc.constantFrom('outbound' as const, 'outbound' as const, 'inbound' as const),
          contactPointId: fc.constantFrom('m', null),
          partyReached: fc.constantFrom('debtor' as const, 'nobody' as const, 'third_party' as const),
          disposition: fc.constantFrom(
            'right_party_contact',
            'promise_to_pay',
            'no_answer',
            'voicemail',
            'busy',
            'refused',
          ),
          customerRequested: fc.boolean(),
        });
        return fc.record({
          profile: fc.constant(profile),
          now: fc.constant(now),
          zone: fc.constant(zone),
          attempts: fc.array(attemptArb, { maxLength: 12 }),
        });
      });

  /** The verdict on the attempts since `shortenBy` days after the look-back start equals the verdict on all. */
  const omissionChangesNothing = (shortenBy: number) =>
    fc.property(caseArb(shortenBy), ({ profile, now, zone, attempts }) => {
      const all = attempts.map(({ ago, ...a }) => ({ ...a, at: new Date(now.getTime() - ago) }));
      const start = gateLookbackStart(now, [profile]).getTime() + shortenBy * DAY;
      const gate = (list: GateAttempt[]) => canContact(input({ now, profile, customerTimeZone: zone, attempts: list }));
      expect(gate(all.filter((a) => a.at.getTime() >= start))).toEqual(gate(all));
    });

  it('omitting what is older changes no verdict (random profiles, zones, instants and histories)', () => {
    fc.assert(omissionChangesNothing(0), { seed: SEED, numRuns: 400 });
  });

  it('the property has teeth: a window a day short of the longest rule misses what counts', () => {
    expect(fc.check(omissionChangesNothing(2), { seed: SEED, numRuns: 400 }).failed).toBe(true);
  });

  it('the extra day is needed: a conversation 7 days and 15 minutes ago still blocks across the clock change', () => {
    // Spoke at 00:30 on Thursday 29 October (EDT) in New York; clocks go back on Sunday 1 November,
    // so the quiet period (7 days, that day being day 1) ends at 00:00 EST on 5 November, 05:00Z.
    const conversation = call('2026-10-29T04:30:00Z', { partyReached: 'debtor', disposition: 'right_party_contact' });
    const now = new Date('2026-11-05T04:45:00Z'); // 7 days and 15 minutes later
    expect(codes(input({ now, attempts: [conversation] }))).toContain('quiet_period_after_conversation');
    expect(gateLookbackStart(now, [US]).getTime()).toBeLessThan(conversation.at.getTime());
    expect(now.getTime() - 7 * DAY).toBeGreaterThan(conversation.at.getTime()); // 7 days alone would omit it
  });
});
