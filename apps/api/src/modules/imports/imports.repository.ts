import { Prisma, type Db } from '@crm/db';
import { ATTRIBUTE_PAYMENTS_SQL } from '@crm/db/attribution';
import { inChunks } from '../../lib/in-chunks.js';

const CHUNK = 5000;

export interface PaymentRow {
  accountId: string;
  amountMinor: number;
  currency: string;
  paidAt: Date;
  channel: string;
  reference: string;
}

export type ImportsRepository = ReturnType<typeof createImportsRepository>;

/** Set-based reads and writes for imports: a fixed number of statements per 5,000 rows. */
export function createImportsRepository(db: Pick<Db, 'account' | 'payment' | 'paymentPromise' | 'verificationTask' | '$transaction'>) {
  return {
    accountsByExternalId: (externalIds: string[]) =>
      inChunks(externalIds, CHUNK, (chunk) => db.account.findMany({ where: { externalId: { in: chunk } }, select: { id: true, externalId: true, currency: true } })),
    existingReferences: (source: string, references: string[]) =>
      inChunks(references, CHUNK, (chunk) => db.payment.findMany({ where: { source, reference: { in: chunk } }, select: { reference: true } })),
    /** One transaction: the payments and the balances they move. */
    insertPayments: (source: string, rows: PaymentRow[]) =>
      db.$transaction(async (tx) => {
        await tx.payment.createMany({ data: rows.map((r) => ({ ...r, amountMinor: BigInt(r.amountMinor), source })), skipDuplicates: true });
        await tx.$executeRaw(Prisma.sql`
          UPDATE accounts a SET balance_minor = GREATEST(0, a.balance_minor - s.total),
                                overdue_minor = GREATEST(0, a.overdue_minor - s.total)
          FROM (SELECT account_id, sum(amount_minor) AS total FROM payments
                WHERE source = ${source} AND reference = ANY(${rows.map((r) => r.reference)}::text[]) GROUP BY account_id) s
          WHERE a.id = s.account_id`);
        const ids = await tx.payment.findMany({ where: { source, reference: { in: rows.map((r) => r.reference) } }, select: { id: true } });
        await tx.$executeRawUnsafe(ATTRIBUTE_PAYMENTS_SQL, ids.map((p) => p.id));
      }),
    /** Of these accounts, those with something to re-judge: pending promises or open "I already paid" claims. */
    accountsToReevaluate: (accountIds: string[]) =>
      inChunks(accountIds, CHUNK, async (chunk) => {
        const [pending, claims] = await Promise.all([
          db.paymentPromise.findMany({ where: { accountId: { in: chunk }, status: 'pending' }, select: { accountId: true }, distinct: ['accountId'] }),
          db.verificationTask.findMany({ where: { accountId: { in: chunk }, status: 'open' }, select: { accountId: true }, distinct: ['accountId'] }),
        ]);
        return [...pending.map((f) => ({ accountId: f.accountId, claims: false })), ...claims.map((f) => ({ accountId: f.accountId, claims: true }))];
      }),
  };
}
