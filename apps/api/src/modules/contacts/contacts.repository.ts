import { randomUUID } from 'node:crypto';
import type { RecordContactBody } from '@crm/contracts';
import type { StageCode } from '@crm/domain';
import type { Db } from '@crm/db';
import { lockName, type Tx } from '../../lib/transaction.js';
import { resolveClaimedPayments } from '../verification/verification.repository.js';
import { createOutcomeRepository } from './outcome.repository.js';

export interface NewAttempt {
  accountId: string;
  debtorId: string;
  collectorId: string;
  currency: string;
  body: RecordContactBody;
  startedAt: Date;
  customerRequested: boolean;
  idempotencyKey: string | null;
  /** What the key is bound to (lib/idempotency.ts). */
  idempotencyFingerprint: string | null;
  /** The customer-requested callback this attempt honoured, to mark done. */
  honouredCallbackId: string | null;
  requestId: string;
  /** The account's stage at the time of the attempt. */
  stage: StageCode;
  /**
   * The agreed callback counts as the customer's prior consent (asked by them, due within the
   * profile's horizon): the gate then allows it at that time. Otherwise an ordinary appointment.
   */
  callbackIsConsent: boolean;
  /** The third party reached: one on file, or someone new to add to the customer's third parties. */
  thirdParty: { id: string } | { name: string; relationship: string; phone?: string | undefined } | null;
  /** The flag's terms by the domain rule (flagTerms, ADR 023), when the outcome sets a stop flag. */
  flagTerms: { scope: 'customer' | 'account'; startsOn: string; expiresAt: Date | null; reviewAt: Date | null } | null;
}

export type ContactsRepository = ReturnType<typeof createContactsRepository>;

const WITH_RESULTS = {
  promises: { select: { id: true } },
  plans: { select: { id: true } },
  callbacks: { select: { id: true } },
} as const;

export function createContactsRepository(
  db: Pick<Db, 'account' | 'contactPoint' | 'contactAttempt' | 'scriptVersion'>,
) {
  const outcome = createOutcomeRepository();
  return {
    /** The recording's locks and facts in one statement each (ADR 048). */
    lockForRecording: outcome.lock,
    loadForRecording: outcome.load,
    /** Who holds the account's queue reservation and until when (read under the recording's lock; ADR 032). */
    async reservationOf(tx: Tx, accountId: string) {
      const row = await tx.account.findUnique({
        where: { id: accountId },
        select: { leasedById: true, leaseExpiresAt: true },
      });
      return { holderId: row?.leasedById ?? null, until: row?.leaseExpiresAt ?? null };
    },

    accountForRecording(accountId: string) {
      return db.account.findUnique({
        where: { id: accountId },
        select: {
          id: true,
          debtorId: true,
          currency: true,
          balanceMinor: true,
          complianceProfile: true,
          oldestUnpaidDueDate: true,
          debtor: { select: { timeZone: true } },
        },
      });
    },
    contactPoint(id: string) {
      return db.contactPoint.findUnique({ where: { id } });
    },
    /** A script version with the stage its script serves (the call's script must serve the account's stage). */
    scriptVersion(id: string) {
      return db.scriptVersion.findUnique({ where: { id }, select: { id: true, script: { select: { stage: true } } } });
    },
    findByIdempotencyKey(collectorId: string, key: string, client: Pick<Db, 'contactAttempt'> = db) {
      return client.contactAttempt.findUnique({
        where: { collectorId_idempotencyKey: { collectorId, idempotencyKey: key } },
        include: WITH_RESULTS,
      });
    },
    /** Serialises the requests carrying one user's key, so a retry waits for the first and then replays it. */
    lockIdempotencyKey: (tx: Tx, collectorId: string, key: string) =>
      lockName(tx, 'contact-idempotency', JSON.stringify([collectorId, key])),

    /**
     * Writes the attempt and everything it carries inside the caller's (locked) transaction: all
     * or nothing. The usual outcome (attempt, promise or plan, callback, contact point, lease,
     * audit) is one statement (outcome.repository.ts, ADR 048); a third party, a stop flag and a
     * claimed payment add their own few.
     */
    async record(tx: Tx, n: NewAttempt) {
      const { body } = n;
      let thirdPartyId: string | null = null;
      let newThirdParty = false;
      if (n.thirdParty && 'id' in n.thirdParty) thirdPartyId = n.thirdParty.id;
      else if (n.thirdParty) {
        newThirdParty = true;
        thirdPartyId = (
          await tx.thirdParty.create({
            data: {
              debtorId: n.debtorId,
              name: n.thirdParty.name,
              relationship: n.thirdParty.relationship,
              phone: n.thirdParty.phone ?? null,
              source: 'collector',
              createdAt: n.startedAt,
            },
          })
        ).id;
      }
      // A third party who declines or asks not to be called again is marked do-not-contact (compliance.md).
      const thirdPartyDoNotContact = thirdPartyId !== null && body.disposition === 'refused';
      if (thirdPartyId && (thirdPartyDoNotContact || body.thirdPartyAsksMoreContact !== undefined))
        await tx.thirdParty.update({
          where: { id: thirdPartyId },
          data: {
            ...(thirdPartyDoNotContact ? { doNotContact: true, doNotContactAt: n.startedAt } : {}),
            ...(body.thirdPartyAsksMoreContact !== undefined
              ? { moreContactRequested: body.thirdPartyAsksMoreContact }
              : {}),
          },
        });
      let stopFlagId: string | null = null;
      if (body.flag) {
        const terms = n.flagTerms;
        const flag = await tx.stopFlag.create({
          data: {
            debtorId: n.debtorId,
            accountId: terms?.scope === 'customer' ? null : n.accountId,
            type: body.flag.type,
            reason: body.flag.reason,
            setById: n.collectorId,
            setAt: n.startedAt,
            startsOn: terms ? new Date(`${terms.startsOn}T00:00:00Z`) : null,
            expiresAt: terms?.expiresAt ?? null,
            reviewAt: terms?.reviewAt ?? null,
          },
        });
        stopFlagId = flag.id;
      }

      const attemptId = randomUUID();
      const planId = body.plan ? randomUUID() : null;
      // Every promise (single or plan instalment) carries who made it, the stage then and the script used.
      const promises = [
        ...(body.promise
          ? [
              {
                id: randomUUID(),
                amountMinor: body.promise.amountMinor,
                dueDate: body.promise.dueDate,
                channel: body.promise.channel,
                planId: null,
                sequence: null,
              },
            ]
          : []),
        ...(body.plan ?? []).map((instalment, i) => ({
          id: randomUUID(),
          amountMinor: instalment.amountMinor,
          dueDate: instalment.dueDate,
          channel: body.planChannel ?? 'bank_transfer',
          planId,
          sequence: i + 1,
        })),
      ];
      const callbackId = body.callbackAt ? randomUUID() : null;

      const audits: { action: string; data: Record<string, unknown> }[] = [
        {
          action: 'contact_attempt.recorded',
          data: { attemptId, disposition: body.disposition, channel: body.channel },
        },
      ];
      if (body.override)
        audits.push({
          action: 'contact_gate.override',
          data: { attemptId, reasonCode: body.override.reasonCode, note: body.override.note },
        });
      if (thirdPartyId && (newThirdParty || thirdPartyDoNotContact || body.thirdPartyAsksMoreContact !== undefined))
        audits.push({
          action: 'third_party.recorded',
          data: {
            attemptId,
            thirdPartyId,
            added: newThirdParty,
            doNotContact: thirdPartyDoNotContact,
            ...(body.thirdPartyAsksMoreContact !== undefined
              ? { moreContactRequested: body.thirdPartyAsksMoreContact }
              : {}),
          },
        });
      if (stopFlagId)
        audits.push({
          action: 'stop_flag.set',
          data: {
            stopFlagId,
            type: body.flag!.type,
            reason: body.flag!.reason,
            expiresAt: n.flagTerms?.expiresAt?.toISOString() ?? null,
            reviewAt: n.flagTerms?.reviewAt?.toISOString() ?? null,
          },
        });

      await outcome.write(tx, {
        attemptId,
        accountId: n.accountId,
        debtorId: n.debtorId,
        collectorId: n.collectorId,
        currency: n.currency,
        startedAt: n.startedAt,
        stage: n.stage,
        requestId: n.requestId,
        attempt: {
          channel: body.channel,
          direction: body.direction,
          contactPointId: body.contactPointId ?? null,
          thirdPartyId,
          partyReached: body.partyReached,
          rightPartyVerifiedAt: body.rightPartyVerification ? new Date(body.rightPartyVerification.verifiedAt) : null,
          rightPartyMethod: body.rightPartyVerification?.method ?? null,
          disposition: body.disposition,
          notes: body.notes ?? null,
          objections: body.objections ?? [],
          scriptVersionId: body.scriptVersionId ?? null,
          scriptBranch: body.scriptBranch ?? null,
          customerRequested: n.customerRequested,
          claimedPayment: body.claimedPayment ?? null,
          overrideReasonCode: body.override?.reasonCode ?? null,
          overrideNote: body.override?.note ?? null,
          idempotencyKey: n.idempotencyKey,
          idempotencyFingerprint: n.idempotencyFingerprint,
        },
        planId,
        promises,
        honouredCallbackId: n.honouredCallbackId,
        callback: body.callbackAt
          ? { id: callbackId!, dueAt: new Date(body.callbackAt), requestedByCustomer: n.callbackIsConsent }
          : null,
        contactPoint: body.contactPointId
          ? {
              id: body.contactPointId,
              reachedDebtor: body.partyReached === 'debtor',
              wrongNumber: body.disposition === 'wrong_number',
            }
          : null,
        audits,
      });

      if (body.claimedPayment) {
        // Checked against payments now (it may already be here) and as payments arrive.
        await tx.verificationTask.create({
          data: {
            accountId: n.accountId,
            contactAttemptId: attemptId,
            claimedPaidOn: new Date(`${body.claimedPayment.paidAt}T00:00:00Z`),
            claimedAmountMinor: BigInt(body.claimedPayment.amountMinor),
            claimedChannel: body.claimedPayment.channel,
            claimedReference: body.claimedPayment.reference ?? null,
            createdAt: n.startedAt,
          },
        });
        await resolveClaimedPayments(tx, n.accountId, n.startedAt);
      }

      return {
        attempt: { id: attemptId, startedAt: n.startedAt, disposition: body.disposition },
        promiseIds: promises.map((p) => p.id),
        planId,
        callbackId,
        stopFlagId,
      };
    },
  };
}
