import {
  PARTIES_REACHED,
  type ChannelCode,
  type DirectionCode,
  type DispositionCode,
  type PartyReachedCode,
  type StopFlagTypeCode,
} from '@crm/contracts';
import type { FieldProblem } from './promise-rules.js';

/**
 * Which outcome needs which fields: the one statement of it (ADR 016). The API validates a
 * recorded outcome with `outcomeProblems`; the web's outcome form offers
 * `dispositionsFor(party, channel, direction)`
 * and shows the sections `outcomeRequirements` asks for, so the two cannot disagree.
 *
 * The lawful matrix (compliance.md, "Third parties"; domain.md, "Outcomes"):
 * - the customer reached: a conversation (spoke, promise, callback asked, says paid, refused,
 *   dispute); a promise, a callback, a claimed payment and objections come only from them;
 * - a third party reached: never collected from and never told about the debt, so only "does
 *   not know the customer" (wrong number), "took a message" (message_left: a name and a number to
 *   call back, the US location call), "the customer is not available" (not_available), "will not
 *   pass a message" (message_refused) or "asked not to be called" (refused: marks them
 *   do-not-contact); old rows recorded "took a message" as voicemail, which stays readable;
 *   what they say can still stop contact (a stop flag: deceased, represented...), but it is never
 *   a promise, a claimed payment, or a callback time that would count as the customer's consent;
 * - nobody reached: no answer, busy, a voicemail, or a number not in service (wrong number);
 * - an inbound call (the customer called us): whoever called was reached; no gate, no cap;
 * - a text, an e-mail or a letter sent by hand: message_sent (nobody reached yet); a written reply
 *   from the customer: a conversation without a promise or a callback; a visit: the customer met,
 *   a third party at the door, or no one home (ADR 036).
 */

export type Requirement = 'required' | 'allowed' | 'forbidden';

export interface OutcomeRequirements {
  /** The disposition may be recorded when this party was reached. */
  lawful: boolean;
  /** A promise (one date) or a plan (2+ instalments): exactly one when required. */
  commitment: Requirement;
  /** A time agreed with the customer (it lets the gate allow a call then: their consent). */
  callbackAt: Requirement;
  /** "I already paid": when, how much, through which channel. */
  claimedPayment: Requirement;
  /** A stop flag set from what was said. */
  flag: Requirement;
  /** The type a required flag must have. */
  flagType: StopFlagTypeCode | null;
  /** Objection categories the customer raised. */
  objections: Requirement;
}

/**
 * Dispositions a collector may record, by channel, direction and party reached: the most frequent
 * first (the form's default). An empty list: that party cannot be reached that way (ADR 036).
 */
const PHONE_CUSTOMER: readonly DispositionCode[] = [
  'promise_to_pay',
  'right_party_contact',
  'callback_requested',
  'claims_paid',
  'refused',
  'dispute',
];
/** A written reply from the customer (an SMS, an e-mail, a letter): no promise or callback without a call. */
const WRITTEN_REPLY: readonly DispositionCode[] = ['right_party_contact', 'claims_paid', 'refused', 'dispute'];
type ByParty = Record<PartyReachedCode, readonly DispositionCode[]>;
const NONE: ByParty = { debtor: [], third_party: [], nobody: [] };
/** Sent by hand (a text, an e-mail, a letter): nobody was reached by sending it. */
const SENT: ByParty = { debtor: [], third_party: [], nobody: ['message_sent'] };
const REPLIED: ByParty = { debtor: WRITTEN_REPLY, third_party: [], nobody: [] };
const DISPOSITIONS_BY_WAY: Record<ChannelCode, Record<DirectionCode, ByParty>> = {
  phone: {
    outbound: {
      debtor: PHONE_CUSTOMER,
      // Never told about the debt: doesn't know the customer, a message left (a name and a number to
      // call back), the customer not available, declines to pass a message, or asks not to be called.
      third_party: ['message_left', 'not_available', 'message_refused', 'wrong_number', 'refused'],
      nobody: ['no_answer', 'busy', 'voicemail', 'wrong_number'],
    },
    // The customer called us (or someone calling for them): whoever called was reached.
    inbound: {
      debtor: PHONE_CUSTOMER,
      third_party: ['message_left', 'wrong_number', 'refused'],
      nobody: [],
    },
  },
  sms: { outbound: SENT, inbound: REPLIED },
  email: { outbound: SENT, inbound: REPLIED },
  letter: { outbound: SENT, inbound: REPLIED },
  // A visit: the customer met, a third party at the door, no one home. Nobody visits us.
  visit: {
    outbound: {
      debtor: ['right_party_contact', 'refused'],
      third_party: ['not_available', 'refused'],
      nobody: ['no_answer'],
    },
    inbound: NONE,
  },
};

/** Callback times the customer may agree on: not after refusing, not while disputing the debt. */
const CALLBACK_ALLOWED = new Set<DispositionCode>(['promise_to_pay', 'right_party_contact', 'claims_paid']);

/**
 * The dispositions that may be recorded when `party` was reached on `channel` in `direction`, in
 * the order the form offers them (an outbound phone call when not given).
 */
export function dispositionsFor(
  party: PartyReachedCode,
  channel: ChannelCode = 'phone',
  direction: DirectionCode = 'outbound',
): readonly DispositionCode[] {
  return DISPOSITIONS_BY_WAY[channel][direction][party];
}

/** The parties who may be reached on `channel` in `direction` (the "who answered?" choices). */
export function partiesReachable(channel: ChannelCode = 'phone', direction: DirectionCode = 'outbound') {
  return PARTIES_REACHED.filter((p) => dispositionsFor(p, channel, direction).length > 0);
}

/** The parties for whom `disposition` may be recorded on `channel` in `direction`. */
export function partiesFor(
  disposition: DispositionCode,
  channel: ChannelCode = 'phone',
  direction: DirectionCode = 'outbound',
): PartyReachedCode[] {
  return PARTIES_REACHED.filter((p) => dispositionsFor(p, channel, direction).includes(disposition));
}

/** What an outcome (who was reached, what happened) must, may and must not carry. */
export function outcomeRequirements(
  party: PartyReachedCode,
  disposition: DispositionCode,
  channel: ChannelCode = 'phone',
  direction: DirectionCode = 'outbound',
): OutcomeRequirements {
  const customer = party === 'debtor';
  return {
    lawful: dispositionsFor(party, channel, direction).includes(disposition),
    commitment: disposition === 'promise_to_pay' ? 'required' : 'forbidden',
    callbackAt: !customer
      ? 'forbidden'
      : disposition === 'callback_requested'
        ? 'required'
        : CALLBACK_ALLOWED.has(disposition)
          ? 'allowed'
          : 'forbidden',
    claimedPayment: disposition === 'claims_paid' ? 'required' : 'forbidden',
    flag: disposition === 'dispute' ? 'required' : party === 'nobody' ? 'forbidden' : 'allowed',
    flagType: disposition === 'dispute' ? 'dispute_hold' : null,
    objections: customer ? 'allowed' : 'forbidden',
  };
}

/** An outcome as recorded: which parts are present (their contents are checked by their own rules). */
export interface OutcomeShape {
  channel: ChannelCode;
  /** Outbound when not given. */
  direction?: DirectionCode | undefined;
  contactPointId?: string | undefined;
  partyReached: PartyReachedCode;
  disposition: DispositionCode;
  promise?: unknown;
  plan?: unknown;
  planChannel?: unknown;
  callbackAt?: unknown;
  claimedPayment?: unknown;
  flag?: { type: StopFlagTypeCode } | undefined;
  objections?: readonly string[] | undefined;
  thirdPartyId?: string | undefined;
  thirdParty?: unknown;
  thirdPartyAsksMoreContact?: boolean | undefined;
  rightPartyVerification?: unknown;
}

/** Channels that reach a contact point the customer has on file: it must be named. */
const NEEDS_CONTACT_POINT = new Set<ChannelCode>(['phone', 'sms', 'email']);

/**
 * Every problem with the shape of an outcome, each naming its field: a disposition that does not
 * fit who was reached, a part the outcome needs and lacks, a part it must not carry.
 */
export function outcomeProblems(body: OutcomeShape): FieldProblem[] {
  const { partyReached: party, disposition, channel } = body;
  const direction = body.direction ?? 'outbound';
  const r = outcomeRequirements(party, disposition, channel, direction);
  const problems: FieldProblem[] = [];
  const notFor = `cannot be recorded with disposition ${disposition}`;
  const notHere = { code: 'not_allowed_here', params: { disposition } } as const;

  const identified = body.thirdPartyId !== undefined || body.thirdParty !== undefined;
  // A call to a third party's own number names the third party instead of a contact point of the customer's.
  const toThirdParty = party === 'third_party' && identified && body.channel === 'phone';
  // An inbound call may come from a number not on file (or withheld): it names none.
  const fromUnknownNumber = direction === 'inbound' && body.channel === 'phone';
  if (!body.contactPointId && NEEDS_CONTACT_POINT.has(body.channel) && !toThirdParty && !fromUnknownNumber)
    problems.push({
      field: 'contactPointId',
      code: 'required',
      message:
        party === 'third_party' && body.channel === 'phone'
          ? 'is required for phone (or name the third party called: thirdPartyId or thirdParty)'
          : `is required for ${body.channel}`,
    });
  if (body.thirdPartyId !== undefined && body.thirdParty !== undefined)
    problems.push({
      field: 'thirdParty',
      code: 'only_one_of',
      params: { fields: 'thirdPartyId, thirdParty' },
      message: 'give either thirdPartyId (someone on file) or thirdParty (someone new), not both',
    });
  if (party !== 'third_party') {
    for (const field of ['thirdPartyId', 'thirdParty', 'thirdPartyAsksMoreContact'] as const)
      if (body[field] !== undefined)
        problems.push({ field, code: 'not_allowed_here', message: 'is only recorded when a third party was reached' });
  }
  if (party !== 'debtor' && body.rightPartyVerification !== undefined)
    problems.push({
      field: 'rightPartyVerification',
      code: 'not_allowed_here',
      message: 'confirms the customer was reached: it is only recorded with partyReached debtor',
    });
  if (!r.lawful) {
    const parties = partiesFor(disposition, channel, direction);
    const way = channel === 'phone' && direction === 'outbound' ? '' : ` (${direction} ${channel})`;
    const allowed = PARTIES_REACHED.flatMap((p) => dispositionsFor(p, channel, direction)).filter(
      (d, i, all) => all.indexOf(d) === i,
    );
    problems.push(
      parties.length > 0
        ? {
            field: 'partyReached',
            code: 'not_one_of',
            params: { options: parties.join(', ') },
            message: `must be ${parties.join(' or ')} for disposition ${disposition}${way}`,
          }
        : {
            field: 'disposition',
            code: 'not_one_of',
            params: { options: allowed.join(', ') },
            message: `cannot be recorded for an ${direction} ${channel}: must be one of ${allowed.join(', ') || 'none'}`,
          },
    );
  }

  const promise = body.promise !== undefined;
  const plan = body.plan !== undefined;
  if (r.commitment === 'required' && !promise && !plan)
    problems.push({ field: 'promise', code: 'required', message: 'is required for a promise to pay (or give a plan)' });
  if (promise && plan)
    problems.push({
      field: 'plan',
      code: 'only_one_of',
      params: { fields: 'promise, plan' },
      message: 'give either a single promise or a plan, not both',
    });
  if (r.commitment === 'forbidden') {
    if (promise)
      problems.push({ field: 'promise', ...notHere, message: `${notFor}: only a promise to pay records one` });
    if (plan) problems.push({ field: 'plan', ...notHere, message: `${notFor}: only a promise to pay records one` });
  }
  if (body.planChannel !== undefined && !plan)
    problems.push({ field: 'planChannel', code: 'not_allowed_here', message: 'is only given with a plan' });

  if (r.callbackAt === 'required' && body.callbackAt === undefined)
    problems.push({
      field: 'callbackAt',
      code: 'required',
      message: 'is required when the customer asks to be called back',
    });
  if (r.callbackAt === 'forbidden' && body.callbackAt !== undefined)
    problems.push({
      field: 'callbackAt',
      ...notHere,
      message:
        party === 'debtor'
          ? `${notFor}: the customer agreed no time to be called`
          : 'is a time agreed with the customer: it cannot be set when the customer was not reached',
    });

  if (r.claimedPayment === 'required' && body.claimedPayment === undefined)
    problems.push({
      field: 'claimedPayment',
      code: 'required',
      message: 'is required: when, how much and through which channel the customer says they paid',
    });
  if (r.claimedPayment === 'forbidden' && body.claimedPayment !== undefined)
    problems.push({ field: 'claimedPayment', ...notHere, message: `${notFor}: only claims_paid records one` });

  if (r.flag === 'required' && !body.flag)
    problems.push({
      field: 'flag',
      code: 'required',
      message: 'is required for a dispute: record a dispute_hold with the reason',
    });
  if (r.flagType && body.flag && body.flag.type !== r.flagType)
    problems.push({
      field: 'flag.type',
      code: 'must_be',
      params: { value: r.flagType },
      message: `must be ${r.flagType} for disposition ${disposition}`,
    });
  if (r.flag === 'forbidden' && body.flag)
    problems.push({
      field: 'flag',
      code: 'not_allowed_here',
      message: 'cannot be set when nobody was reached: no one said anything to base it on',
    });

  if (r.objections === 'forbidden' && body.objections && body.objections.length > 0)
    problems.push({
      field: 'objections',
      code: 'not_allowed_here',
      message: 'are what the customer raised: they are only recorded when the customer was reached',
    });
  return problems;
}
