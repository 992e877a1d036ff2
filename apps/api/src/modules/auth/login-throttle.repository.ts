import { Prisma, type Db } from '@crm/db';

export type LoginThrottleRepository = ReturnType<typeof createLoginThrottleRepository>;

export interface ThrottleCounter {
  scope: 'username' | 'address';
  key: string;
}

/**
 * Failure counters in PostgreSQL, so every API instance counts the same attempts. One row per
 * (scope, key, window); the upsert is atomic, so concurrent attempts each get their own count.
 */
export function createLoginThrottleRepository(db: Pick<Db, '$queryRaw' | '$executeRaw'>) {
  return {
    /**
     * Adds one to each counter of the window and returns the new counts. Rows are always
     * written in the order given (username before address), so two attempts never deadlock.
     */
    async increment(
      counters: ThrottleCounter[],
      windowStart: Date,
    ): Promise<(ThrottleCounter & { failures: number })[]> {
      return db.$queryRaw<(ThrottleCounter & { failures: number })[]>(Prisma.sql`
        INSERT INTO login_throttle (scope, key, window_start, failures)
        SELECT c.scope, c.key, ${windowStart}, 1
        FROM unnest(${counters.map((c) => c.scope)}::text[], ${counters.map((c) => c.key)}::text[]) WITH ORDINALITY AS c(scope, key, n)
        ORDER BY c.n
        ON CONFLICT (scope, key, window_start) DO UPDATE SET failures = login_throttle.failures + 1
        RETURNING scope, key, failures`);
    },

    /** Takes back one count (the attempt succeeded: successes are not failures). */
    async decrement(counters: ThrottleCounter[], windowStart: Date): Promise<void> {
      await db.$executeRaw(Prisma.sql`
        UPDATE login_throttle t SET failures = t.failures - 1
        FROM unnest(${counters.map((c) => c.scope)}::text[], ${counters.map((c) => c.key)}::text[]) AS c(scope, key)
        WHERE t.scope = c.scope AND t.key = c.key AND t.window_start = ${windowStart} AND t.failures > 0`);
    },

    /** Forgets windows that ended before `before`. */
    async purge(before: Date): Promise<void> {
      await db.$executeRaw`DELETE FROM login_throttle WHERE window_start < ${before}`;
    },
  };
}
