import type { Db } from '@crm/db';
import type { StopFlagTypeCode } from '@crm/contracts';
import type { Tx } from '../../lib/transaction.js';

export type StopFlagsRepository = ReturnType<typeof createStopFlagsRepository>;

const FLAG = {
  id: true,
  debtorId: true,
  accountId: true,
  type: true,
  reason: true,
  evidence: true,
  evidenceReference: true,
  setById: true,
  setAt: true,
  startsOn: true,
  expiresAt: true,
  reviewAt: true,
  crisisEndedOn: true,
  clearedAt: true,
  clearedById: true,
  clearReason: true,
} as const;

export interface NewStopFlag {
  debtorId: string;
  accountId: string | null;
  type: StopFlagTypeCode;
  reason: string;
  evidence: string;
  evidenceReference: string | null;
  setById: string;
  setAt: Date;
  startsOn: string;
  expiresAt: Date | null;
  reviewAt: Date | null;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Stop flags as stored (ADR 023). Reads take the client or the service's transaction; writes take its transaction. */
export function createStopFlagsRepository(db: Pick<Db, 'account' | 'stopFlag' | 'user'>) {
  return {
    /** What setting or listing a flag needs of the account: its customer, profile and the customer's zone. */
    account: (accountId: string, client: Pick<Db, 'account'> = db) =>
      client.account.findUnique({
        where: { id: accountId },
        select: { id: true, debtorId: true, complianceProfile: true, debtor: { select: { timeZone: true } } },
      }),
    /** The account's own flags and the customer's (every account's), every status, newest first. */
    flagsOf: (accountId: string, debtorId: string) =>
      db.stopFlag.findMany({
        where: { OR: [{ accountId }, { accountId: null, debtorId }] },
        orderBy: [{ setAt: 'desc' }, { id: 'asc' }],
        select: FLAG,
      }),
    userNames: async (ids: string[]) =>
      new Map(
        (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((u) => [
          u.id,
          u.displayName,
        ]),
      ),
    flag: (tx: Tx, id: string) => tx.stopFlag.findUnique({ where: { id }, select: FLAG }),
    create: (tx: Tx, f: NewStopFlag) => tx.stopFlag.create({ data: { ...f, startsOn: day(f.startsOn) }, select: FLAG }),
    /** Clears the flag if nobody has yet: false when it was already cleared (the loser of a race). */
    async clear(tx: Tx, id: string, data: { clearedAt: Date; clearedById: string | null; clearReason: string }) {
      const { count } = await tx.stopFlag.updateMany({ where: { id, clearedAt: null }, data });
      return count === 1;
    },
    /** Records the crisis end and the expiry it gives, if the flag is still uncleared and its end unknown. */
    async endCrisis(
      tx: Tx,
      id: string,
      data: { crisisEndedOn: string; expiresAt: Date | null; reviewAt: Date | null },
    ) {
      const { count } = await tx.stopFlag.updateMany({
        where: { id, clearedAt: null, crisisEndedOn: null },
        data: { ...data, crisisEndedOn: day(data.crisisEndedOn) },
      });
      return count === 1;
    },
  };
}
