import type {
  BlockedQueueItem,
  CallbacksTodayResponse,
  QueueItem,
  QueueList,
  QueueResponse,
  ReleaseLeaseBody,
  Reservation,
  SessionUser,
} from '@crm/contracts';
import { isoDateTimeSchema, uuidSchema } from '@crm/contracts';
import { z } from 'zod';
import {
  arrangementParking,
  bestPhoneVerdict,
  bestHoursToCall,
  callbacksTodayWindow,
  daysPastDue,
  localDate,
  localTime,
  type OpenAt,
  parkingHold,
  queuePriority,
  releaseHiddenUntil,
  retryHold,
  stageFor,
  worklistSpan,
} from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ReservationTakenError,
} from '../../lib/errors.js';
import type { RawUnitOfWork, Tx, UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { isoDay } from '../../lib/date-columns.js';
import { groupBy } from '../../lib/group-by.js';
import { gateReasonDto } from '../compliance/gate-dto.js';
import { oneAccountFactsOf, type GateFactsRepository } from '../compliance/gate-facts.repository.js';
import { gateInputOf } from '../compliance/gate-input.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import type { QueueRepository } from './queue.repository.js';
import type { WorklistPageAfter, WorklistPageRow, WorklistRepository, WorklistRowData } from './worklist.repository.js';

export interface QueueServiceDeps {
  queue: QueueRepository;
  worklist: WorklistRepository;
  gateFacts: Pick<GateFactsRepository, 'load' | 'loadLocked'>;
  policies: Pick<PoliciesRepository, 'stageThresholds' | 'queueWeights'>;
  clock: Clock;
  uow: UnitOfWork;
  /** "Next" is SQL only: its transaction runs on the direct client (ADR 052). */
  rawUow: RawUnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  leaseMinutes: number;
  /** A collector's worklist built longer ago than this is computed again when read (0: on every read). */
  maxAgeSeconds: number;
}

export type QueueService = ReturnType<typeof createQueueService>;

/** The gate refused the account "next" leased: its rows are computed again and the next one tried. */
class GateRefused extends Error {
  constructor(readonly debtorId: string) {
    super('The gate refused the leased account.');
  }
}

/** Which page of which list of the queue (GET /api/queue). */
export interface QueuePageQuery {
  list: QueueList;
  cursor?: string | undefined;
  limit: number;
}

/** The sort key a queue cursor carries: (priority, account) or (opens at or null, account). */
function decodeQueueCursor(list: QueueList, raw: string): WorklistPageAfter {
  if (list === 'callable') {
    const [priority, accountId] = decodeCursor(raw, z.tuple([z.string().regex(/^-?\d{1,10}$/), uuidSchema]));
    return { list, priority: Number(priority), accountId };
  }
  const [opensAt, accountId] = decodeCursor(raw, z.tuple([isoDateTimeSchema.nullable(), uuidSchema]));
  return { list, opensAt: opensAt === null ? null : new Date(opensAt), accountId };
}

/** A compliance profile in force looks further back than the attempts "next" read with its claim. */
class ReadFurtherBack extends Error {
  constructor(readonly days: number) {
    super('The gate needs older attempts than the claim read.');
  }
}

const DAY_MS = 86_400_000;

/** How many refused accounts "next" passes over before it answers "nothing callable". */
const NEXT_ATTEMPTS = 5;

export function createQueueService(deps: QueueServiceDeps) {
  const { queue, worklist, gateFacts, policies, clock, uow, rawUow, audit } = deps;
  // How far back "next" reads the claimed account's attempts: the look-back of the compliance
  // profiles it last saw (the gate facts say when the profiles in force need more; then it reads again).
  let attemptsReadDays = 31;
  // The queue is data (ADR 041): each collector's worklist rows live in PostgreSQL, computed by
  // the rules below and shared by every API instance. A read or "next" on a collector whose rows
  // are missing, older than the epoch (a policy, consent, flag or reassignment changed since) or
  // older than the max age computes them first; a recording marks that customer's rows stale in its
  // transaction (ADR 053): they are handed out by nobody until computed again (a keyed job, or the
  // list and "next" first).
  // Whether a row is callable now is a comparison with the clock (callable_from/until), so
  // windows open and close without a rebuild; leasing re-checks the gate in its transaction.

  type GateReasonJson = ReturnType<typeof gateReasonDto>;

  /**
   * The collector's worklist rows computed now; with `debtorIds`, only those customers' accounts.
   * The rows' stale marks are read first, before any fact (ADR 053).
   */
  async function compute(collectorId: string, now: Date, debtorIds?: string[]): Promise<WorklistRowData[]> {
    const [accounts, marks] = await Promise.all([
      worklist.poolAccounts(collectorId, debtorIds),
      worklist.staleMarks(collectorId, debtorIds),
    ]);
    const ids = accounts.map((a) => a.id);
    const [facts, promises, stats, thresholds, weights] = await Promise.all([
      gateFacts.load(ids, now),
      queue.promisesFor(ids, now),
      queue.contactStats(ids, now),
      policies.stageThresholds(),
      policies.queueWeights(),
    ]);
    const promisesByAccount = groupBy(promises, (p) => p.accountId);
    const statsByAccount = new Map(stats.map((s) => [s.account_id, s]));

    const rows: WorklistRowData[] = [];
    for (const account of accounts) {
      const f = facts.get(account.id);
      if (!f) continue;
      const zone = account.debtor.timeZone;
      const s = statsByAccount.get(account.id);
      const accountPromises = (promisesByAccount.get(account.id) ?? []).map((p) => ({
        amountMinor: Number(p.amountMinor),
        currency: p.currency,
        dueDate: isoDay(p.dueDate)!,
        status: p.status,
        statusChangedAt: p.statusChangedAt,
        createdAt: p.createdAt,
      }));
      const verdictAt = (t: Date) => bestPhoneVerdict(gateInputOf(f, t), f.contactPoints);
      // The queue's rules at instant t: the gate, then parking (ADR 035), then the retry hold.
      const rulesAt = (t: Date): OpenAt<GateReasonJson[]> => {
        const verdict = verdictAt(t);
        if (!verdict.allowed)
          return { open: false, reasons: verdict.reasons.map(gateReasonDto), nextAllowedAt: verdict.nextAllowedAt };
        const parked = arrangementParking({
          promises: accountPromises,
          today: localDate(t, zone),
          callbackDue: verdict.viaCallback,
        });
        const hold = parked
          ? parkingHold(parked, zone)
          : verdict.viaCallback
            ? null
            : retryHold(s?.last_at ?? null, t, weights);
        return hold ? { open: false, reasons: [gateReasonDto(hold)], nextAllowedAt: hold.until } : { open: true };
      };
      const span = worklistSpan(rulesAt, now);
      const from = span.callableFrom;
      const verdict = from ? verdictAt(from) : null;
      const ranked =
        from && verdict
          ? queuePriority(
              {
                now: from,
                customerTimeZone: zone,
                daysPastDue: daysPastDue(isoDay(account.oldestUnpaidDueDate), localDate(from, zone)),
                thresholds,
                balanceMinor: Number(account.balanceMinor),
                currency: account.currency,
                promises: accountPromises,
                callbackDueAt: verdict.viaCallback ? (f.callback?.dueAt ?? null) : null,
                lastContactAt: s?.last_at ?? null,
                bestHours: bestHoursToCall(s?.reached_at ?? [], zone),
              },
              weights,
            )
          : { priority: 0, reasons: [] };
      rows.push({
        accountId: account.id,
        debtorId: account.debtorId,
        priority: ranked.priority,
        reasons: ranked.reasons,
        contactPointId: verdict?.contactPointId ?? null,
        callableFrom: from,
        callableUntil: span.callableUntil,
        blockedReasons: span.blocked?.reasons ?? [],
        nextAllowedAt: span.blocked?.nextAllowedAt ?? null,
        closedReasons: span.closed?.reasons ?? [],
        reopensAt: span.closed?.nextAllowedAt ?? null,
        staleMark: marks.get(account.id) ?? null,
      });
    }
    return rows;
  }

  /** Computes the collector's whole worklist now and stores it with the epoch read before. */
  async function rebuild(collectorId: string, epoch: bigint): Promise<Date> {
    const now = clock.now();
    await worklist.replace(collectorId, await compute(collectorId, now), now, { epoch });
    return now;
  }

  /** Recomputes these customers' rows in the collector's worklist (when it has one); returns when. */
  async function recompute(collectorId: string, debtorIds: string[]): Promise<Date> {
    const now = clock.now();
    await worklist.replace(collectorId, await compute(collectorId, now, debtorIds), now, { debtorIds });
    return now;
  }

  /** Whether the collector's build is current: of the epoch and younger than the max age at `now`. */
  function isFresh(current: bigint, build: { epoch: bigint; builtAt: Date } | null, now: Date): boolean {
    const age = build ? now.getTime() - build.builtAt.getTime() : -1;
    return build !== null && build.epoch >= current && age >= 0 && age < deps.maxAgeSeconds * 1000;
  }

  /**
   * Makes sure the collector's worklist is current (see above), its rows marked stale by a
   * recording computed again (ADR 053); returns when it was last computed.
   */
  async function fresh(collectorId: string): Promise<Date> {
    const now = clock.now();
    const { current, build, staleDebtors } = await worklist.freshness(collectorId);
    if (!build || !isFresh(current, build, now)) return rebuild(collectorId, current);
    if (staleDebtors.length > 0) return recompute(collectorId, staleDebtors);
    return build.generatedAt;
  }

  /**
   * One page of one list of the collector's queue as stored, with display fields computed now and
   * the header's totals (ADR 050). The page's rows carry only what the list shows.
   */
  async function read(collectorId: string, query: QueuePageQuery): Promise<QueueResponse> {
    const generatedAt = await fresh(collectorId);
    const now = clock.now();
    const after = query.cursor ? decodeQueueCursor(query.list, query.cursor) : null;
    const [rows, totals, thresholds] = await Promise.all([
      worklist.page(collectorId, now, query.list, after, query.limit + 1),
      worklist.totals(collectorId, now),
      policies.stageThresholds(),
    ]);
    const page = rows.slice(0, query.limit);
    const last = rows.length > query.limit ? page[page.length - 1] : undefined;
    const head = (r: WorklistPageRow) => ({
      accountId: r.account_id,
      debtorName: r.full_name,
      stage: stageFor(daysPastDue(isoDay(r.oldest_unpaid_due_date), localDate(now, r.time_zone)), thresholds),
    });
    const base = { collectorId, generatedAt: generatedAt.toISOString(), totals };
    if (query.list === 'callable') {
      return {
        ...base,
        list: 'callable',
        nextCursor: last ? encodeCursor([String(last.priority), last.account_id]) : null,
        items: page.map((r) => ({
          ...head(r),
          overdueMinor: Number(r.overdue_minor),
          currency: r.currency,
          customerLocalTime: localTime(now, r.time_zone),
          reasons: (r.reasons as QueueItem['reasons']).slice(0, 2),
        })),
      };
    }
    return {
      ...base,
      list: 'blocked',
      nextCursor: last ? encodeCursor([last.opens_at?.toISOString() ?? null, last.account_id]) : null,
      items: page.map((r) => ({
        ...head(r),
        customerTimeZone: r.time_zone,
        reasons: r.reasons as BlockedQueueItem['reasons'],
        nextAllowedAt: r.opens_at?.toISOString() ?? null,
      })),
    };
  }

  /** These customers' rows are computed again in every worklist holding them. */
  async function customersChanged(debtorIds: string[]) {
    if (debtorIds.length === 0) return;
    for (const c of await worklist.collectorsWithDebtors(debtorIds)) await recompute(c, debtorIds);
  }

  return {
    /**
     * Collectors see their own queue only. Supervisors and admins name the collector
     * (they have no queue of their own): supervisors one of the teams they supervise, admins
     * any; anyone else is "no such collector" (404), so ids outside the viewer's teams reveal
     * nothing. Integrations (`service`) are refused at the route.
     */
    async view(
      viewer: SessionUser,
      collectorId: string | undefined,
      query: QueuePageQuery = { list: 'callable', limit: 50 },
    ): Promise<QueueResponse> {
      if (viewer.role === 'collector') {
        if (collectorId !== undefined && collectorId !== viewer.id)
          throw new ForbiddenError('Collectors can only see their own queue.');
        return read(viewer.id, query);
      }
      if (viewer.role === 'service') throw new ForbiddenError('Integrations have no queue.');
      if (collectorId === undefined) {
        throw new BadRequestError('collectorId is required: name the collector whose queue to show.', [
          { field: 'collectorId', message: 'is required for supervisors and admins' },
        ]);
      }
      if (!(await queue.findVisibleCollector(viewer, collectorId)))
        throw new NotFoundError('No such collector in your teams.');
      return read(collectorId, query);
    },

    /**
     * "My callbacks today": the collector's own pending callbacks due from 12 hours ago until the
     * end of their day in their zone, each with its due time on the customer's clock; missed ones
     * (due before now) are marked overdue.
     */
    async callbacksToday(collector: SessionUser): Promise<CallbacksTodayResponse> {
      const now = clock.now();
      const { from, to } = callbacksTodayWindow(now, collector.timeZone);
      const rows = await queue.callbacksDue(collector.id, from, to);
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        items: rows.map((r) => ({
          id: r.id,
          accountId: r.accountId,
          externalId: r.account.externalId,
          debtorName: r.account.debtor.fullName,
          dueAt: r.dueAt.toISOString(),
          customerTimeZone: r.account.debtor.timeZone,
          customerDueTime: localTime(r.dueAt, r.account.debtor.timeZone),
          customerDueDate: localDate(r.dueAt, r.account.debtor.timeZone),
          overdue: r.dueAt.getTime() < now.getTime(),
        })),
      };
    },

    /**
     * Leases the top callable account to the collector, or null when nothing is callable now: one
     * statement takes the lease (worklist.leaseTop), then the gate is re-checked on the account's
     * facts read in the same transaction. A refused account's rows are computed again and the next
     * one is tried.
     */
    async next(collector: SessionUser) {
      let checkFreshness = true;
      // Rows a recording marked stale are never claimed (ADR 053); when nothing else is callable,
      // they are computed again (once per call) and the claim tried again.
      let staleComputed = false;
      for (let attempt = 0; attempt < NEXT_ATTEMPTS; attempt++) {
        try {
          const leased = await rawUow(async (tx) => {
            const now = clock.now();
            // 1. The collector's lease lock, and whether their worklist is current (one statement).
            const { current, build, staleDebtors } = await worklist.lockLease(tx, collector.id);
            if (checkFreshness && !isFresh(current, build, now)) return { kind: 'stale' as const, epoch: current };
            // 2. The claim, with the facts the gate re-checks (one statement); then COMMIT.
            const since = new Date(now.getTime() - attemptsReadDays * DAY_MS);
            const top = await worklist.leaseTop(tx, collector.id, now, deps.leaseMinutes * 60_000, since);
            if (!top)
              return staleDebtors.length > 0 && !staleComputed ? { kind: 'staleRows' as const, staleDebtors } : null;
            const read = oneAccountFactsOf(top.accountId, top.debtorId, top.facts, now, since);
            if ('readDays' in read) throw new ReadFurtherBack(read.readDays);
            if (!bestPhoneVerdict(gateInputOf(read.facts, now), read.facts.contactPoints).allowed)
              throw new GateRefused(top.debtorId);
            return top;
          });
          if (leased && 'kind' in leased && leased.kind === 'stale') {
            // Computed outside the lease's transaction; a refusal or a re-read below does not compute it again.
            await rebuild(collector.id, leased.epoch);
            checkFreshness = false;
            attempt--;
            continue;
          }
          if (leased && 'kind' in leased && leased.kind === 'staleRows') {
            await recompute(collector.id, leased.staleDebtors);
            staleComputed = true;
            attempt--;
            continue;
          }
          if (!leased) return null;
          return {
            accountId: leased.accountId,
            leaseExpiresAt: leased.leaseExpiresAt.toISOString(),
            reasons: leased.reasons as QueueItem['reasons'],
          };
        } catch (err) {
          if (err instanceof ReadFurtherBack) {
            attemptsReadDays = Math.max(attemptsReadDays + 1, err.days);
            attempt--;
            continue;
          }
          if (!(err instanceof GateRefused)) throw err;
          checkFreshness = false;
          await recompute(collector.id, [err.debtorId]);
        }
      }
      return null;
    },

    /** The collector's reservation, expired or not, with the server's clock; null when they hold none. */
    async reservation(collector: SessionUser): Promise<Reservation | null> {
      const r = await queue.reservationOf(collector.id);
      return (
        r && {
          accountId: r.accountId,
          expiresAt: r.expiresAt.toISOString(),
          now: clock.now().toISOString(),
          leaseSeconds: deps.leaseMinutes * 60,
        }
      );
    },

    /**
     * Extends the collector's reservation to now + the lease length (ADR 032): when they hold it, or
     * it lapsed and nobody else took it. 409 reservation_taken when another collector holds it now.
     */
    async extend(collector: SessionUser, accountId: string): Promise<Reservation> {
      const now = clock.now();
      const until = await uow((tx) => queue.extend(tx, collector.id, accountId, now, deps.leaseMinutes * 60_000));
      if (until)
        return {
          accountId,
          expiresAt: until.toISOString(),
          now: now.toISOString(),
          leaseSeconds: deps.leaseMinutes * 60,
        };
      const holder = await queue.holderOf(collector.id, accountId, now);
      if (holder && holder.collectorId !== collector.id) throw new ReservationTakenError(holder.until);
      throw new NotFoundError('No such open account in your queue.');
    },

    /**
     * Gives back or skips the collector's reservation with a reason (ADR 032), audited in the same
     * transaction: the account leaves their queue for a while (releaseHiddenUntil) so "next" offers
     * another one. 409 when they hold no reservation of it (reservation_taken when another does).
     */
    async release(collector: SessionUser, body: ReleaseLeaseBody, requestId: string) {
      const now = clock.now();
      const kind = body.kind;
      const hiddenUntil = releaseHiddenUntil(kind, now, collector.timeZone);
      const released = await uow(async (tx) => {
        const ok = await queue.release(tx, {
          collectorId: collector.id,
          accountId: body.accountId,
          kind,
          reason: body.reason,
          note: body.note || null,
          at: now,
          hiddenUntil,
        });
        if (ok)
          await audit.record(
            {
              actorId: collector.id,
              action: kind === 'skip' ? 'queue.skip' : 'queue.give_back',
              entityType: 'account',
              entityId: body.accountId,
              requestId,
              data: { reason: body.reason, note: body.note || null, hiddenUntil: hiddenUntil.toISOString() },
            },
            tx,
          );
        return ok;
      });
      if (!released) {
        const holder = await queue.holderOf(collector.id, body.accountId, now);
        if (holder && holder.collectorId !== collector.id) throw new ReservationTakenError(holder.until);
        throw new ConflictError('You hold no reservation of this account.');
      }
    },

    /**
     * An outcome is being recorded on the customer, in its transaction (ADR 053): their rows in every
     * worklist are marked stale (neither the list nor "next" hands them out from its commit) and a job
     * keyed per customer computes them again; a collector's list or "next" does it first if needed.
     */
    recording: (tx: Tx, debtorId: string) =>
      worklist.markStale(tx, debtorId, {
        task: 'worklist.customers',
        payload: { debtorIds: [debtorId] },
        jobKey: `worklist.customers:${debtorId}`,
      }),
    /** These customers' facts changed (the `worklist.customers` job): recompute their rows wherever they are. */
    customersChanged,
    /** These accounts' facts changed (a payment, a promise judged): recompute their customers' rows wherever they are. */
    accountsChanged: async (accountIds: string[]) => customersChanged(await worklist.debtorsOf(accountIds)),
    /** Every worklist is stale (a policy, consent, flag or reassignment changed): in the event's transaction. */
    invalidateAll: (tx: Tx) => worklist.bumpEpoch(tx),
    /**
     * Background upkeep (the `worklist.refresh` job): computes the worklists of active collectors
     * that are missing, stale or older than `olderThanMs`, at most `limit` of them.
     */
    async refreshStale(olderThanMs: number, limit: number) {
      const stale = await worklist.staleCollectors(new Date(clock.now().getTime() - olderThanMs), limit);
      for (const c of stale) await rebuild(c, (await worklist.freshness(c)).current);
      return { rebuilt: stale.length };
    },
    /**
     * The orphan check: open accounts an active collector may work that are in no worklist. Each
     * one found is reported and repaired by computing the worklists that should hold it.
     */
    async repairOrphans(limit: number) {
      const orphans = await worklist.orphans(limit);
      if (orphans.length === 0) return { orphans: [], rebuilt: 0 };
      const collectors = new Set(orphans.flatMap((o) => (o.assignedCollectorId ? [o.assignedCollectorId] : [])));
      if (orphans.some((o) => o.assignedCollectorId === null))
        for (const c of await worklist.activeCollectors()) collectors.add(c);
      for (const c of collectors) await rebuild(c, (await worklist.freshness(c)).current);
      return { orphans: orphans.map((o) => o.accountId), rebuilt: collectors.size };
    },
  };
}
