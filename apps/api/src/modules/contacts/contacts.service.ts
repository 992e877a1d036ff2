import type { RecordContactBody, RecordContactResponse, SessionUser } from '@crm/contracts';
import { Prisma } from '@crm/db';
import { callbackProblems, canContact, daysPastDue, localDate, planProblems, promiseProblems, stageFor, type FieldProblem } from '@crm/domain';
import { isoDay } from '../../lib/date-columns.js';
import type { Clock } from '../../lib/clock.js';
import { BadRequestError, ContactNotAllowedError, NotFoundError } from '../../lib/errors.js';
import type { AccountAccess } from '../accounts/account-access.js';
import type { GateFactsRepository } from '../compliance/gate-facts.repository.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import type { ContactsRepository } from './contacts.repository.js';

export interface ContactsServiceDeps {
  contacts: ContactsRepository;
  access: AccountAccess;
  gateFacts: Pick<GateFactsRepository, 'load'>;
  policies: Pick<PoliciesRepository, 'complianceProfiles' | 'promiseRules' | 'stageThresholds'>;
  clock: Clock;
  /** Told after each recording (the queue drops the collector's snapshot). */
  onRecorded?: (collectorId: string) => void;
}

const KIND_FOR_CHANNEL = { phone: 'phone', sms: 'phone', email: 'email', letter: 'address', visit: 'address' } as const;

type Stored = NonNullable<Awaited<ReturnType<ContactsRepository['findByIdempotencyKey']>>>;

function replay(a: Stored): RecordContactResponse {
  return {
    id: a.id,
    accountId: a.accountId,
    startedAt: a.startedAt.toISOString(),
    disposition: a.disposition,
    promiseIds: a.promises.map((p) => p.id),
    planId: a.plans[0]?.id ?? null,
    callbackId: a.callbacks[0]?.id ?? null,
    stopFlagId: null,
    overrideUsed: a.overrideReasonCode !== null,
  };
}

export type ContactsService = ReturnType<typeof createContactsService>;

export function createContactsService({ contacts, access, gateFacts, policies, clock, onRecorded }: ContactsServiceDeps) {
  return {
    /**
     * Records one contact attempt with whatever it produced. Returns `replayed: true` with the
     * first result when the same Idempotency-Key was already used by this user.
     */
    async record(user: SessionUser, accountId: string, body: RecordContactBody, meta: { idempotencyKey: string | null; requestId: string }) {
      if (meta.idempotencyKey) {
        const existing = await contacts.findByIdempotencyKey(user.id, meta.idempotencyKey);
        if (existing) return { replayed: true, result: replay(existing) };
      }
      const now = clock.now();
      await access.assertCanOpen(user, accountId, now);
      const account = await contacts.accountForRecording(accountId);
      if (!account) throw new NotFoundError('No such account.');
      const [profiles, rules, thresholds, factsMap] = await Promise.all([policies.complianceProfiles(), policies.promiseRules(), policies.stageThresholds(), gateFacts.load([accountId], now)]);
      const profile = profiles[account.complianceProfile];
      const facts = factsMap.get(accountId)!;
      const zone = account.debtor.timeZone;

      // ---- validation: every problem at once, each naming its field
      const problems: FieldProblem[] = [];
      const point = body.contactPointId ? await contacts.contactPoint(body.contactPointId) : null;
      if (body.contactPointId && (!point || point.debtorId !== account.debtorId)) {
        problems.push({ field: 'contactPointId', message: "is not one of this customer's contact points" });
      } else if (point && point.kind !== KIND_FOR_CHANNEL[body.channel]) {
        problems.push({ field: 'contactPointId', message: `is a ${point.kind}, which cannot be used for ${body.channel}` });
      }
      if (!body.contactPointId && (body.channel === 'phone' || body.channel === 'sms' || body.channel === 'email')) {
        problems.push({ field: 'contactPointId', message: `is required for ${body.channel}` });
      }
      const reachedCustomer = body.partyReached === 'debtor';
      if (['right_party_contact', 'promise_to_pay', 'refused', 'dispute', 'claims_paid', 'callback_requested'].includes(body.disposition) && !reachedCustomer) {
        problems.push({ field: 'partyReached', message: `must be debtor for disposition ${body.disposition}` });
      }
      if (['no_answer', 'busy', 'voicemail'].includes(body.disposition) && body.partyReached !== 'nobody') {
        problems.push({ field: 'partyReached', message: `must be nobody for disposition ${body.disposition}` });
      }
      if (body.disposition === 'promise_to_pay' && !body.promise && !body.plan) {
        problems.push({ field: 'promise', message: 'is required for a promise to pay (or give a plan)' });
      }
      if (body.promise && body.plan) problems.push({ field: 'plan', message: 'give either a single promise or a plan, not both' });
      if ((body.promise || body.plan) && body.disposition !== 'promise_to_pay') {
        problems.push({ field: 'disposition', message: 'must be promise_to_pay when a promise or plan is recorded' });
      }
      const ctx = { today: localDate(now, zone), rules, balanceMinor: Number(account.balanceMinor) };
      if (body.promise) problems.push(...promiseProblems(body.promise, ctx));
      if (body.plan) problems.push(...planProblems(body.plan, ctx));
      if (body.disposition === 'callback_requested' && !body.callbackAt) problems.push({ field: 'callbackAt', message: 'is required when the customer asks to be called back' });
      if (body.callbackAt) {
        const zones = [...new Set([zone, ...(point?.timeZone ? [point.timeZone] : [])])];
        problems.push(...callbackProblems(new Date(body.callbackAt), now, zones, profile.callWindow));
      }
      if (body.disposition === 'claims_paid' && !body.claimedPayment) {
        problems.push({ field: 'claimedPayment', message: 'is required: when, how much and through which channel the customer says they paid' });
      }
      if (body.disposition === 'dispute' && !body.flag) {
        problems.push({ field: 'flag', message: 'is required for a dispute: record a dispute_hold with the reason' });
      }
      if (body.flag && !profile.stopFlags.includes(body.flag.type) && body.flag.type !== 'do_not_contact') {
        problems.push({ field: 'flag.type', message: `${body.flag.type} is not a stop flag of the ${account.complianceProfile} profile` });
      }
      if (problems.length > 0) {
        throw new BadRequestError(`Invalid body: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
      }

      // ---- the contact gate (outbound only: the customer may always call us)
      let customerRequested = false;
      let honouredCallbackId: string | null = null;
      if (body.direction === 'outbound') {
        const verdict = canContact({
          now,
          channel: body.channel,
          profile,
          customerTimeZone: zone,
          contactPoint: point,
          stopFlags: facts.stopFlags,
          attempts: facts.attempts,
          callback: facts.callback,
        });
        if (!verdict.allowed) {
          const reasons = verdict.reasons.map((r) => ({ code: r.code, message: r.message, params: r.params }));
          if (!body.override) throw new ContactNotAllowedError(`Contact is not allowed now: ${reasons.map((r) => r.message).join(' ')}`, reasons);
          if (!profile.overrideAllowed || !verdict.overridable) {
            throw new ContactNotAllowedError(`This block cannot be overridden under the ${account.complianceProfile} profile: ${reasons.map((r) => r.message).join(' ')}`, reasons);
          }
        }
        customerRequested = verdict.viaCallback;
        honouredCallbackId = verdict.viaCallback ? facts.callback?.id ?? null : null;
      }

      try {
        const saved = await contacts.record({
          accountId,
          debtorId: account.debtorId,
          collectorId: user.id,
          currency: account.currency,
          body,
          startedAt: now,
          customerRequested,
          idempotencyKey: meta.idempotencyKey,
          honouredCallbackId,
          requestId: meta.requestId,
          stage: stageFor(daysPastDue(isoDay(account.oldestUnpaidDueDate), localDate(now, zone)), thresholds),
        });
        onRecorded?.(user.id);
        return {
          replayed: false,
          result: {
            id: saved.attempt.id,
            accountId,
            startedAt: saved.attempt.startedAt.toISOString(),
            disposition: saved.attempt.disposition,
            promiseIds: saved.promiseIds,
            planId: saved.planId,
            callbackId: saved.callbackId,
            stopFlagId: saved.stopFlagId,
            overrideUsed: !!body.override,
          },
        };
      } catch (err) {
        // Two identical retries at the same instant: the loser returns the winner's result.
        if (meta.idempotencyKey && err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
          const existing = await contacts.findByIdempotencyKey(user.id, meta.idempotencyKey);
          if (existing) return { replayed: true, result: replay(existing) };
        }
        throw err;
      }
    },
  };
}
