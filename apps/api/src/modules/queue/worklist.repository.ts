import { Prisma, type Db, type RawClient } from '@crm/db';
import { collectorLeaseLockSql, type Tx } from '../../lib/transaction.js';
import { addJobSql, type JobSpec } from '../../jobs/jobs.repository.js';
import type { OneAccountFactsColumns } from '../compliance/gate-facts.repository.js';
import { oneAccountFactsSql } from '../compliance/gate-facts.repository.js';
import { collectorPoolSql, collectorPoolWhere } from '../accounts/account-scope.repository.js';

/** One computed worklist row (ADR 041), as the queue service writes it. */
export interface WorklistRowData {
  accountId: string;
  debtorId: string;
  priority: number;
  reasons: unknown[];
  contactPointId: string | null;
  callableFrom: Date | null;
  callableUntil: Date | null;
  blockedReasons: unknown[];
  nextAllowedAt: Date | null;
  closedReasons: unknown[];
  reopensAt: Date | null;
  /**
   * The row's stale mark as read BEFORE the facts it was computed from (null: it was not marked).
   * Writing the row clears the mark only if it is still this one (ADR 053).
   */
  staleMark: bigint | null;
}

/** One row of a page of the queue list (ADR 050): only what the list shows, and its sort key. */
export interface WorklistPageRow {
  account_id: string;
  full_name: string;
  time_zone: string;
  oldest_unpaid_due_date: Date | null;
  overdue_minor: bigint;
  currency: string;
  priority: number;
  /** Callable list: the priority's reasons. Blocked list: why it is blocked now. */
  reasons: unknown[];
  /** Blocked list: when it opens (the sort key; null when it never opens by itself). */
  opens_at: Date | null;
}

/** Where the previous page ended: the last row's sort key. */
export type WorklistPageAfter =
  | { list: 'callable'; priority: number; accountId: string }
  | { list: 'blocked'; opensAt: Date | null; accountId: string };

export type WorklistRepository = ReturnType<typeof createWorklistRepository>;

type FreshnessRow = {
  current: bigint;
  epoch: bigint | null;
  built_at: Date | null;
  generated_at: Date | null;
  stale_debtors: string[] | null;
};

/**
 * The current epoch, the collector's last build and the customers whose rows a recording marked
 * stale in their worklist (ADR 053), in one row (`also`: more in its FROM, such as a lock).
 */
const freshnessSql = (collectorId: string, also: Prisma.Sql = Prisma.empty) => Prisma.sql`/* prepared */
  SELECT COALESCE((SELECT epoch FROM worklist_epoch WHERE id = 1), 0) AS current, b.epoch, b.built_at, b.generated_at,
         (SELECT array_agg(DISTINCT s.debtor_id::text) FROM worklist s
          WHERE s.collector_id = ${collectorId}::uuid AND s.stale_mark IS NOT NULL) AS stale_debtors
  FROM (SELECT 1) AS one ${also} LEFT JOIN worklist_builds b ON b.collector_id = ${collectorId}::uuid`;

const freshnessOf = (r: FreshnessRow) => ({
  current: r.current,
  build: r.epoch === null ? null : { epoch: r.epoch, builtAt: r.built_at!, generatedAt: r.generated_at! },
  staleDebtors: r.stale_debtors ?? [],
});

/** "Callable now" as SQL on a worklist row aliased `w`. */
const callableNow = (now: Date) =>
  Prisma.sql`(w.callable_from <= ${now} AND (w.callable_until IS NULL OR ${now} < w.callable_until))`;

/** The negation of callableNow (a null callable_from is never callable by itself). */
const blockedNow = (now: Date) =>
  Prisma.sql`(w.callable_from IS NULL OR w.callable_from > ${now} OR w.callable_until <= ${now})`;

/**
 * The collector's rows the queue shows (worklist `w` joined to accounts `a`): rows not marked stale
 * by a recording since they were computed (ADR 053), of accounts open and in
 * their pool now, not leased to someone else now, not skipped or given back by them recently (ADR 032).
 */
const shownRows = (collectorId: string, now: Date) => Prisma.sql`
  w.collector_id = ${collectorId}::uuid AND w.stale_mark IS NULL
  AND a.status = 'open' AND ${collectorPoolSql(collectorId)}
  AND (a.leased_by_id IS NULL OR a.leased_by_id = ${collectorId}::uuid OR a.lease_expires_at < ${now})
  AND NOT EXISTS (SELECT 1 FROM reservation_releases r
                  WHERE r.account_id = a.id AND r.collector_id = ${collectorId}::uuid AND r.hidden_until > ${now})`;

/**
 * The worklist (ADR 041): the queue computed into PostgreSQL, one row per (collector, account) the
 * collector may work, shared by every API instance. Leases, skips and give-backs are not in the
 * rows: they change by the second and are read with them (the account's lease, reservation_releases).
 */
export function createWorklistRepository(db: Pick<Db, 'account' | '$queryRaw' | '$executeRaw'>) {
  return {
    /** Open accounts in the collector's pool (collectorPoolWhere), leased or not; with `debtorIds`, those customers'. */
    poolAccounts(collectorId: string, debtorIds?: string[]) {
      return db.account.findMany({
        where: {
          status: 'open',
          ...(debtorIds ? { debtorId: { in: debtorIds } } : {}),
          AND: [collectorPoolWhere(collectorId)],
        },
        select: {
          id: true,
          externalId: true,
          currency: true,
          balanceMinor: true,
          overdueMinor: true,
          oldestUnpaidDueDate: true,
          debtorId: true,
          debtor: { select: { fullName: true, timeZone: true } },
        },
      });
    },

    /**
     * The stale marks of the collector's rows (all, or one customer's), by account: read before the
     * facts a computation reads, and handed back to `replace` with its rows (ADR 053).
     */
    async staleMarks(collectorId: string, debtorIds?: string[]): Promise<Map<string, bigint>> {
      const rows = await db.$queryRaw<{ account_id: string; stale_mark: bigint }[]>`
        SELECT account_id, stale_mark FROM worklist
        WHERE collector_id = ${collectorId}::uuid AND stale_mark IS NOT NULL
          AND (${debtorIds ?? null}::uuid[] IS NULL OR debtor_id = ANY(${debtorIds ?? null}::uuid[]))`;
      return new Map(rows.map((r) => [r.account_id, r.stale_mark]));
    },

    /**
     * A recording on the customer, in its transaction (ADR 053): their rows in every worklist are
     * marked stale with the transaction's id (unique, never reused), and when there were any, `job`
     * is added to compute them again, in ONE statement. From its commit, neither the list nor
     * "next" hands out a row computed before it.
     */
    async markStale(tx: Tx, debtorId: string, job: JobSpec) {
      await tx.$queryRaw`/* prepared */
        WITH locked AS (
          -- Locked in key order, as replace() upserts them (no deadlock with a rebuild).
          SELECT collector_id, account_id FROM worklist WHERE debtor_id = ${debtorId}::uuid
          ORDER BY collector_id, account_id FOR UPDATE),
        marked AS (
          UPDATE worklist w SET stale_mark = pg_current_xact_id()::text::bigint
          FROM locked l WHERE w.collector_id = l.collector_id AND w.account_id = l.account_id
          RETURNING 1)
        SELECT ${addJobSql(job)}::text AS job WHERE EXISTS (SELECT 1 FROM marked)`;
    },

    /** The current epoch and the collector's last build (null when never built), in one statement. */
    async freshness(collectorId: string) {
      const rows = await db.$queryRaw<FreshnessRow[]>(freshnessSql(collectorId));
      return freshnessOf(rows[0]!);
    },

    /**
     * Takes the collector's lease lock (lockCollectorLease) and reads their worklist's freshness,
     * in one statement: the first of "next". The lock comes first and alone, because the claim after
     * it must see the lease of a "next" that held the lock before (a statement sees only what was
     * committed when it began).
     */
    async lockLease(tx: RawClient, collectorId: string) {
      const rows = await tx.$queryRaw<FreshnessRow[]>(
        freshnessSql(collectorId, Prisma.sql`CROSS JOIN (SELECT ${collectorLeaseLockSql(collectorId)}) AS lease_lock`),
      );
      return freshnessOf(rows[0]!);
    },

    /**
     * Every worklist is stale from now on (in the caller's transaction when given). The one row is
     * created when missing (a database whose tables were truncated, as the benchmarks do).
     */
    async bumpEpoch(client: Pick<Db, '$executeRaw'> = db) {
      await client.$executeRaw`INSERT INTO worklist_epoch (id, epoch) VALUES (1, 1)
                               ON CONFLICT (id) DO UPDATE SET epoch = worklist_epoch.epoch + 1`;
    },

    /**
     * Replaces the collector's rows (all of them, or some customers' with `debtorIds`) and records the
     * build, in ONE statement (no connection held between round trips): rows are upserted, the ones
     * no longer computed deleted. A whole build stores `epoch`, read before it was computed, so an
     * event during the computation leaves it stale. A part is only written over an existing build.
     * A row's stale mark is cleared only when it is still the one read before its facts (a
     * recording committed since marked it again: it stays stale for the next computation).
     */
    async replace(
      collectorId: string,
      rows: WorklistRowData[],
      at: Date,
      scope: { epoch: bigint } | { debtorIds: string[] },
    ) {
      const json = JSON.stringify(
        rows.map((r) => ({
          account_id: r.accountId,
          debtor_id: r.debtorId,
          priority: r.priority,
          reasons: r.reasons,
          contact_point_id: r.contactPointId,
          callable_from: r.callableFrom?.toISOString() ?? null,
          callable_until: r.callableUntil?.toISOString() ?? null,
          blocked_reasons: r.blockedReasons,
          next_allowed_at: r.nextAllowedAt?.toISOString() ?? null,
          closed_reasons: r.closedReasons,
          reopens_at: r.reopensAt?.toISOString() ?? null,
          stale_mark: r.staleMark === null ? null : r.staleMark.toString(),
        })),
      );
      const part = 'debtorIds' in scope ? scope.debtorIds : null;
      const epoch = 'epoch' in scope ? scope.epoch : null;
      await db.$executeRaw`
        WITH build AS (
          INSERT INTO worklist_builds (collector_id, epoch, built_at, generated_at)
          SELECT ${collectorId}::uuid, ${epoch}::bigint, ${at}, ${at} WHERE ${part}::uuid[] IS NULL
          ON CONFLICT (collector_id) DO UPDATE SET epoch = EXCLUDED.epoch, built_at = EXCLUDED.built_at,
                                                   generated_at = EXCLUDED.generated_at
          RETURNING collector_id),
        touched AS (
          UPDATE worklist_builds SET generated_at = ${at}
          WHERE collector_id = ${collectorId}::uuid AND ${part}::uuid[] IS NOT NULL
          RETURNING collector_id),
        target AS (SELECT collector_id FROM build UNION ALL SELECT collector_id FROM touched),
        data AS (
          SELECT d.* FROM jsonb_to_recordset(${json}::jsonb) AS d(
            account_id uuid, debtor_id uuid, priority int, reasons jsonb, contact_point_id uuid,
            callable_from timestamptz, callable_until timestamptz, blocked_reasons jsonb,
            next_allowed_at timestamptz, closed_reasons jsonb, reopens_at timestamptz, stale_mark bigint)),
        upserted AS (
          INSERT INTO worklist (collector_id, account_id, debtor_id, priority, reasons, contact_point_id, callable_from,
                                callable_until, blocked_reasons, next_allowed_at, closed_reasons, reopens_at, built_at,
                                stale_mark)
          SELECT t.collector_id, d.account_id, d.debtor_id, d.priority, d.reasons, d.contact_point_id, d.callable_from,
                 d.callable_until, d.blocked_reasons, d.next_allowed_at, d.closed_reasons, d.reopens_at, ${at},
                 d.stale_mark
          FROM data d CROSS JOIN target t
          ORDER BY d.account_id
          ON CONFLICT (collector_id, account_id) DO UPDATE SET
            debtor_id = EXCLUDED.debtor_id, priority = EXCLUDED.priority, reasons = EXCLUDED.reasons,
            contact_point_id = EXCLUDED.contact_point_id, callable_from = EXCLUDED.callable_from,
            callable_until = EXCLUDED.callable_until, blocked_reasons = EXCLUDED.blocked_reasons,
            next_allowed_at = EXCLUDED.next_allowed_at, closed_reasons = EXCLUDED.closed_reasons,
            reopens_at = EXCLUDED.reopens_at, built_at = EXCLUDED.built_at,
            -- EXCLUDED.stale_mark is the mark read before the facts; the row's own is the latest.
            stale_mark = CASE WHEN worklist.stale_mark IS NOT DISTINCT FROM EXCLUDED.stale_mark THEN NULL
                              ELSE worklist.stale_mark END)
        DELETE FROM worklist w
        WHERE w.collector_id = ${collectorId}::uuid
          AND EXISTS (SELECT 1 FROM target)
          AND (${part}::uuid[] IS NULL OR w.debtor_id = ANY(${part}::uuid[]))
          AND w.account_id NOT IN (SELECT account_id FROM data)`;
    },

    /**
     * One page of the collector's callable rows (priority order) or blocked rows (soonest to open
     * first, the ones that never open by themselves last), after `after`, `limit` rows at most,
     * with the display fields of each. Keyset paging on (sort key, account id): walking every page
     * of an unchanged worklist yields each row once.
     */
    page(
      collectorId: string,
      now: Date,
      list: 'callable' | 'blocked',
      after: WorklistPageAfter | null,
      limit: number,
    ): Promise<WorklistPageRow[]> {
      const fields = Prisma.sql`w.account_id, d.full_name, d.time_zone, a.oldest_unpaid_due_date, a.overdue_minor,
                                a.currency, w.priority`;
      const from = Prisma.sql`FROM worklist w JOIN accounts a ON a.id = w.account_id JOIN debtors d ON d.id = a.debtor_id`;
      if (list === 'callable') {
        const keyset =
          after?.list === 'callable'
            ? Prisma.sql`AND (w.priority < ${after.priority}::int
                              OR (w.priority = ${after.priority}::int AND w.account_id > ${after.accountId}::uuid))`
            : Prisma.empty;
        return db.$queryRaw<WorklistPageRow[]>`
          SELECT ${fields}, w.reasons, NULL::timestamptz AS opens_at
          ${from}
          WHERE ${shownRows(collectorId, now)} AND ${callableNow(now)} ${keyset}
          ORDER BY w.priority DESC, w.account_id
          LIMIT ${limit}`;
      }
      // A row that opened and closed again shows why it closed and when it reopens; one not yet
      // open, why it is blocked and when it opens.
      const keyset =
        after?.list !== 'blocked'
          ? Prisma.empty
          : after.opensAt === null
            ? Prisma.sql`WHERE q.opens_at IS NULL AND q.account_id > ${after.accountId}::uuid`
            : Prisma.sql`WHERE q.opens_at > ${after.opensAt} OR q.opens_at IS NULL
                           OR (q.opens_at = ${after.opensAt} AND q.account_id > ${after.accountId}::uuid)`;
      return db.$queryRaw<WorklistPageRow[]>`
        SELECT q.* FROM (
          SELECT ${fields},
                 CASE WHEN w.callable_from <= ${now} THEN w.closed_reasons ELSE w.blocked_reasons END AS reasons,
                 CASE WHEN w.callable_from <= ${now} THEN w.reopens_at
                      ELSE COALESCE(w.next_allowed_at, w.callable_from) END AS opens_at
          ${from}
          WHERE ${shownRows(collectorId, now)} AND ${blockedNow(now)}) q
        ${keyset}
        ORDER BY q.opens_at NULLS LAST, q.account_id
        LIMIT ${limit}`;
    },

    /** The counts the queue's header shows: callable rows, blocked rows, callable rows whose callback is due. */
    async totals(collectorId: string, now: Date): Promise<{ callable: number; blocked: number; callbacksDue: number }> {
      const rows = await db.$queryRaw<{ callable: number; blocked: number; callbacks_due: number }[]>`
        SELECT COUNT(*) FILTER (WHERE ${callableNow(now)})::int AS callable,
               COUNT(*) FILTER (WHERE ${blockedNow(now)})::int AS blocked,
               COUNT(*) FILTER (WHERE ${callableNow(now)} AND w.reasons @> '[{"code":"callback_due"}]'::jsonb)::int
                 AS callbacks_due
        FROM worklist w JOIN accounts a ON a.id = w.account_id
        WHERE ${shownRows(collectorId, now)}`;
      const r = rows[0]!;
      return { callable: r.callable, blocked: r.blocked, callbacksDue: r.callbacks_due };
    },

    /**
     * "Next account" in ONE statement: the collector's top row callable now whose account is open,
     * in their pool, free (or theirs, or lapsed) and not skipped by them, locked with SKIP LOCKED
     * (concurrent callers take different accounts instead of waiting), leased to them, and their
     * other leases ended, in the same UPDATE; the account's gate facts (oneAccountFactsSql, attempts
     * since `since`) come back with it for the re-check. Null when nothing is callable (their leases
     * end all the same). Call it after `lockLease` in the same transaction (one lease per collector).
     */
    async leaseTop(
      tx: RawClient,
      collectorId: string,
      now: Date,
      leaseMs: number,
      since: Date,
    ): Promise<
      | ({ accountId: string; debtorId: string; leaseExpiresAt: Date; reasons: unknown[] } & {
          facts: OneAccountFactsColumns;
        })
      | null
    > {
      const expires = new Date(now.getTime() + leaseMs);
      const rows = await tx.$queryRaw<
        ({ id: string; debtor_id: string; lease_expires_at: Date; reasons: unknown[] } & OneAccountFactsColumns)[]
      >(Prisma.sql`/* prepared */
        WITH pick AS MATERIALIZED (
          SELECT a.id, a.debtor_id, w.reasons FROM worklist w JOIN accounts a ON a.id = w.account_id
          WHERE w.collector_id = ${collectorId}::uuid AND w.stale_mark IS NULL AND ${callableNow(now)}
            AND a.status = 'open' AND ${collectorPoolSql(collectorId)}
            AND (a.leased_by_id IS NULL OR a.leased_by_id = ${collectorId}::uuid OR a.lease_expires_at < ${now})
            AND NOT EXISTS (SELECT 1 FROM reservation_releases r
                            WHERE r.account_id = a.id AND r.collector_id = ${collectorId}::uuid AND r.hidden_until > ${now})
          ORDER BY w.priority DESC, w.account_id
          LIMIT 1
          FOR UPDATE OF a SKIP LOCKED),
        leased AS (
          UPDATE accounts a
          SET leased_by_id = CASE WHEN a.id IN (SELECT id FROM pick) THEN ${collectorId}::uuid END,
              lease_expires_at = CASE WHEN a.id IN (SELECT id FROM pick) THEN ${expires}::timestamptz END
          WHERE a.id IN (SELECT id FROM pick) OR a.leased_by_id = ${collectorId}::uuid
          RETURNING a.id, a.lease_expires_at)
        SELECT leased.id, pick.debtor_id, leased.lease_expires_at, pick.reasons, ${oneAccountFactsSql(now, since)}
        FROM leased JOIN pick ON pick.id = leased.id
        JOIN accounts a ON a.id = pick.id JOIN debtors d ON d.id = pick.debtor_id`);
      const row = rows[0];
      if (!row) return null;
      const { id, debtor_id, lease_expires_at, reasons, ...facts } = row;
      return { accountId: id, debtorId: debtor_id, leaseExpiresAt: lease_expires_at, reasons, facts };
    },

    /** Collectors holding rows of these customers' accounts (whose worklists a change to them touches). */
    async collectorsWithDebtors(debtorIds: string[]): Promise<string[]> {
      if (debtorIds.length === 0) return [];
      const rows = await db.$queryRaw<{ collector_id: string }[]>`
        SELECT DISTINCT collector_id FROM worklist WHERE debtor_id = ANY(${debtorIds}::uuid[])`;
      return rows.map((r) => r.collector_id);
    },

    /** The customers of these accounts. */
    async debtorsOf(accountIds: string[]): Promise<string[]> {
      if (accountIds.length === 0) return [];
      const rows = await db.$queryRaw<{ debtor_id: string }[]>`
        SELECT DISTINCT debtor_id FROM accounts WHERE id = ANY(${accountIds}::uuid[])`;
      return rows.map((r) => r.debtor_id);
    },

    /**
     * Active collectors whose worklist is missing, from an older epoch, or built before `builtBefore`,
     * the oldest first (the background refresh's work list).
     */
    async staleCollectors(builtBefore: Date, limit: number): Promise<string[]> {
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT u.id FROM users u
        LEFT JOIN worklist_builds b ON b.collector_id = u.id
        WHERE u.role = 'collector' AND u.active
          AND (b.collector_id IS NULL OR b.built_at < ${builtBefore}
               OR b.epoch < COALESCE((SELECT epoch FROM worklist_epoch WHERE id = 1), 0))
        ORDER BY b.built_at NULLS FIRST, u.id
        LIMIT ${limit}`;
      return rows.map((r) => r.id);
    },

    /**
     * Orphans: open accounts some active collector may work (assigned to an active collector, or in
     * the pool, unassigned or held by a deactivated user, while any collector is active) that have
     * no worklist row at all. With whose worklists should hold them: the assignee, or every active
     * collector for a pooled account.
     */
    async orphans(limit: number): Promise<{ accountId: string; assignedCollectorId: string | null }[]> {
      const rows = await db.$queryRaw<{ id: string; assigned: string | null }[]>`
        SELECT a.id, CASE WHEN u.active THEN a.assigned_collector_id END AS assigned
        FROM accounts a LEFT JOIN users u ON u.id = a.assigned_collector_id
        WHERE a.status = 'open'
          AND NOT EXISTS (SELECT 1 FROM worklist w WHERE w.account_id = a.id)
          AND ((u.active AND u.role = 'collector')
               OR ((a.assigned_collector_id IS NULL OR NOT u.active)
                   AND EXISTS (SELECT 1 FROM users c WHERE c.role = 'collector' AND c.active)))
        ORDER BY a.id
        LIMIT ${limit}`;
      return rows.map((r) => ({ accountId: r.id, assignedCollectorId: r.assigned }));
    },

    /** Every active collector. */
    async activeCollectors(): Promise<string[]> {
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT id FROM users WHERE role = 'collector' AND active ORDER BY id`;
      return rows.map((r) => r.id);
    },
  };
}
