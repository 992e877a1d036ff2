import { Prisma, type Db } from '@crm/db';

export type Tx = Prisma.TransactionClient;

export type PromisesRepository = ReturnType<typeof createPromisesRepository>;

export function createPromisesRepository(db: Pick<Db, '$queryRaw'>) {
  return {
    /** Everything evaluation needs for one account, read inside the caller's transaction. */
    async loadForEvaluation(tx: Tx, accountId: string) {
      // Lock the account row: concurrent payments for one account are evaluated one at a time.
      await tx.$queryRaw`SELECT id FROM accounts WHERE id = ${accountId}::uuid FOR UPDATE`;
      const [account, promises, payments, plans] = await Promise.all([
        tx.account.findUnique({ where: { id: accountId }, select: { id: true, debtor: { select: { timeZone: true } } } }),
        tx.paymentPromise.findMany({ where: { accountId } }),
        tx.payment.findMany({ where: { accountId }, select: { id: true, amountMinor: true, paidAt: true, reversalOfId: true } }),
        tx.paymentPlan.findMany({ where: { accountId }, select: { id: true, status: true } }),
      ]);
      return { account, promises, payments, plans };
    },

    /**
     * Accounts with pending promises whose grace period has ended in every time zone: the last
     * grace day is over everywhere once the UTC date is two days past it.
     */
    async accountsToSweep(todayUtc: string, graceDays: number, limit: number): Promise<string[]> {
      const rows = await db.$queryRaw<{ account_id: string }[]>(Prisma.sql`
        SELECT account_id FROM promises
        WHERE status = 'pending' AND due_date + ${graceDays}::int + 1 < ${todayUtc}::date
        GROUP BY account_id ORDER BY min(due_date)
        LIMIT ${limit}`);
      return rows.map((r) => r.account_id);
    },
  };
}
