import type { Db } from '@crm/db';
import type { GateAttempt, GateStopFlag, RankedContactPoint } from '@crm/domain';
import { groupBy } from '../../lib/group-by.js';
import { lockAccounts, type Tx } from '../../lib/transaction.js';

const DAY = 86_400_000;
/** Longest look-back any gate rule needs (7-day cap and quiet period, plus a day of zone slack). */
const LOOKBACK_DAYS = 9;

export interface GateFacts {
  debtorId: string;
  customerTimeZone: string;
  contactPoints: RankedContactPoint[];
  stopFlags: GateStopFlag[];
  attempts: GateAttempt[];
  callback: { id: string; dueAt: Date; requestedByCustomer: boolean } | null;
}

export type GateFactsRepository = ReturnType<typeof createGateFactsRepository>;

type Client = Pick<Db, 'account' | 'contactPoint' | 'stopFlag' | 'contactAttempt' | 'callback'>;

/**
 * Everything the contact gate needs for a set of accounts, in a fixed number of queries
 * (one per kind of fact, whatever the number of accounts).
 */
export function createGateFactsRepository(db: Client) {
  return {
    /** For display (queue, case file): what the gate would say now. Decisions use `lockAndLoad`. */
    load: (accountIds: string[], now: Date) => loadFacts(db, accountIds, now),
    /**
     * Locks the customer and the account for the rest of the transaction: no other contact with
     * this person about any of their debts can be decided or recorded until it ends, so the facts
     * read afterwards (caps, quiet period, the customer's stop flags and opt-outs) stay true for
     * the write that follows. False when the account does not exist.
     * Lock order (ADR 009): the customer, then accounts in id order, then names.
     */
    async lock(tx: Tx, accountId: string): Promise<boolean> {
      const debtor = await tx.$queryRaw<{ id: string }[]>`
        SELECT d.id FROM accounts a JOIN debtors d ON d.id = a.debtor_id WHERE a.id = ${accountId}::uuid FOR NO KEY UPDATE OF d`;
      if (debtor.length === 0) return false;
      await lockAccounts(tx, [accountId]);
      return true;
    },
    /** The facts of an account locked with `lock`, read through the same transaction. */
    async loadLocked(tx: Tx, accountId: string, now: Date): Promise<GateFacts | null> {
      return (await loadFacts(tx, [accountId], now)).get(accountId) ?? null;
    },
  };
}

async function loadFacts(db: Client, accountIds: string[], now: Date): Promise<Map<string, GateFacts>> {
  if (accountIds.length === 0) return new Map();
  const accounts = await db.account.findMany({
    where: { id: { in: accountIds } },
    select: { id: true, debtorId: true, debtor: { select: { timeZone: true } } },
  });
  const debtorIds = [...new Set(accounts.map((a) => a.debtorId))];
  const [points, flags, attempts, callbacks] = await Promise.all([
    db.contactPoint.findMany({
      where: { debtorId: { in: debtorIds } },
      select: {
        id: true,
        debtorId: true,
        kind: true,
        type: true,
        status: true,
        optedOut: true,
        workInconvenient: true,
        timeZone: true,
        lastSuccessAt: true,
      },
    }),
    db.stopFlag.findMany({
      where: {
        clearedAt: null,
        OR: [{ accountId: { in: accountIds } }, { accountId: null, debtorId: { in: debtorIds } }],
      },
      select: { accountId: true, debtorId: true, type: true, expiresAt: true },
    }),
    db.contactAttempt.findMany({
      where: { accountId: { in: accountIds }, startedAt: { gte: new Date(now.getTime() - LOOKBACK_DAYS * DAY) } },
      select: {
        accountId: true,
        startedAt: true,
        channel: true,
        direction: true,
        contactPointId: true,
        partyReached: true,
        disposition: true,
        customerRequested: true,
      },
    }),
    db.callback.findMany({
      where: { accountId: { in: accountIds }, status: 'pending' },
      orderBy: { dueAt: 'asc' },
      select: { id: true, accountId: true, dueAt: true, requestedByCustomer: true },
    }),
  ]);
  const pointsByDebtor = groupBy(points, (p) => p.debtorId);
  const accountFlags = groupBy(
    flags.filter((f) => f.accountId !== null),
    (f) => f.accountId,
  );
  const debtorFlags = groupBy(
    flags.filter((f) => f.accountId === null),
    (f) => f.debtorId,
  );
  const attemptsByAccount = groupBy(attempts, (t) => t.accountId);
  const callbackByAccount = new Map<string, (typeof callbacks)[number]>();
  for (const c of callbacks) if (!callbackByAccount.has(c.accountId)) callbackByAccount.set(c.accountId, c);

  const facts = new Map<string, GateFacts>();
  for (const a of accounts) {
    const callback = callbackByAccount.get(a.id);
    facts.set(a.id, {
      debtorId: a.debtorId,
      customerTimeZone: a.debtor.timeZone,
      contactPoints: pointsByDebtor.get(a.debtorId) ?? [],
      stopFlags: [...(accountFlags.get(a.id) ?? []), ...(debtorFlags.get(a.debtorId) ?? [])],
      attempts: (attemptsByAccount.get(a.id) ?? []).map((t) => ({ ...t, at: t.startedAt })),
      callback: callback
        ? { id: callback.id, dueAt: callback.dueAt, requestedByCustomer: callback.requestedByCustomer }
        : null,
    });
  }
  return facts;
}
