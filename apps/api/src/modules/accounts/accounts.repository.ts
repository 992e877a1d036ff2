import type { SessionUser } from '@crm/contracts';
import type { Db, Prisma } from '@crm/db';
import { accountScopeWhere } from './account-scope.js';

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
