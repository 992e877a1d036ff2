import type { Db } from '@crm/db';

export type CreditorsRepository = ReturnType<typeof createCreditorsRepository>;

export function createCreditorsRepository(db: Pick<Db, 'creditor' | 'account'>) {
  return {
    list: () =>
      db.creditor.findMany({
        orderBy: { name: 'asc' },
        select: { id: true, code: true, name: true, complianceProfile: true },
      }),
    openAccountCounts: async () =>
      new Map(
        (await db.account.groupBy({ by: ['creditorId'], where: { status: 'open' }, _count: { _all: true } })).map(
          (g) => [g.creditorId, g._count._all],
        ),
      ),
  };
}
