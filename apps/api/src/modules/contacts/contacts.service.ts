import type { RecordContactBody, RecordContactResponse, SessionUser } from '@crm/contracts';
import {
  callbackIsConsent,
  callbackProblems,
  claimedPaymentProblems,
  daysPastDue,
  flagLifecycleRule,
  flagTerms,
  gateLookbackStart,
  localDate,
  outcomeProblems,
  planProblems,
  promiseProblems,
  stageFor,
  type FieldProblem,
} from '@crm/domain';
import { BadRequestError, ContactNotAllowedError, IdempotencyConflictError } from '../../lib/errors.js';
import type { Tx } from '../../lib/transaction.js';
import type { AccountAccess } from '../accounts/account-access.js';
import type { ContactGate } from '../compliance/contact-gate.service.js';
import { gateInputOf } from '../compliance/gate-input.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import type { DisputesService } from '../disputes/disputes.service.js';
import type { ContactsRepository } from './contacts.repository.js';
import { idempotencyLockName, type StoredRecording } from './outcome.repository.js';

export interface ContactsServiceDeps {
  contacts: Pick<ContactsRepository, 'lockForRecording' | 'loadForRecording' | 'record'>;
  access: Pick<AccountAccess, 'assertMayOpen'>;
  gate: ContactGate;
  policies: Pick<PoliciesRepository, 'complianceProfiles' | 'promiseRules' | 'stageThresholds'>;
  /** An outcome `dispute` creates its dispute record (Reg F 1006.38) in the recording's transaction. */
  disputes: Pick<DisputesService, 'recordFromOutcome'>;
  /**
   * Told in each recording's transaction, after its write (the queue marks the customer's worklist
   * rows stale and adds the job computing them again, ADR 053): nothing is left for after the commit.
   */
  onRecording?: (tx: Tx, debtorId: string) => Promise<void>;
}

const KIND_FOR_CHANNEL = { phone: 'phone', sms: 'phone', email: 'email', letter: 'address', visit: 'address' } as const;

function replay(a: StoredRecording): RecordContactResponse {
  return {
    id: a.id,
    accountId: a.accountId,
    startedAt: a.startedAt.toISOString(),
    disposition: a.disposition as RecordContactResponse['disposition'],
    promiseIds: a.promiseIds,
    planId: a.planId,
    callbackId: a.callbackId,
    stopFlagId: null,
    overrideUsed: a.overrideReasonCode !== null,
  };
}

/**
 * The first result again when the key was first used for this very request; refused when the
 * key was used for a different one (another account, another outcome). Rows written before
 * fingerprints were stored are matched on the account.
 */
function replayOrRefuse(existing: StoredRecording, accountId: string, fingerprint: string | null) {
  const same =
    existing.idempotencyFingerprint === null
      ? existing.accountId === accountId
      : existing.idempotencyFingerprint === fingerprint;
  if (!same) {
    throw new IdempotencyConflictError(
      422,
      'Idempotency-Key was already used for a different request: send a new key for a new outcome.',
      [{ field: 'idempotency-key', message: 'was already used for a different request' }],
    );
  }
  return { replayed: true, result: replay(existing) };
}

export type ContactsService = ReturnType<typeof createContactsService>;

export function createContactsService({
  contacts,
  access,
  gate,
  policies,
  disputes,
  onRecording,
}: ContactsServiceDeps) {
  return {
    /**
     * Records one contact attempt with whatever it produced. Returns `replayed: true` with the
     * first result when the same Idempotency-Key was already used by this user for the same
     * request (same fingerprint); the key used for another request is refused (422).
     *
     * The gate is decided and the attempt written in one transaction holding the customer's
     * and the account's locks (compliance/contact-gate.service.ts): simultaneous recordings are
     * judged one after the other, each seeing the others' attempts.
     */
    async record(
      user: SessionUser,
      accountId: string,
      body: RecordContactBody,
      meta: { idempotencyKey: string | null; fingerprint: string | null; requestId: string },
    ) {
      const key = meta.idempotencyKey;
      // Read before the transaction: nothing inside it may take a second pooled connection.
      const [profiles, rules, thresholds] = await Promise.all([
        policies.complianceProfiles(),
        policies.promiseRules(),
        policies.stageThresholds(),
      ]);

      // One transaction (ADR 048): the locks (customer, account, the key) in one statement, every
      // fact the rules need in a second, the outcome written in a third; the rules run here between.
      const outcome = await gate.withAccountLoaded(
        {
          lock: (tx) => contacts.lockForRecording(tx, accountId, key ? idempotencyLockName(user.id, key) : null),
          load: async (tx, now) => {
            const loaded = await contacts.loadForRecording(tx, {
              accountId,
              collectorId: user.id,
              idempotencyKey: key,
              scriptVersionId: body.scriptVersionId ?? null,
              now,
              since: gateLookbackStart(now, Object.values(profiles)),
              profiles,
            });
            return { facts: loaded?.facts ?? null, extra: loaded! };
          },
        },
        async ({ tx, now: decidedAt, facts, extra: loaded, verdict, thirdParties, thirdPartyVerdict }) => {
          // A retry (sent while the first was running, it waited for the key's lock) replays the first result.
          if (loaded.existing) return replayOrRefuse(loaded.existing, accountId, meta.fingerprint);
          // Access on the row under its lock: a reassignment committed before it wins.
          access.assertMayOpen(user, loaded.access, decidedAt);
          const account = loaded.account;
          const profile = profiles[account.complianceProfile];
          const zone = account.timeZone;

          // ---- validation: every problem at once, each naming its field
          const problems: FieldProblem[] = [];
          const point = body.contactPointId
            ? (facts.contactPoints.find((p) => p.id === body.contactPointId) ?? null)
            : null;
          if (body.contactPointId && !point) {
            problems.push({ field: 'contactPointId', message: "is not one of this customer's contact points" });
          } else if (point && point.kind !== KIND_FOR_CHANNEL[body.channel]) {
            problems.push({
              field: 'contactPointId',
              message: `is a ${point.kind}, which cannot be used for ${body.channel}`,
            });
          }
          // The script shown on the call: a version of a script serving the account's stage; a branch only with it.
          const stage = stageFor(daysPastDue(account.oldestUnpaidDueDate, localDate(decidedAt, zone)), thresholds);
          if (body.scriptVersionId) {
            if (!loaded.scriptStage) problems.push({ field: 'scriptVersionId', message: 'is not a script version' });
            else if (loaded.scriptStage !== stage)
              problems.push({
                field: 'scriptVersionId',
                message: `is a script for stage ${loaded.scriptStage}, not the account's stage ${stage}`,
              });
          } else if (body.scriptBranch) {
            problems.push({ field: 'scriptBranch', message: 'needs the scriptVersionId it was chosen in' });
          }
          // Which parts this outcome needs and may carry: the one rule the web form is shaped by.
          problems.push(...outcomeProblems(body));
          const ctx = { today: localDate(decidedAt, zone), rules, balanceMinor: Number(account.balanceMinor) };
          if (body.promise) problems.push(...promiseProblems(body.promise, ctx));
          if (body.plan) problems.push(...planProblems(body.plan, ctx));
          // Verified during this call: not later than now (a minute's grace for the collector's clock).
          if (
            body.rightPartyVerification &&
            Date.parse(body.rightPartyVerification.verifiedAt) > decidedAt.getTime() + 60_000
          )
            problems.push({ field: 'rightPartyVerification.verifiedAt', message: 'must not be in the future' });
          if (body.claimedPayment) problems.push(...claimedPaymentProblems(body.claimedPayment, ctx.today));
          if (body.flag && !profile.stopFlags.includes(body.flag.type) && body.flag.type !== 'do_not_contact') {
            problems.push({
              field: 'flag.type',
              message: `${body.flag.type} is not a stop flag of the ${account.complianceProfile} profile`,
            });
          }
          const invalid = (all: FieldProblem[]) =>
            new BadRequestError(`Invalid body: ${all.map((p) => `${p.field} ${p.message}`).join('; ')}`, all);

          // ---- the queue reservation (ADR 032): the call happened, so a save after the caller's reservation
          // lapsed is kept and the answer says so. (Nobody else can hold it now: an account of their own is
          // leased to nobody else, and a pool account opens only under a live reservation, which the web
          // takes again with /queue/reservation/extend before saving, or learns it was taken.)
          const reservationExpired =
            loaded.access.leasedById === user.id &&
            (loaded.access.leaseExpiresAt?.getTime() ?? 0) <= decidedAt.getTime();

          // ---- the callback's time: convenient in every zone the customer is known to be in (Reg F
          // 1006.6(b)(1)(i)): the zones the gate itself takes (home, every number's and address's).
          if (body.callbackAt) {
            const { customerTimeZone, otherTimeZones = [] } = gateInputOf(facts, decidedAt);
            const zones = [...new Set([customerTimeZone, ...otherTimeZones])];
            problems.push(
              ...callbackProblems(
                new Date(body.callbackAt),
                decidedAt,
                zones,
                profile.callWindow,
                rules.maxHorizonDays,
              ),
            );
          }
          if (problems.length > 0) throw invalid(problems);

          // ---- who was reached, when a third party was: one on file (this customer's) or someone new
          const callsThirdParty =
            body.partyReached === 'third_party' && !body.contactPointId && body.channel === 'phone';
          const thirdPartyFacts = body.thirdPartyId || callsThirdParty ? await thirdParties() : null;
          const onFile = body.thirdPartyId
            ? (thirdPartyFacts!.thirdParties.find((p) => p.id === body.thirdPartyId) ?? null)
            : null;
          if (body.thirdPartyId && !onFile)
            throw new BadRequestError("Invalid body: thirdPartyId is not one of this customer's third parties", [
              { field: 'thirdPartyId', message: "is not one of this customer's third parties" },
            ]);

          // ---- the contact gate (outbound only: the customer may always call us), on the facts read under the lock
          let customerRequested = false;
          let honouredCallbackId: string | null = null;
          if (body.direction === 'outbound') {
            const lockedPoint = body.contactPointId
              ? (facts.contactPoints.find((p) => p.id === body.contactPointId) ?? null)
              : null;
            // A call to a third party's own number: the third-party rules (never overridable).
            const v = callsThirdParty
              ? thirdPartyVerdict(
                  thirdPartyFacts!,
                  onFile ?? { id: 'new', doNotContact: false, moreContactRequested: false, callsMade: 0 },
                )
              : verdict({ channel: body.channel, profile, contactPoint: lockedPoint });
            if (!v.allowed) {
              const reasons = v.reasons.map((r) => ({ code: r.code, message: r.message, params: r.params }));
              if (!body.override)
                throw new ContactNotAllowedError(
                  `Contact is not allowed now: ${reasons.map((r) => r.message).join(' ')}`,
                  reasons,
                );
              if (!profile.overrideAllowed || !v.overridable) {
                throw new ContactNotAllowedError(
                  `This block cannot be overridden under the ${account.complianceProfile} profile: ${reasons.map((r) => r.message).join(' ')}`,
                  reasons,
                );
              }
            }
            customerRequested = v.viaCallback;
            honouredCallbackId = v.viaCallback ? (facts.callback?.id ?? null) : null;
          }

          const saved = await contacts.record(tx, {
            accountId,
            debtorId: account.debtorId,
            collectorId: user.id,
            currency: account.currency,
            body,
            startedAt: decidedAt,
            customerRequested,
            idempotencyKey: key,
            idempotencyFingerprint: key ? meta.fingerprint : null,
            honouredCallbackId,
            requestId: meta.requestId,
            stage,
            // Reg F 1006.14(b)(3)(i): a time the customer asked for is consent only within the profile's horizon.
            thirdParty: onFile ? { id: onFile.id } : (body.thirdParty ?? null),
            // A flag set with an outcome gets its terms by the same rule as one set on its own (ADR 023).
            flagTerms: body.flag
              ? {
                  scope: flagLifecycleRule(account.complianceProfile, body.flag.type).scope,
                  ...flagTerms({
                    profile: account.complianceProfile,
                    type: body.flag.type,
                    setAt: decidedAt,
                    zone,
                  }),
                }
              : null,
            callbackIsConsent:
              body.partyReached === 'debtor' &&
              !!body.callbackAt &&
              callbackIsConsent(decidedAt, new Date(body.callbackAt), profile),
          });
          if (body.disposition === 'dispute')
            await disputes.recordFromOutcome(tx, {
              accountId,
              userId: user.id,
              channel: body.channel,
              description: body.flag?.reason ?? body.notes ?? 'Disputed on contact',
              receivedAt: decidedAt,
              stopFlagId: saved.stopFlagId,
              contactAttemptId: saved.attempt.id,
              requestId: meta.requestId,
              profile,
            });
          await onRecording?.(tx, account.debtorId);
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
              ...(reservationExpired ? { reservationExpired: true } : {}),
            } satisfies RecordContactResponse,
          };
        },
      );
      return outcome;
    },
  };
}
