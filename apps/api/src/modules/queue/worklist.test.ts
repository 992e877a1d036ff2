import type { SessionUser } from '@crm/contracts';
import { createPrismaClient, directSql, type Db } from '@crm/db';
import { afterAll, describe, expect, it } from 'vitest';
import { useSecondApp, useTestApp, type Session } from '../../../test/build-app.js';
import { wholeQueue } from '../../../test/queue.js';
import { createUnitOfWork } from '../../lib/transaction.js';
import { createAuditRepository } from '../audit/audit.repository.js';
import { DEFAULT_COMPLIANCE_PROFILES } from '@crm/domain';
import { createGateFactsRepository, loadGateFacts, oneAccountFactsOf } from '../compliance/gate-facts.repository.js';
import { createPoliciesRepository } from '../policies/policies.repository.js';
import { createQueueModule } from './queue.module.js';
import { createWorklistRepository } from './worklist.repository.js';

// The queue as data (ADR 041): worklists live in PostgreSQL, so two API instances on one database
// agree at once, whatever their max age (an hour here: only the epoch and the clock can explain
// what the tests see).
const NOW = '2026-11-20T15:00:00Z'; // 10:00 in New York (the factories' default zone)
const HOUR_AGE = { WORKLIST_MAX_AGE_SECONDS: '3600' };

type Item = { accountId: string; reasons: { code: string }[] };
const queueOf = async (s: Session) =>
  (await wholeQueue(s)) as {
    generatedAt: string;
    items: Item[];
    blocked: (Item & { nextAllowedAt: string | null })[];
  };
const ids = (items: { accountId: string }[]) => items.map((i) => i.accountId);

/** A busy call recorded on the account (a retry hold: the queue's rule, not the gate's). */
async function recordBusy(s: Session, accountId: string, contactPointId: string) {
  const rec = await s.inject({
    method: 'POST',
    url: `/api/accounts/${accountId}/contacts`,
    payload: { channel: 'phone', contactPointId, partyReached: 'nobody', disposition: 'busy' },
  });
  expect(rec.statusCode, rec.body).toBe(201);
}

/** The queue service built directly on a client (the jobs' and the statement counter's way in). */
function queueService(db: Db, clock: { now(): Date }) {
  return createQueueModule({
    db,
    uow: createUnitOfWork(db),
    rawUow: createUnitOfWork(directSql(db)),
    clock,
    audit: createAuditRepository(db),
    policies: createPoliciesRepository(db),
    gateFacts: createGateFactsRepository(db),
    leaseMinutes: 15,
    maxAgeSeconds: 3600,
  }).queue;
}

describe('two API instances on one database', () => {
  const t = useTestApp({ now: NOW, env: HOUR_AGE });
  const b = useSecondApp(t, HOUR_AGE);

  it('a policy saved through A reorders the queue and "next" on B at once', async () => {
    await t.factories.user('admin', { username: 'p-admin' });
    const c = await t.factories.user('collector', { username: 'p-col' });
    const creditor = await t.factories.creditor();
    const base = { creditorId: creditor.id, collectorId: c.id, withPhone: true };
    const rolling = (await t.factories.account({ ...base, oldestUnpaidDueDate: '2026-10-22' })).id; // rolls in 2 days
    const promised = await t.factories.account({ ...base, oldestUnpaidDueDate: '2026-11-10' });
    await t.db.paymentPromise.create({
      data: {
        accountId: promised.id,
        amountMinor: 50_000n,
        currency: 'USD',
        dueDate: new Date('2026-11-20T00:00:00Z'),
        channel: 'card',
      },
    });
    const admin = await t.login('p-admin');
    const onB = b.as(await t.login('p-col'));
    const before = await queueOf(onB);
    expect(ids(before.items)).toEqual([promised.id, rolling]);
    t.clock.advance(1000);

    const current = (await admin.inject({ method: 'GET', url: '/api/policies' }))
      .json()
      .items.find((p: { kind: string }) => p.kind === 'queue_weights');
    const saved = await admin.inject({
      method: 'PUT',
      url: '/api/policies/queue_weights/default',
      payload: { data: { ...current.data, promiseDueToday: 0, rollsToNextStage: 3000 } },
    });
    expect(saved.statusCode).toBe(200);

    const after = await queueOf(onB);
    expect(after.generatedAt).not.toBe(before.generatedAt);
    expect(ids(after.items)).toEqual([rolling, promised.id]);
    expect((await onB.inject({ method: 'POST', url: '/api/queue/next' })).json().accountId).toBe(rolling);
    t.clock.set(NOW);
  });

  it('a stop flag set through A blocks the account in B at once; a reassignment through A moves it in B', async () => {
    await t.factories.user('admin', { username: 'f-admin' });
    const c = await t.factories.user('collector', { username: 'f-col' });
    const other = await t.factories.user('collector', { username: 'f-other' });
    const creditor = await t.factories.creditor();
    const flagged = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    const moving = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    const collectorA = await t.login('f-col');
    const collectorB = b.as(collectorA);
    const otherB = b.as(await t.login('f-other'));
    expect(ids((await queueOf(collectorB)).items).sort()).toEqual([flagged.id, moving.id].sort());
    expect((await queueOf(otherB)).items).toEqual([]);

    const flag = await collectorA.inject({
      method: 'POST',
      url: `/api/accounts/${flagged.id}/stop-flags`,
      payload: { type: 'deceased', reason: 'Relative said so', evidence: 'Phone call' },
    });
    expect(flag.statusCode).toBe(201);
    const queue = await queueOf(collectorB);
    expect(ids(queue.items)).toEqual([moving.id]);
    expect(ids(queue.blocked)).toEqual([flagged.id]);

    // Moved to the other collector through A: B offers it to them, and no longer to the old owner.
    const admin = await t.login('f-admin');
    const moved = await admin.inject({
      method: 'POST',
      url: '/api/accounts/assignments',
      payload: { filter: { creditorId: creditor.id }, to: { collectorId: other.id } },
    });
    expect(moved.statusCode).toBe(200);
    expect(ids((await queueOf(otherB)).items)).toEqual([moving.id]);
    expect((await collectorB.inject({ method: 'POST', url: '/api/queue/next' })).statusCode).toBe(204);
    expect((await otherB.inject({ method: 'POST', url: '/api/queue/next' })).json().accountId).toBe(moving.id);
  });

  it('an outcome recorded through A holds the account back in B at once (its customer recomputed in the database)', async () => {
    const c = await t.factories.user('collector', { username: 'o-col' });
    const creditor = await t.factories.creditor();
    const a = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    const onA = await t.login('o-col');
    const onB = b.as(onA);
    expect(ids((await queueOf(onB)).items)).toEqual([a.id]);
    const rec = await onA.inject({
      method: 'POST',
      url: `/api/accounts/${a.id}/contacts`,
      payload: {
        channel: 'phone',
        contactPointId: a.debtor.contactPoints[0]!.id,
        partyReached: 'nobody',
        disposition: 'busy',
      },
    });
    expect(rec.statusCode).toBe(201);
    const after = await queueOf(onB);
    expect(after.items).toEqual([]);
    expect(after.blocked[0]!.reasons[0]!.code).toBe('recently_attempted');
  });

  it('64 concurrent "next" split across A and B: no account leased twice, no collector holding two', async () => {
    const creditor = await t.factories.creditor();
    const POOL = 40;
    const COLLECTORS = 64;
    for (let i = 0; i < POOL; i++)
      await t.factories.account({
        creditorId: creditor.id,
        collectorId: null,
        withPhone: true,
        oldestUnpaidDueDate: '2026-11-01',
      });
    const sessions: Session[] = [];
    for (let i = 0; i < COLLECTORS; i++) {
      await t.factories.user('collector', { username: `n-${i}` });
      const s = await t.login(`n-${i}`);
      sessions.push(i % 2 === 0 ? s : b.as(s));
    }
    const round = async () => {
      const results = await Promise.all(sessions.map((s) => s.inject({ method: 'POST', url: '/api/queue/next' })));
      expect(results.every((r) => r.statusCode === 200 || r.statusCode === 204)).toBe(true);
      const leased = results.filter((r) => r.statusCode === 200).map((r) => r.json().accountId as string);
      expect(new Set(leased).size).toBe(leased.length);
      const holders = await t.db.account.groupBy({
        by: ['leasedById'],
        where: { creditorId: creditor.id, leasedById: { not: null } },
        _count: true,
      });
      expect(holders.every((h) => h._count === 1)).toBe(true);
      return leased;
    };
    expect(await round()).toHaveLength(POOL);
    // Again: each collector's lease ends as they take the next one, in the same statement.
    expect((await round()).length).toBeGreaterThan(0);
  }, 180_000);
});

describe('the calling window as the clock moves, without a rebuild', () => {
  const t = useTestApp({ now: '2026-11-20T12:30:00Z', env: { WORKLIST_MAX_AGE_SECONDS: '86400' } }); // 07:30 in New York

  it('opens at 08:00 and closes at 21:00 New York time: the same stored rows, read at other instants', async () => {
    const c = await t.factories.user('collector', { username: 'clock' });
    const creditor = await t.factories.creditor();
    const a = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    const s = await t.login('clock');

    const early = await queueOf(s);
    expect(early.items).toEqual([]);
    expect(early.blocked).toMatchObject([{ accountId: a.id, nextAllowedAt: '2026-11-20T13:00:00.000Z' }]);
    expect((await s.inject({ method: 'POST', url: '/api/queue/next' })).statusCode).toBe(204);
    const row = await t.db.worklistRow.findFirstOrThrow({ where: { accountId: a.id } });
    expect(row.callableFrom?.toISOString()).toBe('2026-11-20T13:00:00.000Z');
    expect(row.callableUntil?.toISOString()).toBe('2026-11-21T02:00:00.000Z'); // 21:00 in New York

    t.clock.set('2026-11-20T13:00:01Z');
    const open = await queueOf(s);
    expect(open.generatedAt).toBe(early.generatedAt); // not computed again
    expect(ids(open.items)).toEqual([a.id]);
    const leased = await s.inject({ method: 'POST', url: '/api/queue/next' });
    expect(leased.json().accountId).toBe(a.id);
    await t.db.account.update({ where: { id: a.id }, data: { leasedById: null, leaseExpiresAt: null } });

    t.clock.set('2026-11-21T02:00:01Z');
    const late = await queueOf(await t.login('clock')); // a new session: the first one has gone idle
    expect(late.generatedAt).toBe(early.generatedAt);
    expect(late.items).toEqual([]);
    expect(late.blocked).toMatchObject([{ accountId: a.id, nextAllowedAt: '2026-11-21T13:00:00.000Z' }]);
    expect(late.blocked[0]!.reasons.map((r) => r.code)).toContain('outside_calling_window');
    expect((await (await t.login('clock')).inject({ method: 'POST', url: '/api/queue/next' })).statusCode).toBe(204);
    expect(await t.db.worklistBuild.count()).toBe(1);
  });
});

describe('the worklist in the database', () => {
  const t = useTestApp({ now: NOW, env: HOUR_AGE });
  const counted: string[] = [];
  let countingDb: Db | undefined;
  afterAll(async () => countingDb?.$disconnect());

  it('"next" takes its lease in one statement, then re-checks the gate in the same transaction', async () => {
    const c = await t.factories.user('collector', { username: 'one' });
    const creditor = await t.factories.creditor();
    const a = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    countingDb ??= createPrismaClient(t.database.appUrl, { max: 2, onQuery: (sql) => counted.push(sql) });
    const queue = queueService(countingDb, t.clock);
    await queue.next({ id: c.id } as SessionUser); // builds the worklist first
    counted.length = 0;
    const leased = await queue.next({ id: c.id } as SessionUser);
    expect(leased?.accountId).toBe(a.id);
    const writes = counted.filter((q) => /\bUPDATE\s+accounts\b/i.test(q));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/FROM worklist w/);
    expect(writes[0]).toMatch(/FOR UPDATE OF a SKIP LOCKED/);
    // The lease lock, then the lease's statement bringing the gate's facts back, then one COMMIT: one
    // transaction (Prisma logs no BEGIN).
    expect(writes[0]).toMatch(/contact_points/);
    expect(writes[0]).toMatch(/stop_flags/);
    const lease = counted.indexOf(writes[0]!);
    expect(counted[lease - 1]).toMatch(/pg_advisory_xact_lock/);
    const commits = counted.flatMap((q, i) => (/^COMMIT/i.test(q) ? [i] : []));
    expect(commits).toHaveLength(1);
    expect(commits[0]).toBe(counted.length - 1);
    expect(commits[0]).toBe(lease + 1);
  });

  it('a warm "next" is three statements: lock and freshness, the claim with the gate\'s facts, COMMIT', async () => {
    const c = await t.factories.user('collector', { username: 'three' });
    const creditor = await t.factories.creditor();
    const a = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    countingDb ??= createPrismaClient(t.database.appUrl, { max: 2, onQuery: (sql) => counted.push(sql) });
    const queue = queueService(countingDb, t.clock);
    await queue.next({ id: c.id } as SessionUser); // builds the worklist first
    counted.length = 0;
    const leased = await queue.next({ id: c.id } as SessionUser); // warm: their own lease taken again
    expect(leased?.accountId).toBe(a.id);
    expect(counted).toHaveLength(3);
  });

  it('the claim brings back the same gate facts as their loader, reading further back when a profile needs it', async () => {
    const c = await t.factories.user('collector', { username: 'facts' });
    const creditor = await t.factories.creditor();
    const a = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    await queueService(t.db, t.clock).refreshStale(0, 1000); // its row, callable now
    // Behind the worklist's back: every kind of fact, and a profile looking back 32 days (the most allowed).
    const now = t.clock.now();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const longer = await t.db.policy.create({
      data: {
        kind: 'compliance_profile',
        key: 'US',
        version: 99,
        data: { ...DEFAULT_COMPLIANCE_PROFILES.US, callCap: { maxCalls: 7, windowDays: 31 } },
      },
    });
    await t.db.debtor.update({
      where: { id: a.debtorId },
      data: { inconvenientTimes: [{ start: '12:00', end: '13:00' }] },
    });
    await t.db.contactPoint.create({
      data: {
        debtorId: a.debtorId,
        kind: 'phone',
        type: 'home',
        value: '+44 20 7946 0958',
        timeZones: ['Europe/London'],
        zoneSource: 'collector',
        optedOutChannels: ['sms'],
        lastSuccessAt: daysAgo(3),
        label: 'home',
        source: 'test',
      },
    });
    await t.db.stopFlag.createMany({
      data: [
        { debtorId: a.debtorId, accountId: a.id, type: 'dispute_hold', reason: 'in force', setAt: daysAgo(2) },
        { debtorId: a.debtorId, type: 'cease_request', reason: 'customer wide', setAt: daysAgo(1) },
        { debtorId: a.debtorId, type: 'dispute_hold', reason: 'expired', setAt: daysAgo(5), expiresAt: daysAgo(1) },
        { debtorId: a.debtorId, type: 'dispute_hold', reason: 'cleared', setAt: daysAgo(5), clearedAt: daysAgo(1) },
      ],
    });
    for (const d of [0.5, 20, 31.5, 40])
      await t.db.contactAttempt.create({
        data: {
          accountId: a.id,
          debtorId: a.debtorId,
          channel: 'phone',
          partyReached: 'nobody',
          disposition: 'no_answer',
          startedAt: daysAgo(d),
        },
      });
    await t.db.callback.createMany({
      data: [
        { accountId: a.id, dueAt: daysAgo(-1), requestedByCustomer: true },
        { accountId: a.id, dueAt: daysAgo(-2), requestedByCustomer: false },
      ],
    });

    const worklist = createWorklistRepository(t.db);
    const { short, claimed, loaded } = await createUnitOfWork(t.db)(async (tx) => {
      const first = await worklist.leaseTop(tx, c.id, now, 60_000, daysAgo(31));
      const top = await worklist.leaseTop(tx, c.id, now, 60_000, daysAgo(32));
      return {
        short: first && oneAccountFactsOf(first.accountId, first.debtorId, first.facts, now, daysAgo(31)),
        claimed: top && oneAccountFactsOf(top.accountId, top.debtorId, top.facts, now, daysAgo(32)),
        loaded: (await loadGateFacts(tx, [a.id], now)).get(a.id)!,
      };
    });
    expect(short).toEqual({ readDays: 32 });
    expect(loaded.attempts).toHaveLength(3); // the 40-day-old one is past every window
    expect(loaded.stopFlags).toHaveLength(2);
    // The same facts (attempts in any order, as the gate takes them).
    const byTime = (f: typeof loaded) => ({ ...f, attempts: [...f.attempts].sort((x, y) => +x.at - +y.at) });
    expect(claimed && 'facts' in claimed && byTime(claimed.facts)).toEqual(byTime(loaded));
    await t.db.policy.delete({ where: { id: longer.id } }); // the other tests' profile again
  });

  it('a refused account is computed again and the next one offered', async () => {
    const c = await t.factories.user('collector', { username: 'refused' });
    const creditor = await t.factories.creditor();
    const first = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    const second = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    const queue = queueService(t.db, t.clock);
    const s = await t.login('refused');
    const top = (await queueOf(s)).items[0]!.accountId;
    const other = top === first.id ? second : first;
    // Behind the worklist's back (no event): the top account's only phone is now invalid.
    const topDebtor = top === first.id ? first.debtorId : second.debtorId;
    await t.db.contactPoint.updateMany({ where: { debtorId: topDebtor }, data: { status: 'invalid' } });
    const leased = await queue.next({ id: c.id } as SessionUser);
    expect(leased?.accountId).toBe(other.id);
    const row = await t.db.worklistRow.findFirstOrThrow({ where: { collectorId: c.id, accountId: top } });
    expect(row.callableFrom).toBeNull(); // computed again: blocked until someone fixes the number
  });

  it('a payment adds a worklist job in its own transaction; the job recomputes that customer', async () => {
    await t.factories.user('service', { username: 'pay-feed' });
    const c = await t.factories.user('collector', { username: 'pay-col' });
    const creditor = await t.factories.creditor();
    const a = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    await t.db.paymentPromise.create({
      data: {
        accountId: a.id,
        amountMinor: 20_000n,
        currency: 'USD',
        dueDate: new Date('2026-11-25T00:00:00Z'),
        channel: 'card',
        createdAt: new Date('2026-11-19T15:00:00Z'),
      },
    });
    const s = await t.login('pay-col');
    expect((await queueOf(s)).blocked[0]!.reasons[0]!.code).toBe('parked_until_due');
    const feed = await t.login('pay-feed');
    const paid = await feed.inject({
      method: 'POST',
      url: '/api/payments',
      payload: {
        accountId: a.id,
        amountMinor: 20_000,
        currency: 'USD',
        paidAt: '2026-11-20T14:00:00Z',
        channel: 'card',
        reference: 'W-1',
        source: 'bank-feed',
      },
    });
    expect(paid.statusCode).toBe(201);
    expect(paid.json().changedPromises).toMatchObject([{ to: 'kept' }]);
    expect((await queueOf(s)).blocked[0]!.reasons[0]!.code).toBe('parked_until_due'); // until the job runs
    const jobs = await t.db.$queryRaw<{ payload: { accountIds: string[] } }[]>`
      SELECT j.payload FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks k ON k.id = j.task_id WHERE k.identifier = 'worklist.accounts'`;
    expect(jobs.map((j) => j.payload.accountIds)).toEqual([[a.id]]);
    // The job runs (here: its handler's service call): the kept promise no longer parks the account.
    await queueService(t.db, t.clock).accountsChanged(jobs[0]!.payload.accountIds);
    expect(ids((await queueOf(s)).items)).toEqual([a.id]);
  });

  /** A second account of the same customer, assigned to the same collector. */
  async function secondAccountOf(first: { debtorId: string; creditorId: string; assignedCollectorId: string | null }) {
    return t.db.account.create({
      data: {
        externalId: `A2-${first.debtorId}`,
        debtorId: first.debtorId,
        creditorId: first.creditorId,
        product: 'credit_card',
        currency: 'USD',
        balanceMinor: 500_000n,
        overdueMinor: 25_000n,
        balanceBaselineMinor: 500_000n,
        overdueBaselineMinor: 25_000n,
        instalmentMinor: 25_000n,
        oldestUnpaidDueDate: new Date('2026-10-01T00:00:00Z'),
        missedInstalments: 1,
        assignedCollectorId: first.assignedCollectorId,
        complianceProfile: 'US',
        openedAt: new Date('2024-01-01T00:00:00Z'),
      },
    });
  }

  const customerJobs = async () =>
    (
      await t.db.$queryRaw<{ payload: { debtorIds: string[] }; key: string | null }[]>`
        SELECT j.payload, j.key FROM graphile_worker._private_jobs j
        JOIN graphile_worker._private_tasks k ON k.id = j.task_id WHERE k.identifier = 'worklist.customers'`
    ).map((j) => ({ debtorIds: j.payload.debtorIds, key: j.key }));

  it('a recording marks its customer\'s rows stale in its transaction: before any job runs, "next" never hands out a row computed before it; the keyed job computes them', async () => {
    const c = await t.factories.user('collector', { username: 'st-col' });
    const creditor = await t.factories.creditor();
    const x1 = await t.factories.account({
      creditorId: creditor.id,
      collectorId: c.id,
      withPhone: true,
      balanceMinor: 900_000,
    });
    const x2 = await secondAccountOf(x1);
    const y = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    const s = await t.login('st-col');
    // Computed before the recording: both of the customer's accounts callable, above y.
    expect(
      ids((await queueOf(s)).items)
        .slice(0, 2)
        .sort(),
    ).toEqual([x1.id, x2.id].sort());
    const first = (await s.inject({ method: 'POST', url: '/api/queue/next' })).json().accountId as string;
    expect([x1.id, x2.id]).toContain(first);
    const other = first === x1.id ? x2.id : x1.id;
    await t.db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;

    // Busy: the account is held back for a while (a retry hold: the queue's rule, not the gate's, so the
    // claim's gate re-check would not catch a row computed before it).
    await recordBusy(s, first, x1.debtor.contactPoints[0]!.id);
    // Marked in the recording's own transaction, the job added with it (keyed per customer); nothing recomputed.
    const rows = await t.db.worklistRow.findMany({ where: { collectorId: c.id, debtorId: x1.debtorId } });
    expect(rows.map((r) => r.accountId).sort()).toEqual([x1.id, x2.id].sort());
    expect(rows.every((r) => r.staleMark !== null)).toBe(true);
    expect(rows.find((r) => r.accountId === first)!.callableFrom).not.toBeNull(); // the old computation: callable
    expect(await customerJobs()).toEqual([{ debtorIds: [x1.debtorId], key: `worklist.customers:${x1.debtorId}` }]);

    // "next" passes over the stale rows (the recorded account's, top and "callable", was computed before).
    expect((await s.inject({ method: 'POST', url: '/api/queue/next' })).json().accountId).toBe(y.id);
    expect(
      (await t.db.worklistRow.findMany({ where: { collectorId: c.id, debtorId: x1.debtorId } })).every(
        (r) => r.staleMark !== null,
      ),
    ).toBe(true);

    // The job runs (here: its handler's service call): computed again, marks cleared; the recorded
    // account held back, the other one callable.
    await queueService(t.db, t.clock).customersChanged([x1.debtorId]);
    const after = await t.db.worklistRow.findMany({ where: { collectorId: c.id, debtorId: x1.debtorId } });
    expect(after.every((r) => r.staleMark === null)).toBe(true);
    const list = await queueOf(s);
    expect(ids(list.items)).toContain(other);
    expect(list.blocked.find((b) => b.accountId === first)!.reasons[0]!.code).toBe('recently_attempted');
  });

  it('"next" with nothing callable but stale rows computes them first, then offers what is callable after the recording', async () => {
    const c = await t.factories.user('collector', { username: 'st-only' });
    const creditor = await t.factories.creditor();
    const x1 = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    const x2 = await secondAccountOf(x1);
    const s = await t.login('st-only');
    expect(ids((await queueOf(s)).items).sort()).toEqual([x1.id, x2.id].sort());
    const first = (await s.inject({ method: 'POST', url: '/api/queue/next' })).json().accountId as string;
    const other = first === x1.id ? x2.id : x1.id;
    await recordBusy(s, first, x1.debtor.contactPoints[0]!.id);
    expect(await t.db.worklistRow.count({ where: { collectorId: c.id, staleMark: { not: null } } })).toBe(2);
    // Only stale rows: they are computed again (the recorded account held back, the other still callable).
    expect((await s.inject({ method: 'POST', url: '/api/queue/next' })).json().accountId).toBe(other);
    expect(await t.db.worklistRow.count({ where: { collectorId: c.id, staleMark: { not: null } } })).toBe(0);
    const recorded = await t.db.worklistRow.findFirstOrThrow({ where: { collectorId: c.id, accountId: first } });
    expect(recorded.blockedReasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'recently_attempted' })]),
    );
  });

  it('a computation clears a stale mark only if it is still the one it read before its facts', async () => {
    const c = await t.factories.user('collector', { username: 'st-race' });
    const creditor = await t.factories.creditor();
    const a = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    const worklist = createWorklistRepository(t.db);
    const queue = queueService(t.db, t.clock);
    await queue.refreshStale(0, 1000);
    const job = { task: 'worklist.customers', payload: { debtorIds: [a.debtorId] } };
    const mark = async () => {
      await t.db.$transaction((tx) => worklist.markStale(tx, a.debtorId, job));
      return (await worklist.staleMarks(c.id, [a.debtorId])).get(a.id)!;
    };
    const row = await t.db.worklistRow.findFirstOrThrow({ where: { collectorId: c.id, accountId: a.id } });
    const data = {
      accountId: a.id,
      debtorId: a.debtorId,
      priority: row.priority,
      reasons: [],
      contactPointId: row.contactPointId,
      callableFrom: row.callableFrom,
      callableUntil: row.callableUntil,
      blockedReasons: [],
      nextAllowedAt: null,
      closedReasons: [],
      reopensAt: null,
    };
    const read = await mark(); // a computation reads this mark, then its facts...
    const later = await mark(); // ...while a second recording commits
    expect(later).not.toBe(read);
    await worklist.replace(c.id, [{ ...data, staleMark: read }], t.clock.now(), { debtorIds: [a.debtorId] });
    expect((await worklist.staleMarks(c.id)).get(a.id)).toBe(later); // still stale: computed before the second
    await worklist.replace(c.id, [{ ...data, staleMark: later }], t.clock.now(), { debtorIds: [a.debtorId] });
    expect((await worklist.staleMarks(c.id)).size).toBe(0);
  });

  it('works when the epoch row is missing (tables truncated, as the benchmarks do); a change creates it', async () => {
    await t.factories.user('admin', { username: 'e-admin' });
    const c = await t.factories.user('collector', { username: 'e-col' });
    const creditor = await t.factories.creditor();
    const a = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    await t.db.worklistEpoch.deleteMany();
    const s = await t.login('e-col');
    expect(ids((await queueOf(s)).items)).toEqual([a.id]);
    expect((await s.inject({ method: 'POST', url: '/api/queue/next' })).json().accountId).toBe(a.id);
    const admin = await t.login('e-admin');
    const current = (await admin.inject({ method: 'GET', url: '/api/policies' }))
      .json()
      .items.find((p: { kind: string }) => p.kind === 'queue_weights');
    const saved = await admin.inject({
      method: 'PUT',
      url: '/api/policies/queue_weights/default',
      payload: { data: current.data },
    });
    expect(saved.statusCode).toBe(200);
    expect((await t.db.worklistEpoch.findUniqueOrThrow({ where: { id: 1 } })).epoch).toBe(1n);
  });

  it('the orphan check reports an open account missing from every worklist, and repairs it', async () => {
    const c = await t.factories.user('collector', { username: 'orphan' });
    const creditor = await t.factories.creditor();
    const a = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, withPhone: true });
    const queue = queueService(t.db, t.clock);
    // Every active collector's worklist is computed (the refresh job's work); no orphans then.
    await queue.refreshStale(0, 1000);
    expect((await queue.repairOrphans(1000)).orphans).toEqual([]);
    await t.db.worklistRow.deleteMany({ where: { accountId: a.id } });

    const report = await queue.repairOrphans(1000);
    expect(report.orphans).toEqual([a.id]);
    expect(report.rebuilt).toBe(1);
    expect(await t.db.worklistRow.count({ where: { accountId: a.id, collectorId: c.id } })).toBe(1);
    expect((await queue.repairOrphans(1000)).orphans).toEqual([]);
  });
});
