import type {
  BlockedQueueItem,
  CallbacksTodayResponse,
  QueueItem,
  QueueResponse,
  ReleaseLeaseBody,
  Reservation,
  SessionUser,
} from '@crm/contracts';
import {
  arrangementParking,
  bestPhoneVerdict,
  bestHoursToCall,
  callbacksTodayWindow,
  daysPastDue,
  localDate,
  localTime,
  parkingHold,
  queuePriority,
  releaseHiddenUntil,
  retryHold,
  stageFor,
} from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ReservationTakenError,
} from '../../lib/errors.js';
import type { UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { isoDay } from '../../lib/date-columns.js';
import { groupBy } from '../../lib/group-by.js';
import { gateReasonDto } from '../compliance/gate-dto.js';
import type { GateFactsRepository } from '../compliance/gate-facts.repository.js';
import { gateInputOf } from '../compliance/gate-input.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import type { QueueRepository } from './queue.repository.js';

export interface QueueServiceDeps {
  queue: QueueRepository;
  gateFacts: Pick<GateFactsRepository, 'load'>;
  policies: Pick<PoliciesRepository, 'stageThresholds' | 'queueWeights'>;
  clock: Clock;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  leaseMinutes: number;
  /** How long a computed queue is reused (0 = always recompute). */
  snapshotSeconds: number;
}

export type QueueService = ReturnType<typeof createQueueService>;

export function createQueueService(deps: QueueServiceDeps) {
  const { queue, gateFacts, policies, clock, uow, audit } = deps;
  // Computing a queue evaluates the gate and priority of every account a collector may work
  // (thousands). A snapshot is reused for a short time; leasing re-checks availability in SQL
  // and recording re-checks the gate, so a slightly old snapshot is never unsafe. A collector's
  // own recording recomputes that customer's accounts in their snapshot at once (ADR 039): the
  // rest is reused until the snapshot expires, so "save and next" does not recompute the book.
  type Snapshot = { at: number; queue: QueueResponse; debtorOf: Map<string, string> };
  const snapshots = new Map<string, Snapshot>();
  async function snapshot(collectorId: string): Promise<QueueResponse> {
    const now = clock.now().getTime();
    const hit = snapshots.get(collectorId);
    if (hit && now - hit.at < deps.snapshotSeconds * 1000 && now >= hit.at) return hit.queue;
    const fresh = await build(collectorId);
    snapshots.set(collectorId, { at: now, ...fresh });
    return fresh.queue;
  }

  const byPriority = (a: QueueItem, b: QueueItem) => b.priority - a.priority || a.accountId.localeCompare(b.accountId);
  // Soonest to open first; the ones that never open by themselves (stop flags) last.
  const bySoonest = (a: BlockedQueueItem, b: BlockedQueueItem) =>
    (a.nextAllowedAt ?? '9999').localeCompare(b.nextAllowedAt ?? '9999');

  /**
   * After the collector recorded an outcome on `accountId`: that customer's accounts are computed
   * again and replace theirs in the snapshot (caps, retry holds, promises and callbacks change
   * only for them). Without a snapshot holding the account, or when the snapshot changed
   * meanwhile, the snapshot is dropped (the next read computes it whole).
   */
  async function recorded(collectorId: string, accountId: string) {
    const hit = snapshots.get(collectorId);
    const debtorId = hit?.debtorOf.get(accountId);
    if (!hit || !debtorId) return void snapshots.delete(collectorId);
    try {
      const part = await build(collectorId, debtorId);
      if (snapshots.get(collectorId) !== hit) return void snapshots.delete(collectorId);
      const theirs = (id: string) => hit.debtorOf.get(id) === debtorId;
      const debtorOf = new Map([...hit.debtorOf].filter(([id]) => !theirs(id)));
      for (const [id, d] of part.debtorOf) debtorOf.set(id, d);
      snapshots.set(collectorId, {
        at: hit.at,
        debtorOf,
        queue: {
          ...hit.queue,
          generatedAt: part.queue.generatedAt,
          items: [...hit.queue.items.filter((i) => !theirs(i.accountId)), ...part.queue.items].sort(byPriority),
          blocked: [...hit.queue.blocked.filter((i) => !theirs(i.accountId)), ...part.queue.blocked].sort(bySoonest),
        },
      });
    } catch {
      snapshots.delete(collectorId);
    }
  }

  /** The collector's queue computed now; with `debtorId`, only that customer's accounts. */
  async function build(
    collectorId: string,
    debtorId?: string,
  ): Promise<{ queue: QueueResponse; debtorOf: Map<string, string> }> {
    const now = clock.now();
    const accounts = await queue.candidates(collectorId, now, debtorId);
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

    const items: QueueItem[] = [];
    const blocked: BlockedQueueItem[] = [];
    for (const account of accounts) {
      const f = facts.get(account.id);
      if (!f) continue;
      const zone = account.debtor.timeZone;
      const dpd = daysPastDue(isoDay(account.oldestUnpaidDueDate), localDate(now, zone));
      const common = {
        accountId: account.id,
        externalId: account.externalId,
        debtorName: account.debtor.fullName,
        stage: stageFor(dpd, thresholds),
        daysPastDue: dpd,
        overdueMinor: Number(account.overdueMinor),
        currency: account.currency,
        customerLocalTime: localTime(now, zone),
        customerTimeZone: zone,
      };
      const verdict = bestPhoneVerdict(gateInputOf(f, now), f.contactPoints);
      if (!verdict.allowed) {
        blocked.push({
          ...common,
          reasons: verdict.reasons.map(gateReasonDto),
          nextAllowedAt: verdict.nextAllowedAt?.toISOString() ?? null,
        });
        continue;
      }
      const accountPromises = (promisesByAccount.get(account.id) ?? []).map((p) => ({
        amountMinor: Number(p.amountMinor),
        currency: p.currency,
        dueDate: isoDay(p.dueDate)!,
        status: p.status,
        statusChangedAt: p.statusChangedAt,
        createdAt: p.createdAt,
      }));
      // A live arrangement not yet due parks the account until its due day (ADR 035).
      const parked = arrangementParking({
        promises: accountPromises,
        today: localDate(now, zone),
        callbackDue: verdict.viaCallback,
      });
      if (parked) {
        const hold = parkingHold(parked, zone);
        blocked.push({ ...common, reasons: [gateReasonDto(hold)], nextAllowedAt: hold.until.toISOString() });
        continue;
      }
      const s = statsByAccount.get(account.id);
      const hold = verdict.viaCallback ? null : retryHold(s?.last_at ?? null, now, weights);
      if (hold) {
        blocked.push({ ...common, reasons: [gateReasonDto(hold)], nextAllowedAt: hold.until.toISOString() });
        continue;
      }
      const { priority, reasons } = queuePriority(
        {
          now,
          customerTimeZone: zone,
          daysPastDue: dpd,
          thresholds,
          balanceMinor: Number(account.balanceMinor),
          currency: account.currency,
          promises: accountPromises,
          callbackDueAt: verdict.viaCallback ? (f.callback?.dueAt ?? null) : null,
          lastContactAt: s?.last_at ?? null,
          bestHours: bestHoursToCall(s?.reached_at ?? [], zone),
        },
        weights,
      );
      items.push({ ...common, priority, reasons, contactPointId: verdict.contactPointId });
    }
    items.sort(byPriority);
    blocked.sort(bySoonest);
    return {
      queue: { collectorId, generatedAt: now.toISOString(), items, blocked },
      debtorOf: new Map(accounts.map((a) => [a.id, a.debtorId])),
    };
  }

  return {
    /**
     * Collectors see their own queue only. Supervisors and admins name the collector
     * (they have no queue of their own): supervisors one of the teams they supervise, admins
     * any; anyone else is "no such collector" (404), so ids outside the viewer's teams reveal
     * nothing. Integrations (`service`) are refused at the route.
     */
    async view(viewer: SessionUser, collectorId: string | undefined): Promise<QueueResponse> {
      if (viewer.role === 'collector') {
        if (collectorId !== undefined && collectorId !== viewer.id)
          throw new ForbiddenError('Collectors can only see their own queue.');
        return snapshot(viewer.id);
      }
      if (viewer.role === 'service') throw new ForbiddenError('Integrations have no queue.');
      if (collectorId === undefined) {
        throw new BadRequestError('collectorId is required: name the collector whose queue to show.', [
          { field: 'collectorId', message: 'is required for supervisors and admins' },
        ]);
      }
      if (!(await queue.findVisibleCollector(viewer, collectorId)))
        throw new NotFoundError('No such collector in your teams.');
      return snapshot(collectorId);
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

    /** Leases the top callable account to the collector, or null when nothing is callable now. */
    async next(collector: SessionUser) {
      const { items } = await snapshot(collector.id);
      const leased = await queue.leaseFirstFree(
        collector.id,
        items.map((i) => i.accountId),
        clock.now(),
        deps.leaseMinutes * 60_000,
      );
      if (!leased) return null;
      const item = items.find((i) => i.accountId === leased.id)!;
      return { accountId: leased.id, leaseExpiresAt: leased.leaseExpiresAt.toISOString(), reasons: item.reasons };
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
      snapshots.delete(collector.id);
    },

    /** Forget a collector's snapshot. */
    invalidate: (collectorId: string) => void snapshots.delete(collectorId),
    /** The collector recorded an outcome on the account: recompute that customer's part of their snapshot. */
    recorded,
    /** Forget every snapshot (a policy the queue depends on changed). */
    invalidateAll: () => snapshots.clear(),
  };
}
