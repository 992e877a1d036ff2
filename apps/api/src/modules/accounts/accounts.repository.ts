import type { SessionUser } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import { PHONE_SEARCH_MIN_DIGITS, phoneSearchKey } from '@crm/domain';
import type { Tx } from '../../lib/transaction.js';
import { accountScopeWhere } from './account-scope.repository.js';

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;

export interface AccountCursor {
  dueDate: string | null;
  id: string;
}

const accountListSelect = {
  id: true,
  externalId: true,
  product: true,
  currency: true,
  balanceMinor: true,
  overdueMinor: true,
  oldestUnpaidDueDate: true,
  missedInstalments: true,
  status: true,
  complianceProfile: true,
  debtorId: true,
  debtor: { select: { fullName: true, timeZone: true } },
  creditor: { select: { name: true } },
  assignedCollector: { select: { id: true, displayName: true } },
} as const satisfies Prisma.AccountSelect;

export type AccountListRow = Prisma.AccountGetPayload<{ select: typeof accountListSelect }>;

export function createAccountsRepository(db: Pick<Db, 'account' | 'stopFlag' | '$queryRaw'>) {
  /**
   * Debtors with a phone number that is `key` however written (phoneNumbersMatch in
   * @crm/domain): digits without leading zeros equal, or one ends with the other (a country code
   * in front). The caller's scope is applied to the accounts, not here.
   */
  async function debtorsWithPhone(key: string): Promise<string[]> {
    const rows = await db.$queryRaw<{ debtor_id: string }[]>(Prisma.sql`
      SELECT DISTINCT debtor_id FROM (
        SELECT debtor_id, ltrim(regexp_replace(regexp_replace(value, '\\(\\s*0\\s*\\)', '', 'g'), '[^0-9]', '', 'g'), '0') AS k
        FROM contact_points WHERE kind = 'phone') p
      WHERE length(k) >= ${PHONE_SEARCH_MIN_DIGITS}
        AND (k = ${key} OR right(k, length(${key})) = ${key} OR right(${key}, length(k)) = k)`);
    return rows.map((r) => r.debtor_id);
  }

  return {
    /**
     * Accounts in the user's scope, most overdue first (oldest unpaid due date, then id),
     * keyset-paginated so deep pages cost the same as the first.
     */
    async list(user: SessionUser, opts: { q?: string | undefined; after?: AccountCursor | undefined; limit: number }) {
      const and: Prisma.AccountWhereInput[] = [accountScopeWhere(user)];
      if (opts.q) {
        const phoneKey = phoneSearchKey(opts.q);
        const byPhone = phoneKey ? await debtorsWithPhone(phoneKey) : [];
        and.push({
          OR: [
            { externalId: { equals: opts.q } },
            { debtor: { fullName: { contains: opts.q, mode: 'insensitive' } } },
            ...(byPhone.length > 0 ? [{ debtorId: { in: byPhone } }] : []),
          ],
        });
      }
      if (opts.after) {
        const { dueDate, id } = opts.after;
        and.push(
          dueDate === null
            ? { oldestUnpaidDueDate: null, id: { gt: id } }
            : {
                OR: [
                  { oldestUnpaidDueDate: { gt: new Date(`${dueDate}T00:00:00Z`) } },
                  { oldestUnpaidDueDate: new Date(`${dueDate}T00:00:00Z`), id: { gt: id } },
                  { oldestUnpaidDueDate: null },
                ],
              },
        );
      }
      return db.account.findMany({
        where: { AND: and },
        orderBy: [{ oldestUnpaidDueDate: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
        take: opts.limit + 1,
        select: accountListSelect,
      });
    },

    /**
     * What deciding access to one account needs (account-access.ts): who it is assigned to (and
     * whether they are active, and their team's supervisor) and who leases it until when. Pass a
     * transaction to read the row as it is under the account's lock. Null when it does not exist.
     */
    accessFacts(accountId: string, tx?: Tx) {
      return (tx ?? db).account.findUnique({
        where: { id: accountId },
        select: {
          assignedCollectorId: true,
          leasedById: true,
          leaseExpiresAt: true,
          assignedCollector: { select: { active: true, team: { select: { supervisorId: true } } } },
        },
      });
    },

    /** Active stop flags for the given accounts and their debtors, in one query. */
    activeStopFlags(accountIds: string[], debtorIds: string[], now: Date) {
      return db.stopFlag.findMany({
        where: {
          clearedAt: null,
          OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
          AND: [{ OR: [{ accountId: { in: accountIds } }, { accountId: null, debtorId: { in: debtorIds } }] }],
        },
        select: { accountId: true, debtorId: true, type: true },
      });
    },
  };
}
