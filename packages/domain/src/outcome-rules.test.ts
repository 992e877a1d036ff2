import { DISPOSITIONS, PARTIES_REACHED, type DispositionCode, type PartyReachedCode } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import {
  dispositionsFor,
  outcomeProblems,
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
  ['third_party', 'no_answer',           false,  F,           F,       F,      A,   F],
  ['third_party', 'busy',                false,  F,           F,       F,      A,   F],
  ['third_party', 'voicemail',           true,   F,           F,       F,      A,   F],
  ['third_party', 'wrong_number',        true,   F,           F,       F,      A,   F],
  ['third_party', 'right_party_contact', false,  F,           F,       F,      A,   F],
  ['third_party', 'refused',             true,   F,           F,       F,      A,   F],
  ['third_party', 'dispute',             false,  F,           F,       F,      R,   F],
  ['third_party', 'claims_paid',         false,  F,           F,       R,      A,   F],
  ['third_party', 'callback_requested',  false,  F,           F,       F,      A,   F],
  ['third_party', 'promise_to_pay',      false,  R,           F,       F,      A,   F],
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
    expect(dispositionsFor('third_party')[0]).toBe('wrong_number');
    expect(dispositionsFor('nobody')[0]).toBe('no_answer');
    // Every disposition is lawful for someone.
    for (const d of DISPOSITIONS) expect(PARTIES_REACHED.some((p) => dispositionsFor(p).includes(d))).toBe(true);
  });
});

describe('outcome problems', () => {
  it.each(MATRIX)('%s / %s: accepted with what it needs, or refused naming partyReached', (...row) => {
    const [party, disposition, lawful] = row;
    const problems = outcomeProblems(minimalBody(row));
    if (lawful) expect(problems).toEqual([]);
    else
      expect(problems).toEqual([
        {
          field: 'partyReached',
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

  it('names the contact point a phone call, a text or an e-mail needs; a letter or a visit needs none', () => {
    const base = { partyReached: 'nobody', disposition: 'no_answer' } as const;
    for (const channel of ['phone', 'sms', 'email'] as const)
      expect(outcomeProblems({ ...base, channel })).toEqual([
        { field: 'contactPointId', message: `is required for ${channel}` },
      ]);
    for (const channel of ['letter', 'visit'] as const) expect(outcomeProblems({ ...base, channel })).toEqual([]);
  });

  it.each([
    [
      'a call to a third party on file, on their own number',
      { partyReached: 'third_party', disposition: 'voicemail', thirdPartyId: 't' },
      [],
    ],
    [
      'a call to someone new, on their own number',
      { partyReached: 'third_party', disposition: 'voicemail', thirdParty: { name: 'A', relationship: 'spouse' } },
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
      { partyReached: 'third_party', disposition: 'voicemail' },
      ['contactPointId'],
    ],
    [
      'both a third party on file and a new one',
      { partyReached: 'third_party', disposition: 'voicemail', thirdPartyId: 't', thirdParty: {} },
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
      'an SMS to a third party still needs a contact point',
      { channel: 'sms', partyReached: 'third_party', disposition: 'voicemail', thirdPartyId: 't' },
      ['contactPointId'],
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
      { partyReached: 'third_party', disposition: 'voicemail' },
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
        channel: 'letter',
        partyReached,
        disposition,
        ...(disposition === 'promise_to_pay' ? PART.commitment : {}),
      })[0]?.message;
    expect(message('third_party', 'promise_to_pay')).toBe('must be debtor for disposition promise_to_pay');
    expect(message('debtor', 'no_answer')).toBe('must be nobody for disposition no_answer');
    expect(message('debtor', 'wrong_number')).toBe('must be third_party or nobody for disposition wrong_number');
    expect(message('nobody', 'refused')).toBe('must be debtor or third_party for disposition refused');
  });
});
