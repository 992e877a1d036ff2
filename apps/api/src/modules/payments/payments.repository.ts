import type { PostPaymentBody } from '@crm/contracts';
import type { Db } from '@crm/db';
import { moveAccountFiguresSql } from '@crm/db/account-figures';
import { ATTRIBUTE_PAYMENTS_SQL } from '@crm/db/attribution';
import { lockAccounts, lockName, type Tx } from '../../lib/transaction.js';

export type PaymentsRepository = ReturnType<typeof createPaymentsRepository>;

const MOVE_FIGURES_SQL = `UPDATE accounts SET ${moveAccountFiguresSql('$1::bigint')} WHERE id = $2::uuid`;

export function createPaymentsRepository(db: Pick<Db, 'payment' | 'account'>) {
  return {
    findBySourceReference(source: string, reference: string, client: Pick<Db, 'payment'> = db) {
      return client.payment.findUnique({ where: { source_reference: { source, reference } } });
    },
    account(id: string) {
      return db.account.findUnique({ where: { id }, select: { id: true, currency: true } });
    },
    /**
     * Locks the account for the rest of the transaction (payments to one account are recorded
     * one after the other), then the (source, reference) name, so that the same reference sent
     * twice at once is decided once: the second waits and finds the first. False when there is no such account.
     */
    async lock(tx: Tx, accountId: string, source: string, reference: string): Promise<boolean> {
      if ((await lockAccounts(tx, [accountId])).length === 0) return false;
      await lockName(tx, 'payment-reference', JSON.stringify([source, reference]));
      return true;
    },
    /** The account's baseline and the payments since, read under its lock. */
    figures(tx: Tx, accountId: string) {
      return tx.account.findUniqueOrThrow({
        where: { id: accountId },
        select: { balanceBaselineMinor: true, overdueBaselineMinor: true, paidSinceBaselineMinor: true },
      });
    },
    findPayment(id: string, client: Pick<Db, 'payment'> = db) {
      return client.payment.findUnique({ where: { id }, include: { reversedBy: { select: { id: true } } } });
    },
    /**
     * Inserts the payment and moves the account's running sum of payments with it; balance and
     * overdue are derived from the creditor's baseline and that sum (ADR 009), never clamped in
     * steps, so a reversal undoes its payment exactly.
     */
    async insert(tx: Tx, body: PostPaymentBody, signedAmount: bigint) {
      const payment = await tx.payment.create({
        data: {
          accountId: body.accountId,
          amountMinor: signedAmount,
          currency: body.currency,
          paidAt: new Date(body.paidAt),
          channel: body.channel,
          reference: body.reference,
          source: body.source,
          reversalOfId: body.reversalOfId ?? null,
        },
      });
      await tx.$executeRawUnsafe(MOVE_FIGURES_SQL, signedAmount, body.accountId);
      await tx.$executeRawUnsafe(ATTRIBUTE_PAYMENTS_SQL, [payment.id]);
      return payment;
    },
  };
}
