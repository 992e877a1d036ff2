import type { RecordContactBody } from '@crm/contracts';
import type { StageCode } from '@crm/domain';
import { Prisma, type Db } from '@crm/db';
import { lockName, type Tx } from '../../lib/transaction.js';
import { resolveClaimedPayments } from '../verification/verification.repository.js';
import { supersedePending } from '../promises/promises.repository.js';

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
  return {
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

    /** Writes the attempt and everything it carries inside the caller's (locked) transaction: all or nothing. */
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
      const attempt = await tx.contactAttempt.create({
        data: {
          accountId: n.accountId,
          debtorId: n.debtorId,
          collectorId: n.collectorId,
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
          stage: n.stage,
          startedAt: n.startedAt,
          customerRequested: n.customerRequested,
          claimedPayment: body.claimedPayment ?? Prisma.DbNull,
          overrideReasonCode: body.override?.reasonCode ?? null,
          overrideNote: body.override?.note ?? null,
          idempotencyKey: n.idempotencyKey,
          idempotencyFingerprint: n.idempotencyFingerprint,
        },
      });
      const promiseIds: string[] = [];
      let planId: string | null = null;
      // Every promise (single or plan instalment) carries who made it, the stage then and the script used.
      const promise = (
        amountMinor: number,
        dueDate: string,
        channel: string,
        plan?: { planId: string; sequence: number },
      ) =>
        tx.paymentPromise.create({
          data: {
            accountId: n.accountId,
            contactAttemptId: attempt.id,
            ...plan,
            amountMinor: BigInt(amountMinor),
            currency: n.currency,
            dueDate: new Date(`${dueDate}T00:00:00Z`),
            channel,
            createdById: n.collectorId,
            stage: n.stage,
            scriptVersionId: body.scriptVersionId ?? null,
            createdAt: n.startedAt,
            statusChangedAt: n.startedAt,
          },
        });
      if (body.promise)
        promiseIds.push((await promise(body.promise.amountMinor, body.promise.dueDate, body.promise.channel)).id);
      if (body.plan) {
        const plan = await tx.paymentPlan.create({
          data: {
            accountId: n.accountId,
            contactAttemptId: attempt.id,
            createdById: n.collectorId,
            createdAt: n.startedAt,
          },
        });
        planId = plan.id;
        for (const [i, instalment] of body.plan.entries()) {
          promiseIds.push(
            (
              await promise(instalment.amountMinor, instalment.dueDate, body.planChannel ?? 'bank_transfer', {
                planId,
                sequence: i + 1,
              })
            ).id,
          );
        }
      }
      // A new promise or plan supersedes the pending single promise: never two pending (ADR 027).
      const superseded = promiseIds[0]
        ? await supersedePending(tx, {
            accountId: n.accountId,
            newPromiseId: promiseIds[0],
            actorId: n.collectorId,
            reason: 'a new promise was recorded',
            at: n.startedAt,
          })
        : [];
      if (n.honouredCallbackId) {
        await tx.callback.update({ where: { id: n.honouredCallbackId }, data: { status: 'done' } });
      }
      let callbackId: string | null = null;
      if (body.callbackAt) {
        // A new agreed time replaces any earlier pending one.
        await tx.callback.updateMany({
          where: { accountId: n.accountId, status: 'pending' },
          data: { status: 'cancelled' },
        });
        const cb = await tx.callback.create({
          data: {
            accountId: n.accountId,
            collectorId: n.collectorId,
            contactAttemptId: attempt.id,
            dueAt: new Date(body.callbackAt),
            requestedByCustomer: n.callbackIsConsent,
            createdAt: n.startedAt,
          },
        });
        callbackId = cb.id;
      }
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
      if (body.claimedPayment) {
        // Checked against payments now (it may already be here) and as payments arrive.
        await tx.verificationTask.create({
          data: {
            accountId: n.accountId,
            contactAttemptId: attempt.id,
            claimedPaidOn: new Date(`${body.claimedPayment.paidAt}T00:00:00Z`),
            claimedAmountMinor: BigInt(body.claimedPayment.amountMinor),
            claimedChannel: body.claimedPayment.channel,
            claimedReference: body.claimedPayment.reference ?? null,
            createdAt: n.startedAt,
          },
        });
        await resolveClaimedPayments(tx, n.accountId, n.startedAt);
      }
      if (body.contactPointId && body.partyReached === 'debtor') {
        await tx.contactPoint.update({
          where: { id: body.contactPointId },
          data: { lastSuccessAt: n.startedAt, status: 'valid' },
        });
      }
      if (body.contactPointId && body.disposition === 'wrong_number') {
        await tx.contactPoint.update({ where: { id: body.contactPointId }, data: { status: 'invalid' } });
      }
      // Recording the outcome ends the collector's lease on the account.
      await tx.account.updateMany({
        where: { id: n.accountId, leasedById: n.collectorId },
        data: { leasedById: null, leaseExpiresAt: null },
      });

      const audit = (action: string, entityType: string, entityId: string, data: Record<string, unknown>) =>
        tx.auditEvent.create({
          data: {
            at: n.startedAt,
            actorId: n.collectorId,
            action,
            entityType,
            entityId,
            requestId: n.requestId,
            data: data as object,
          },
        });
      if (superseded.length > 0)
        await audit('promise.superseded', 'account', n.accountId, { promiseIds: superseded, by: promiseIds[0] });
      await audit('contact_attempt.recorded', 'account', n.accountId, {
        attemptId: attempt.id,
        disposition: body.disposition,
        channel: body.channel,
      });
      if (body.override)
        await audit('contact_gate.override', 'account', n.accountId, {
          attemptId: attempt.id,
          reasonCode: body.override.reasonCode,
          note: body.override.note,
        });
      if (thirdPartyId && (newThirdParty || thirdPartyDoNotContact || body.thirdPartyAsksMoreContact !== undefined))
        await audit('third_party.recorded', 'account', n.accountId, {
          attemptId: attempt.id,
          thirdPartyId,
          added: newThirdParty,
          doNotContact: thirdPartyDoNotContact,
          ...(body.thirdPartyAsksMoreContact !== undefined
            ? { moreContactRequested: body.thirdPartyAsksMoreContact }
            : {}),
        });
      if (stopFlagId)
        await audit('stop_flag.set', 'account', n.accountId, {
          stopFlagId,
          type: body.flag!.type,
          reason: body.flag!.reason,
          expiresAt: n.flagTerms?.expiresAt?.toISOString() ?? null,
          reviewAt: n.flagTerms?.reviewAt?.toISOString() ?? null,
        });

      return { attempt, promiseIds, planId, callbackId, stopFlagId };
    },
  };
}
