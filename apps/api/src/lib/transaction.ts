import { randomInt } from 'node:crypto';
import { Prisma, type RawClient } from '@crm/db';
import { classifyDbError } from './db-errors.js';

/**
 * A transaction handle. Services receive it from a unit of work and pass it to repositories
 * without looking inside; only repositories (and this file) use it as a Prisma client.
 */
export type Tx = Prisma.TransactionClient;

export interface TransactionOptions {
  /** Attempts in all, the first included, when the database asks for a retry (deadlock, serialization failure). */
  attempts?: number;
  /** How long the whole transaction may run, lock waits included. */
  timeoutMs?: number;
  /** How long to wait for a pooled connection to start it. */
  maxWaitMs?: number;
}

/**
 * Runs `work` in one interactive transaction: everything it writes commits together or not at
 * all. When PostgreSQL aborts it to break a deadlock or a serialization conflict (see
 * isRetryableTransactionError), the whole callback runs again on a fresh transaction after a
 * short, jittered, growing pause, a bounded number of times; any other error rolls back and is
 * thrown.
 *
 * Rules for the callback (ADR 009): read and write only through `tx` (a second pooled
 * connection taken while this one is held can exhaust the pool under load); take row locks
 * first, accounts in id order, then key locks; no calls to other systems (it may run twice).
 */
export type UnitOfWork<C = Tx> = <T>(work: (tx: C) => Promise<T>, options?: TransactionOptions) => Promise<T>;

/**
 * A unit of work whose transaction client is the direct one (`directSql(db)`, ADR 052): the raw
 * API only (no ORM model calls), without the ORM's per-statement compile. For hot transactions
 * written wholly in SQL; the same retries and timeouts.
 */
export type RawUnitOfWork = UnitOfWork<RawClient>;

/** What a unit of work opens its transactions on: the Prisma client, or a direct client. */
interface TransactionStarter<C> {
  $transaction<T>(work: (tx: C) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T>;
}

export const TRANSACTION_DEFAULTS: Required<TransactionOptions> = { attempts: 5, timeoutMs: 20_000, maxWaitMs: 10_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createUnitOfWork<C = Tx>(db: TransactionStarter<C>, defaults: TransactionOptions = {}): UnitOfWork<C> {
  const base = { ...TRANSACTION_DEFAULTS, ...defaults };
  return async (work, options = {}) => {
    const { attempts, timeoutMs, maxWaitMs } = { ...base, ...options };
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.$transaction((tx) => work(tx), { timeout: timeoutMs, maxWait: maxWaitMs });
      } catch (err) {
        if (attempt >= attempts || !isRetryableTransactionError(err)) throw err;
        // 10-20 ms, then 20-40, 40-80... : the transactions that collided do not collide again in step.
        const ceiling = 10 * 2 ** (attempt - 1);
        await sleep(ceiling + randomInt(ceiling + 1));
      }
    }
  };
}

/**
 * PostgreSQL gave up on the transaction and a retry may succeed: deadlock (40P01), serialization
 * failure (40001, Prisma P2034), lock not available (55P03). Classified by lib/db-errors.ts, the
 * one reading of database errors (which answers 409 for these if the retries run out).
 */
export function isRetryableTransactionError(err: unknown): boolean {
  return classifyDbError(err)?.kind === 'retry';
}

/**
 * Locks accounts for the rest of the transaction, in id order (the one order every multi-account
 * writer uses, so two of them wait for each other instead of deadlocking). FOR NO KEY UPDATE:
 * the lock an UPDATE of the row takes, so it serialises writers of the account without blocking
 * inserts of rows that merely reference it. Returns the ids that exist.
 */
export async function lockAccounts(tx: Tx, accountIds: string[]): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM accounts WHERE id = ANY(${accountIds}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
  return rows.map((r) => r.id);
}

/**
 * A lock on a name for the rest of the transaction (an idempotency key, a payment reference):
 * two transactions using the same name run one after the other, so the second sees what the
 * first wrote instead of colliding with it on a unique index. Taken after any account locks.
 */
export async function lockName(tx: Tx, namespace: string, name: string): Promise<void> {
  await tx.$executeRaw`SELECT ${lockNameSql(namespace, name)}`;
}

/** `lockName` as an SQL expression, for a statement that takes the lock and reads something in one round trip. */
export function lockNameSql(namespace: string, name: string): Prisma.Sql {
  return Prisma.sql`pg_advisory_xact_lock(hashtextextended(${`${namespace}:${name}`}, 0))`;
}

/**
 * The collector's lease lock for the rest of the transaction: whatever takes or moves their one
 * reservation ("next", extend) runs one at a time per collector, so two at once cannot leave them
 * holding two accounts. Taken before any account lock (nothing that locks accounts waits for it).
 */
export function lockCollectorLease(tx: Tx, collectorId: string): Promise<void> {
  return lockName(tx, 'lease', collectorId);
}

/** `lockCollectorLease` as an SQL expression (a SELECT taking it with other reads: "next"). */
export function collectorLeaseLockSql(collectorId: string): Prisma.Sql {
  return lockNameSql('lease', collectorId);
}
