import type { Db } from '@crm/db';
import { loadGateFacts, loadThirdPartyFacts, type GateFactsClient } from '../compliance/gate-facts.repository.js';

export type CaseFileRepository = ReturnType<typeof createCaseFileRepository>;

/**
 * The whole case file in a fixed number of queries (the account, then its related records in
 * parallel), however long the history: no query per history entry. What the contact gate decides
 * on comes from its one loader (`loadGateFacts`), as for the queue and for recording.
 */
export function createCaseFileRepository(
  db: Pick<
    Db,
    | 'account'
    | 'thirdParty'
    | 'contactAttempt'
    | 'paymentPromise'
    | 'payment'
    | 'paymentPlan'
    | 'callback'
    | 'verificationTask'
    | 'outboxMessage'
  > &
    GateFactsClient,
) {
  return {
    async load(accountId: string, now: Date) {
      const account = await db.account.findUnique({
        where: { id: accountId },
        include: {
          debtor: true,
          creditor: { select: { name: true } },
          assignedCollector: { select: { id: true, displayName: true } },
          leasedBy: { select: { id: true, displayName: true } },
        },
      });
      if (!account) return null;
      const [thirdParties, otherAccounts, attempts, promises, payments, plans, claims, reminders, gate] =
        await Promise.all([
          loadThirdPartyFacts(db, account.debtorId),
          db.account.findMany({
            where: { debtorId: account.debtorId, id: { not: account.id } },
            include: { creditor: { select: { name: true } } },
            orderBy: { externalId: 'asc' },
          }),
          db.contactAttempt.findMany({
            where: { accountId },
            orderBy: { startedAt: 'desc' },
            include: { collector: { select: { displayName: true } }, contactPoint: { select: { value: true } } },
          }),
          db.paymentPromise.findMany({ where: { accountId }, orderBy: { createdAt: 'desc' } }),
          db.payment.findMany({ where: { accountId }, orderBy: { paidAt: 'desc' } }),
          db.paymentPlan.findMany({
            where: { accountId },
            include: { promises: { select: { amountMinor: true, currency: true } } },
            orderBy: { createdAt: 'desc' },
          }),
          db.verificationTask.findMany({ where: { accountId }, orderBy: { createdAt: 'desc' } }),
          db.outboxMessage.findMany({ where: { accountId, kind: 'promise_reminder' }, orderBy: { sendAfter: 'desc' } }),
          loadGateFacts(db, [accountId], now),
        ]);
      return {
        account,
        thirdParties,
        otherAccounts,
        attempts,
        promises,
        payments,
        plans,
        claims,
        reminders,
        /**
         * The gate's facts: the contact points and stop flags shown are the ones the verdicts were
         * decided on, and the pending callback; null if the account went meanwhile.
         */
        gate: gate.get(accountId) ?? null,
      };
    },
  };
}
