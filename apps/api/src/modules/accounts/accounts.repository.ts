import type { SessionUser } from '@crm/contracts';
import type { Db, Prisma } from '@crm/db';
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

export function createAccountsRepository(db: Pick<Db, 'account' | 'stopFlag'>) {
  return {
    /**
     * Accounts in the user's scope, most overdue first (oldest unpaid due date, then id),
     * keyset-paginated so deep pages cost the same as the first.
     */
    list(user: SessionUser, opts: { q?: string | undefined; after?: AccountCursor | undefined; limit: number }) {
      const and: Prisma.AccountWhereInput[] = [accountScopeWhere(user)];
      if (opts.q) {
        and.push({
          OR: [{ externalId: { equals: opts.q } }, { debtor: { fullName: { contains: opts.q, mode: 'insensitive' } } }],
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
