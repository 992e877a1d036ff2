import type { Db } from '@crm/db';

/**
 * Resolves once a session of this database is waiting for a lock, or once `done()` says the
 * operation under test finished without waiting. A condition, not a timing: tests use it to
 * know a concurrent operation has reached a lock before they release it.
 */
export async function untilSomeoneWaitsForALock(db: Db, done: () => boolean = () => false): Promise<void> {
  for (;;) {
    const rows = await db.$queryRaw<{ waiting: bigint }[]>`
      SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if ((rows[0]?.waiting ?? 0n) > 0n || done()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
