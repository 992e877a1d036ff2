import {
  CHANNELS,
  DIRECTIONS,
  DISPOSITIONS,
  PARTIES_REACHED,
  type ChannelCode,
  type DirectionCode,
  type DispositionCode,
  type PartyReachedCode,
} from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import {
  dispositionsFor,
  outcomeProblems,
  partiesReachable,
  outcomeRequirements,
  type OutcomeShape,
  type Requirement,
} from './outcome-rules.js';

const R = 'required' as const;
const A = 'allowed' as const;
const F = 'forbidden' as const;
type Row = [
  party: PartyReachedCode,
  disposition: DispositionCode,
  lawful: boolean,
  commitment: Requirement,
  callbackAt: Requirement,
  claimedPayment: Requirement,
  flag: Requirement,
  objections: Requirement,
];

/** The lawful matrix, written out for every combination (ADR 016). */
// prettier-ignore
const MATRIX: Row[] = [
  //  party          disposition            lawful  promise/plan callback claimed flag objections
  ['debtor',      'no_answer',           false,  F,           F,       F,      A,   A],
  ['debtor',      'busy',                false,  F,           F,       F,      A,   A],
  ['debtor',      'voicemail',           false,  F,           F,       F,      A,   A],
  ['debtor',      'wrong_number',        false,  F,           F,       F,      A,   A],
  ['debtor',      'right_party_contact', true,   F,           A,       F,      A,   A],
  ['debtor',      'refused',             true,   F,           F,       F,      A,   A],
  ['debtor',      'dispute',             true,   F,           F,       F,      R,   A],
  ['debtor',      'claims_paid',         true,   F,           A,       R,      A,   A],
  ['debtor',      'callback_requested',  true,   F,           R,       F,      A,   A],
  ['debtor',      'promise_to_pay',      true,   R,           A,       F,      A,   A],
  ['debtor',      'message_left',        false,  F,           F,       F,      A,   A],
  ['debtor',      'not_available',       false,  F,           F,       F,      A,   A],
  ['debtor',      'message_refused',     false,  F,           F,       F,      A,   A],
  ['debtor',      'message_sent',        false,  F,           F,       F,      A,   A],
  ['third_party', 'no_answer',           false,  F,           F,       F,      A,   F],
  ['third_party', 'busy',                false,  F,           F,       F,      A,   F],
  ['third_party', 'voicemail',           false,   F,           F,       F,      A,   F],
  ['third_party', 'wrong_number',        true,   F,           F,       F,      A,   F],
  ['third_party', 'right_party_contact', false,  F,           F,       F,      A,   F],
  ['third_party', 'refused',             true,   F,           F,       F,      A,   F],
  ['third_party', 'dispute',             false,  F,           F,       F,      R,   F],
  ['third_party', 'claims_paid',         false,  F,           F,       R,      A,   F],
  ['third_party', 'callback_requested',  false,  F,           F,       F,      A,   F],
  ['third_party', 'promise_to_pay',      false,  R,           F,       F,      A,   F],
  ['third_party', 'message_left',        true,   F,           F,       F,      A,   F],
  ['third_party', 'not_available',       true,   F,           F,       F,      A,   F],
  ['third_party', 'message_refused',     true,   F,           F,       F,      A,   F],
  ['third_party', 'message_sent',        false,  F,           F,       F,      A,   F],
  ['nobody',      'no_answer',           true,   F,           F,       F,      F,   F],
  ['nobody',      'busy',                true,   F,           F,       F,      F,   F],
  ['nobody',      'voicemail',           true,   F,           F,       F,      F,   F],
  ['nobody',      'wrong_number',        true,   F,           F,       F,      F,   F],
  ['nobody',      'right_party_contact', false,  F,           F,       F,      F,   F],
  ['nobody',      'refused',             false,  F,           F,       F,      F,   F],
  ['nobody',      'dispute',             false,  F,           F,       F,      R,   F],
  ['nobody',      'claims_paid',         false,  F,           F,       R,      F,   F],
  ['nobody',      'callback_requested',  false,  F,           F,       F,      F,   F],
  ['nobody',      'promise_to_pay',      false,  R,           F,       F,      F,   F],
  ['nobody',      'message_left',        false,  F,           F,       F,      F,   F],
  ['nobody',      'not_available',       false,  F,           F,       F,      F,   F],
  ['nobody',      'message_refused',     false,  F,           F,       F,      F,   F],
  ['nobody',      'message_sent',        false,  F,           F,       F,      F,   F],
];

/** The parts a body carries to satisfy (or break) a requirement. */
const PART = {
  commitment: { promise: { amountMinor: 100, dueDate: '2026-12-01', channel: 'card' } },
  callbackAt: { callbackAt: '2026-12-01T15:00:00Z' },
  claimedPayment: { claimedPayment: { paidAt: '2026-11-20', amountMinor: 100, channel: 'card' } },
  flag: { flag: { type: 'dispute_hold' as const } },
  objections: { objections: ['cash_flow'] },
} satisfies Record<string, Partial<OutcomeShape>>;
type Part = keyof typeof PART;
const PARTS = Object.keys(PART) as Part[];
const FIELD: Record<Part, string> = {
  commitment: 'promise',
  callbackAt: 'callbackAt',
  claimedPayment: 'claimedPayment',
  flag: 'flag',
  objections: 'objections',
};

function requirementsOf([, , , commitment, callbackAt, claimedPayment, flag, objections]: Row) {
  return { commitment, callbackAt, claimedPayment, flag, objections } as Record<Part, Requirement>;
}

/** The smallest body the row accepts: a phone call with the required parts. */
function minimalBody(row: Row): OutcomeShape {
  const [partyReached, disposition] = row;
  const body: OutcomeShape = { channel: 'phone', contactPointId: 'cp', partyReached, disposition };
  const req = requirementsOf(row);
  for (const part of PARTS) if (req[part] === 'required') Object.assign(body, PART[part]);
  return body;
}

const fields = (body: OutcomeShape) => outcomeProblems(body).map((p) => p.field);

describe('outcome requirements', () => {
  it('the table covers every party and disposition exactly once', () => {
    const combos = MATRIX.map(([p, d]) => `${p}/${d}`);
    expect(new Set(combos).size).toBe(combos.length);
    expect(combos.length).toBe(PARTIES_REACHED.length * DISPOSITIONS.length);
  });

  it.each(MATRIX)('%s / %s', (...row) => {
    const [party, disposition, lawful] = row;
    expect(outcomeRequirements(party, disposition)).toEqual({
      lawful,
      ...requirementsOf(row),
      flagType: disposition === 'dispute' ? 'dispute_hold' : null,
    });
    expect(dispositionsFor(party).includes(disposition)).toBe(lawful);
  });

  it('offers the most frequent outcome first, and each party at least one', () => {
    expect(dispositionsFor('debtor')[0]).toBe('promise_to_pay');
    expect(dispositionsFor('third_party')[0]).toBe('message_left');
    expect(dispositionsFor('nobody')[0]).toBe('no_answer');
    // Every disposition is lawful for someone, on some channel (voicemail from a third party: old rows only).
    const ways = CHANNELS.flatMap((c) => DIRECTIONS.map((d) => [c, d] as const));
    for (const d of DISPOSITIONS)
      expect(PARTIES_REACHED.some((p) => ways.some(([c, dir]) => dispositionsFor(p, c, dir).includes(d)))).toBe(true);
  });
});

describe('outcome problems', () => {
  it.each(MATRIX)('%s / %s: accepted with what it needs, or refused naming partyReached', (...row) => {
    const [party, disposition, lawful] = row;
    const problems = outcomeProblems(minimalBody(row));
    if (lawful) expect(problems).toEqual([]);
    else if (disposition === 'message_sent')
      // Nobody may record it for a phone call: the disposition itself is named.
      expect(problems).toEqual([
        {
          field: 'disposition',
          code: 'not_one_of',
          params: { options: expect.any(String) },
          message: expect.stringMatching(/^cannot be recorded for an outbound phone/),
        },
      ]);
    else
      expect(problems).toEqual([
        {
          field: 'partyReached',
          code: 'not_one_of',
          params: { options: expect.any(String) },
          message: expect.stringMatching(new RegExp(`^must be .+ for disposition ${disposition}$`)),
        },
      ]);
    if (!lawful) expect(problems[0]!.message).not.toContain(party);
  });

  it.each(MATRIX.filter((row) => row[2]))(
    '%s / %s: a missing required part and a forbidden one are named',
    (...row) => {
      const req = requirementsOf(row);
      for (const part of PARTS) {
        if (req[part] === 'required') {
          const body = minimalBody(row);
          for (const key of Object.keys(PART[part])) delete (body as unknown as Record<string, unknown>)[key];
          expect(fields(body), `without ${part}`).toEqual([FIELD[part]]);
        } else if (req[part] === 'forbidden') {
          expect(fields({ ...minimalBody(row), ...PART[part] }), `with ${part}`).toEqual([FIELD[part]]);
        } else {
          expect(fields({ ...minimalBody(row), ...PART[part] }), `with ${part}`).toEqual([]);
        }
      }
    },
  );

  it('a promise and a plan together, a plan channel without a plan, a dispute flagged as something else', () => {
    const promise = minimalBody(['debtor', 'promise_to_pay', true, R, A, F, A, A]);
    expect(fields({ ...promise, plan: [] })).toEqual(['plan']);
    expect(fields({ ...promise, planChannel: 'card' })).toEqual(['planChannel']);
    expect(
      fields({
        channel: 'phone',
        contactPointId: 'cp',
        partyReached: 'debtor',
        disposition: 'dispute',
        flag: { type: 'cease_request' },
      }),
    ).toEqual(['flag.type']);
  });

  it('names the contact point a phone call, a text or an e-mail needs; a letter, a visit, an inbound call none', () => {
    expect(outcomeProblems({ partyReached: 'nobody', disposition: 'no_answer', channel: 'phone' })).toEqual([
      { field: 'contactPointId', code: 'required', message: 'is required for phone' },
    ]);
    for (const channel of ['sms', 'email'] as const)
      expect(outcomeProblems({ partyReached: 'nobody', disposition: 'message_sent', channel })).toEqual([
        { field: 'contactPointId', code: 'required', message: `is required for ${channel}` },
      ]);
    expect(outcomeProblems({ partyReached: 'nobody', disposition: 'message_sent', channel: 'letter' })).toEqual([]);
    expect(outcomeProblems({ partyReached: 'nobody', disposition: 'no_answer', channel: 'visit' })).toEqual([]);
    expect(
      outcomeProblems({
        partyReached: 'debtor',
        disposition: 'right_party_contact',
        channel: 'phone',
        direction: 'inbound',
      }),
    ).toEqual([]);
  });

  it.each([
    [
      'a call to a third party on file, on their own number',
      { partyReached: 'third_party', disposition: 'message_left', thirdPartyId: 't' },
      [],
    ],
    [
      'a call to someone new, on their own number',
      { partyReached: 'third_party', disposition: 'message_left', thirdParty: { name: 'A', relationship: 'spouse' } },
      [],
    ],
    [
      'a third party reached on the customer’s number, named',
      { partyReached: 'third_party', disposition: 'refused', contactPointId: 'cp', thirdPartyId: 't' },
      [],
    ],
    [
      'a third party reached on the customer’s number, not named',
      { partyReached: 'third_party', disposition: 'wrong_number', contactPointId: 'cp' },
      [],
    ],
    [
      'a third-party call naming nobody and no number',
      { partyReached: 'third_party', disposition: 'message_left' },
      ['contactPointId'],
    ],
    [
      'both a third party on file and a new one',
      { partyReached: 'third_party', disposition: 'message_left', thirdPartyId: 't', thirdParty: {} },
      ['thirdParty'],
    ],
    [
      'a third party named when the customer was reached',
      { partyReached: 'debtor', disposition: 'right_party_contact', contactPointId: 'cp', thirdPartyId: 't' },
      ['thirdPartyId'],
    ],
    [
      '"asks for more contact" when nobody answered',
      { partyReached: 'nobody', disposition: 'no_answer', contactPointId: 'cp', thirdPartyAsksMoreContact: true },
      ['thirdPartyAsksMoreContact'],
    ],
    [
      'an SMS to a third party still needs a contact point (and reaches nobody by being sent)',
      { channel: 'sms', partyReached: 'third_party', disposition: 'message_left', thirdPartyId: 't' },
      ['contactPointId', 'disposition'],
    ],
  ] as const)('third parties: %s', (_name, body, expected) => {
    expect(fields({ channel: 'phone', ...body } as OutcomeShape)).toEqual(expected);
  });

  const verified = { method: 'name_and_date_of_birth', verifiedAt: '2026-12-02T10:00:00Z' };
  it.each([
    ['the customer, confirmed', { partyReached: 'debtor', disposition: 'right_party_contact' }, []],
    ['the confirmed customer refusing', { partyReached: 'debtor', disposition: 'refused' }, []],
    [
      'a third party cannot be confirmed as the customer',
      { partyReached: 'third_party', disposition: 'message_left' },
      ['rightPartyVerification'],
    ],
    ['nobody answered', { partyReached: 'nobody', disposition: 'no_answer' }, ['rightPartyVerification']],
  ] as const)('right-party verification: %s', (_name, body, expected) => {
    expect(
      fields({ channel: 'phone', contactPointId: 'cp', rightPartyVerification: verified, ...body } as OutcomeShape),
    ).toEqual(expected);
  });

  it('says which parties a disposition fits', () => {
    const message = (partyReached: PartyReachedCode, disposition: DispositionCode) =>
      outcomeProblems({
        channel: 'phone',
        contactPointId: 'cp',
        partyReached,
        disposition,
        ...(disposition === 'promise_to_pay' ? PART.commitment : {}),
      })[0]?.message;
    expect(message('third_party', 'promise_to_pay')).toBe('must be debtor for disposition promise_to_pay');
    expect(message('debtor', 'no_answer')).toBe('must be nobody for disposition no_answer');
    expect(message('debtor', 'wrong_number')).toBe('must be third_party or nobody for disposition wrong_number');
    expect(message('nobody', 'refused')).toBe('must be debtor or third_party for disposition refused');
    expect(message('debtor', 'message_left')).toBe('must be third_party for disposition message_left');
  });
});

/** Which outcomes each channel and direction offers (ADR 036): the minimal lawful set, written out. */
// prettier-ignore
const WAYS: [ChannelCode, DirectionCode, PartyReachedCode, DispositionCode[]][] = [
  ['phone',  'outbound', 'debtor',      ['promise_to_pay', 'right_party_contact', 'callback_requested', 'claims_paid', 'refused', 'dispute']],
  ['phone',  'outbound', 'third_party', ['message_left', 'not_available', 'message_refused', 'wrong_number', 'refused']],
  ['phone',  'outbound', 'nobody',      ['no_answer', 'busy', 'voicemail', 'wrong_number']],
  ['phone',  'inbound',  'debtor',      ['promise_to_pay', 'right_party_contact', 'callback_requested', 'claims_paid', 'refused', 'dispute']],
  ['phone',  'inbound',  'third_party', ['message_left', 'wrong_number', 'refused']],
  ['phone',  'inbound',  'nobody',      []],
  ['sms',    'outbound', 'debtor',      []],
  ['sms',    'outbound', 'third_party', []],
  ['sms',    'outbound', 'nobody',      ['message_sent']],
  ['sms',    'inbound',  'debtor',      ['right_party_contact', 'claims_paid', 'refused', 'dispute']],
  ['sms',    'inbound',  'third_party', []],
  ['sms',    'inbound',  'nobody',      []],
  ['email',  'outbound', 'debtor',      []],
  ['email',  'outbound', 'third_party', []],
  ['email',  'outbound', 'nobody',      ['message_sent']],
  ['email',  'inbound',  'debtor',      ['right_party_contact', 'claims_paid', 'refused', 'dispute']],
  ['email',  'inbound',  'third_party', []],
  ['email',  'inbound',  'nobody',      []],
  ['letter', 'outbound', 'debtor',      []],
  ['letter', 'outbound', 'third_party', []],
  ['letter', 'outbound', 'nobody',      ['message_sent']],
  ['letter', 'inbound',  'debtor',      ['right_party_contact', 'claims_paid', 'refused', 'dispute']],
  ['letter', 'inbound',  'third_party', []],
  ['letter', 'inbound',  'nobody',      []],
  ['visit',  'outbound', 'debtor',      ['right_party_contact', 'refused']],
  ['visit',  'outbound', 'third_party', ['not_available', 'refused']],
  ['visit',  'outbound', 'nobody',      ['no_answer']],
  ['visit',  'inbound',  'debtor',      []],
  ['visit',  'inbound',  'third_party', []],
  ['visit',  'inbound',  'nobody',      []],
];

describe('outcomes by channel and direction', () => {
  it('the table covers every channel, direction and party exactly once', () => {
    const combos = WAYS.map(([c, d, p]) => `${c}/${d}/${p}`);
    expect(new Set(combos).size).toBe(CHANNELS.length * DIRECTIONS.length * PARTIES_REACHED.length);
  });

  it.each(WAYS)('%s %s, %s reached: offers %j', (channel, direction, party, expected) => {
    expect(dispositionsFor(party, channel, direction)).toEqual(expected);
    for (const d of DISPOSITIONS) {
      expect(outcomeRequirements(party, d, channel, direction).lawful).toBe(expected.includes(d));
      const problems = outcomeProblems({
        channel,
        direction,
        contactPointId: 'cp',
        partyReached: party,
        disposition: d,
      });
      const refused = problems.some((p) => p.field === 'partyReached' || p.field === 'disposition');
      expect(refused, `${d}`).toBe(!expected.includes(d));
    }
  });

  it('the parties offered are those with something to record', () => {
    expect(partiesReachable('phone', 'outbound')).toEqual(['debtor', 'third_party', 'nobody']);
    expect(partiesReachable('phone', 'inbound')).toEqual(['debtor', 'third_party']);
    expect(partiesReachable('sms', 'outbound')).toEqual(['nobody']);
    expect(partiesReachable('email', 'inbound')).toEqual(['debtor']);
    expect(partiesReachable('visit', 'inbound')).toEqual([]);
  });

  it.each([
    [
      { channel: 'sms', disposition: 'no_answer', partyReached: 'nobody' },
      'disposition',
      /^cannot be recorded for an outbound sms: must be one of message_sent$/,
    ],
    [
      { channel: 'sms', direction: 'inbound', disposition: 'promise_to_pay', partyReached: 'debtor' },
      'disposition',
      /inbound sms/,
    ],
    [
      { channel: 'visit', disposition: 'right_party_contact', partyReached: 'nobody' },
      'partyReached',
      /^must be debtor for disposition right_party_contact \(outbound visit\)$/,
    ],
    [
      { channel: 'phone', direction: 'inbound', disposition: 'no_answer', partyReached: 'nobody' },
      'disposition',
      /inbound phone/,
    ],
  ] as const)('names what is wrong: %j', (body, field, message) => {
    const problems = outcomeProblems({ contactPointId: 'cp', ...body } as OutcomeShape);
    expect(problems).toContainEqual(expect.objectContaining({ field, message: expect.stringMatching(message) }));
  });

  it('a third party is never promised with, called back on their word, or paid by', () => {
    for (const disposition of ['message_left', 'not_available', 'message_refused'] as const) {
      const r = outcomeRequirements('third_party', disposition);
      expect([r.lawful, r.commitment, r.callbackAt, r.claimedPayment, r.objections]).toEqual([
        true,
        'forbidden',
        'forbidden',
        'forbidden',
        'forbidden',
      ]);
    }
  });
});
