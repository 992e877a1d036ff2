import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { postOutcome } from '../../../test/outcomes.js';
import { createUnitOfWork } from '../../lib/transaction.js';
import { createPoliciesRepository } from '../policies/policies.repository.js';
import { createPromisesRepository } from './promises.repository.js';
import { createPromisesService } from './promises.service.js';

// Issue 14, ADR 027: judged outcomes are final; a new promise supersedes the pending one;
// amend and cancel by hand, with who and why, one at a time.
const NOW = '2026-11-20T15:00:00Z'; // 10:00 in New York

describe('promises: final once judged, superseded, amended and cancelled', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session, other: Session, service: Session, supervisor: Session;
  let creditorId = '',
    collectorId = '';
  let sequence = 0;

  beforeAll(async () => {
    const sup = await t.factories.user('supervisor', { username: 'pr-sup' });
    const team = await t.factories.team(undefined, sup.id);
    collectorId = (await t.factories.user('collector', { username: 'pr-c', teamId: team.id })).id;
    await t.factories.user('collector', { username: 'pr-other' });
    await t.factories.user('service', { username: 'pr-feed' });
    creditorId = (await t.factories.creditor()).id;
    collector = await t.login('pr-c');
    other = await t.login('pr-other');
    service = await t.login('pr-feed');
    supervisor = await t.login('pr-sup');
  });

  const newAccount = async () => {
    const account = await t.factories.account({
      creditorId,
      collectorId,
      withPhone: true,
      balanceMinor: 300_000,
      overdueMinor: 60_000,
      oldestUnpaidDueDate: '2026-11-01',
    });
    return { accountId: account.id, phoneId: account.debtor.contactPoints[0]!.id };
  };
  const promiseOn = async (a: { accountId: string; phoneId: string }, amountMinor: number, dueDate: string) => {
    const res = await postOutcome(collector, a.accountId, {
      direction: 'inbound',
      contactPointId: a.phoneId,
      disposition: 'promise_to_pay',
      promise: { amountMinor, dueDate, channel: 'card' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().promiseIds[0] as string;
  };
  const pay = (accountId: string, amountMinor: number, paidAt: string, feed: Session = service) =>
    feed.inject({
      method: 'POST',
      url: '/api/payments',
      payload: {
        accountId,
        amountMinor,
        currency: 'USD',
        paidAt,
        channel: 'card',
        reference: `PR-${++sequence}`,
        source: 'bank-feed',
      },
    });
  const sweeper = () =>
    createPromisesService({
      uow: createUnitOfWork(t.db),
      promises: createPromisesRepository(t.db),
      policies: createPoliciesRepository(t.db),
      clock: t.clock,
    });

  it('a promise judged broken stays broken when money dated inside its grace arrives later; the money is collected; the kept rate does not move', async () => {
    const a = await newAccount();
    const promiseId = await promiseOn(a, 10_000, '2026-11-23');
    // Judged when its grace (3 days) is over everywhere.
    t.clock.set('2026-11-28T15:00:00Z');
    try {
      expect(await sweeper().sweep()).toBeGreaterThanOrEqual(1);
      const judged = await t.db.paymentPromise.findUniqueOrThrow({ where: { id: promiseId } });
      expect(judged.status).toBe('broken');
      const kpis = async () => {
        const admin = await t.login('pr-sup');
        const res = await admin.inject({
          method: 'GET',
          url: `/api/reports/kpis?from=2026-11-01&to=2026-11-30&collectorId=${collectorId}`,
        });
        expect(res.statusCode, res.body).toBe(200);
        return res.json();
      };
      const before = await kpis();

      // A payment posted today, dated the day after the due date (inside the grace days).
      // (Sessions from eight days ago have expired: the feed signs in again at the new time.)
      const res = await pay(a.accountId, 10_000, '2026-11-24T16:00:00Z', await t.login('pr-feed'));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().changedPromises).toEqual([]);
      const after = await t.db.paymentPromise.findUniqueOrThrow({ where: { id: promiseId } });
      expect([after.status, Number(after.paidMinor)]).toEqual(['broken', 0]);
      expect(await t.db.promiseStatusChange.count({ where: { promiseId } })).toBe(1);
      // Counted as collected: the account's balance moved.
      const account = await t.db.account.findUniqueOrThrow({ where: { id: a.accountId } });
      expect(Number(account.balanceMinor)).toBe(290_000);
      const now = await kpis();
      expect(now.totals?.keptRateByCount ?? now.keptRateByCount).toEqual(
        before.totals?.keptRateByCount ?? before.keptRateByCount,
      );
      expect(JSON.stringify(now.totals ?? now).includes('"broken":')).toBe(true);
    } finally {
      t.clock.set(NOW);
    }
  });

  it('a new promise supersedes the pending one, in the same transaction, with history and audit: never two pending', async () => {
    const a = await newAccount();
    const first = await promiseOn(a, 10_000, '2026-11-25');
    const second = await promiseOn(a, 12_000, '2026-11-27');
    const rows = await t.db.paymentPromise.findMany({ where: { accountId: a.accountId } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect([first, second].map((id) => [id, byId.get(id)!.status, byId.get(id)!.supersededById])).toEqual([
      [first, 'superseded', second],
      [second, 'pending', null],
    ]);
    const history = await t.db.promiseStatusChange.findMany({ where: { promiseId: first } });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.cause, h.actorId])).toEqual([
      ['pending', 'superseded', 'superseded', collectorId],
    ]);
    const audit = await t.db.auditEvent.findMany({ where: { entityId: a.accountId, action: 'promise.superseded' } });
    expect(audit).toHaveLength(1);
    // A payment now goes to the live promise only.
    const res = await pay(a.accountId, 12_000, '2026-11-20T16:00:00Z');
    expect(res.json().changedPromises).toEqual([{ id: second, from: 'pending', to: 'kept', paidMinor: 12_000 }]);
  });

  it('cancels a pending promise with who and why (audited); 409 once it is no longer pending; 400 naming the reason', async () => {
    const a = await newAccount();
    const id = await promiseOn(a, 10_000, '2026-11-25');
    const url = `/api/accounts/${a.accountId}/promises/${id}/cancel`;
    const noReason = await collector.inject({ method: 'POST', url, payload: {} });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].field).toBe('reason');
    const notYours = await other.inject({ method: 'POST', url, payload: { reason: 'customer changed mind' } });
    expect(notYours.statusCode).toBe(403);
    const res = await collector.inject({ method: 'POST', url, payload: { reason: 'customer changed mind' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id, status: 'cancelled', supersededById: null });
    const history = await t.db.promiseStatusChange.findMany({ where: { promiseId: id } });
    expect(history.map((h) => [h.toStatus, h.cause, h.actorId, h.reason])).toEqual([
      ['cancelled', 'cancelled', collectorId, 'customer changed mind'],
    ]);
    expect(await t.db.auditEvent.count({ where: { entityId: a.accountId, action: 'promise.cancelled' } })).toBe(1);
    const again = await supervisor.inject({ method: 'POST', url, payload: { reason: 'again' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields[0]).toEqual({
      field: 'promiseId',
      code: 'no_longer_pending',
      params: { status: 'cancelled' },
      message: 'is cancelled, no longer pending',
    });
  });

  it('amends a pending promise: a new promise with the new terms supersedes it; bad terms are 400 naming the field', async () => {
    const a = await newAccount();
    const id = await promiseOn(a, 10_000, '2026-11-25');
    const url = `/api/accounts/${a.accountId}/promises/${id}`;
    const past = await supervisor.inject({ method: 'PATCH', url, payload: { dueDate: '2026-11-01', reason: 'moved' } });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].field).toBe('dueDate');
    const res = await supervisor.inject({
      method: 'PATCH',
      url,
      payload: { amountMinor: 8_000, dueDate: '2026-11-30', reason: 'paid day moved' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const newId = res.json().supersededById as string;
    const [old, amended] = await Promise.all([
      t.db.paymentPromise.findUniqueOrThrow({ where: { id } }),
      t.db.paymentPromise.findUniqueOrThrow({ where: { id: newId } }),
    ]);
    expect([old.status, Number(old.amountMinor), old.supersededById]).toEqual(['superseded', 10_000, newId]);
    expect([amended.status, Number(amended.amountMinor), amended.dueDate.toISOString().slice(0, 10)]).toEqual([
      'pending',
      8_000,
      '2026-11-30',
    ]);
    expect(amended.contactAttemptId).toBe(old.contactAttemptId);
    const history = await t.db.promiseStatusChange.findMany({ where: { promiseId: id } });
    expect(history.map((h) => [h.cause, h.reason])).toEqual([['amended', 'paid day moved']]);
    expect(await t.db.auditEvent.count({ where: { entityId: a.accountId, action: 'promise.amended' } })).toBe(1);
  });

  it('two amends at once: one wins, the other gets 409, and one promise is pending', async () => {
    const a = await newAccount();
    const id = await promiseOn(a, 10_000, '2026-11-25');
    const url = `/api/accounts/${a.accountId}/promises/${id}`;
    const results = await Promise.all([
      collector.inject({ method: 'PATCH', url, payload: { amountMinor: 9_000, reason: 'first' } }),
      supervisor.inject({ method: 'PATCH', url, payload: { amountMinor: 7_000, reason: 'second' } }),
      collector.inject({ method: 'POST', url: `${url}/cancel`, payload: { reason: 'third' } }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect(
      await t.db.paymentPromise.count({ where: { accountId: a.accountId, status: 'pending' } }),
    ).toBeLessThanOrEqual(1);
    expect(await t.db.promiseStatusChange.count({ where: { promiseId: id } })).toBe(1);
  });
});
