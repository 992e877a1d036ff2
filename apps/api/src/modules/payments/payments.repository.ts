import type { PostPaymentBody } from '@crm/contracts';
import type { Db } from '@crm/db';
import { ATTRIBUTE_PAYMENTS_SQL } from '@crm/db/attribution';
import type { Tx } from '../promises/promises.repository.js';

export type PaymentsRepository = ReturnType<typeof createPaymentsRepository>;

export function createPaymentsRepository(db: Pick<Db, 'payment' | 'account'>) {
  return {
    findBySourceReference(source: string, reference: string) {
      return db.payment.findUnique({ where: { source_reference: { source, reference } } });
    },
    account(id: string) {
      return db.account.findUnique({ where: { id }, select: { id: true, currency: true } });
    },
    findPayment(id: string) {
      return db.payment.findUnique({ where: { id }, include: { reversedBy: { select: { id: true } } } });
    },
    /** Inserts the payment and moves the account's balance and overdue amount with it. */
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
      // Balances follow payments here until the creditor's feed says otherwise (import, issue 4).
      await tx.$executeRaw`
        UPDATE accounts SET balance_minor = GREATEST(0, balance_minor - ${signedAmount}),
                            overdue_minor = LEAST(GREATEST(0, overdue_minor - ${signedAmount}), GREATEST(0, balance_minor - ${signedAmount}))
        WHERE id = ${body.accountId}::uuid`;
      await tx.$executeRawUnsafe(ATTRIBUTE_PAYMENTS_SQL, [payment.id]);
      return payment;
    },
  };
}
