import { Prisma, type Db } from '@crm/db';
import { moveAccountFiguresSql } from '@crm/db/account-figures';
import { ATTRIBUTE_PAYMENTS_SQL } from '@crm/db/attribution';
import { inChunks } from '../../lib/in-chunks.js';
import { lockAccounts, type Tx } from '../../lib/transaction.js';

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
const MOVE_FIGURES_SQL = `
  UPDATE accounts SET ${moveAccountFiguresSql('s.total')}
  FROM (SELECT account_id, sum(amount_minor) AS total FROM payments WHERE id = ANY($1::uuid[]) GROUP BY account_id) s
  WHERE accounts.id = s.account_id`;

export function createImportsRepository(db: Pick<Db, 'account' | 'payment' | 'paymentPromise' | 'verificationTask'>) {
  return {
    accountsByExternalId: (externalIds: string[]) =>
      inChunks(externalIds, CHUNK, (chunk) =>
        db.account.findMany({
          where: { externalId: { in: chunk } },
          select: { id: true, externalId: true, currency: true },
        }),
      ),
    existingReferences: (source: string, references: string[]) =>
      inChunks(references, CHUNK, (chunk) =>
        db.payment.findMany({
          where: { source, reference: { in: chunk } },
          select: {
            reference: true,
            accountId: true,
            amountMinor: true,
            currency: true,
            paidAt: true,
            channel: true,
            reversalOfId: true,
          },
        }),
      ),
    /**
     * In the caller's transaction: the payments and the figures they move. The accounts are locked
     * first, in id order, like every multi-account writer (ADR 009); only the payments this batch
     * inserted move the figures (a reference that arrived meanwhile by another path is skipped, not
     * counted twice). Returns how many were inserted.
     */
    async insertPayments(tx: Tx, source: string, rows: PaymentRow[]): Promise<number> {
      await lockAccounts(tx, [...new Set(rows.map((r) => r.accountId))].sort());
      const inserted = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
          INSERT INTO payments (id, account_id, amount_minor, currency, paid_at, channel, reference, source)
          SELECT gen_random_uuid(), u.account_id, u.amount_minor, u.currency, u.paid_at, u.channel, u.reference, ${source}
          FROM unnest(${rows.map((r) => r.accountId)}::uuid[], ${rows.map((r) => String(r.amountMinor))}::bigint[], ${rows.map((r) => r.currency)}::text[],
                      ${rows.map((r) => r.paidAt)}::timestamptz[], ${rows.map((r) => r.channel)}::text[], ${rows.map((r) => r.reference)}::text[])
               AS u(account_id, amount_minor, currency, paid_at, channel, reference)
          ON CONFLICT (source, reference) DO NOTHING
          RETURNING id`);
      const ids = inserted.map((p) => p.id);
      await tx.$executeRawUnsafe(MOVE_FIGURES_SQL, ids);
      await tx.$executeRawUnsafe(ATTRIBUTE_PAYMENTS_SQL, ids);
      return ids.length;
    },
    /** Of these accounts, those with something to re-judge: pending promises or open "I already paid" claims. */
    accountsToReevaluate: (accountIds: string[], tx?: Tx) =>
      inChunks(accountIds, CHUNK, async (chunk) => {
        const client = tx ?? db;
        // Sequential: a transaction runs one statement at a time.
        const pending = await client.paymentPromise.findMany({
          where: { accountId: { in: chunk }, status: 'pending' },
          select: { accountId: true },
          distinct: ['accountId'],
        });
        const claims = await client.verificationTask.findMany({
          where: { accountId: { in: chunk }, status: 'open' },
          select: { accountId: true },
          distinct: ['accountId'],
        });
        return [
          ...pending.map((f) => ({ accountId: f.accountId, claims: false })),
          ...claims.map((f) => ({ accountId: f.accountId, claims: true })),
        ];
      }),
  };
}
