import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { wholeQueue } from '../../../test/queue.js';
import { postOutcome } from '../../../test/outcomes.js';

// 10:00 in New York.
const NOW = '2026-11-20T15:00:00Z';

describe('payments and promise evaluation', () => {
  const t = useTestApp({ now: NOW });
  let admin: Session, service: Session, collector: Session;
  let accountId = '',
    phoneId = '',
    collectorId = '';

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'p-admin' });
    await t.factories.user('service', { username: 'p-feed' });
    const c = await t.factories.user('collector', { username: 'p-c' });
    collectorId = c.id;
    const creditor = await t.factories.creditor();
    const account = await t.factories.account({
      creditorId: creditor.id,
      collectorId: c.id,
      withPhone: true,
      balanceMinor: 300_000,
      overdueMinor: 60_000,
      oldestUnpaidDueDate: '2026-11-01',
    });
    accountId = account.id;
    phoneId = account.debtor.contactPoints[0]!.id;
    admin = await t.login('p-admin');
    service = await t.login('p-feed');
    collector = await t.login('p-c');
  });

  const promiseVia = async (amountMinor: number, dueDate: string) => {
    const res = await postOutcome(collector, accountId, {
      direction: 'inbound',
      contactPointId: phoneId,
      disposition: 'promise_to_pay',
      promise: { amountMinor, dueDate, channel: 'card' },
    });
    expect(res.statusCode).toBe(201);
    return res.json().promiseIds[0] as string;
  };
  const payment = (over: Record<string, unknown> = {}) => ({
    accountId,
    amountMinor: 20_000,
    currency: 'USD',
    paidAt: '2026-11-20T16:00:00Z',
    channel: 'card',
    reference: 'REF-1',
    source: 'bank-feed',
    ...over,
  });

  it('keeps a promise the moment enough money arrives, records why, and moves the balance', async () => {
    const promiseId = await promiseVia(20_000, '2026-11-25');
    const res = await service.inject({ method: 'POST', url: '/api/payments', payload: payment() });
    expect(res.statusCode).toBe(201);
    expect(res.json().changedPromises).toEqual([{ id: promiseId, from: 'pending', to: 'kept', paidMinor: 20_000 }]);
    const stored = await t.db.paymentPromise.findUniqueOrThrow({ where: { id: promiseId } });
    expect([stored.status, Number(stored.paidMinor)]).toEqual(['kept', 20_000]);
    const history = await t.db.promiseStatusChange.findMany({ where: { promiseId } });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.cause, h.paymentId])).toEqual([
      ['pending', 'kept', 'payment_posted', res.json().payment.id],
    ]);
    const account = await t.db.account.findUniqueOrThrow({ where: { id: accountId } });
    expect([Number(account.balanceMinor), Number(account.overdueMinor)]).toEqual([280_000, 40_000]);
    // Credited to the last attempt before it (the call that took the promise), for the reports.
    const stored2 = await t.db.payment.findUniqueOrThrow({ where: { id: res.json().payment.id } });
    const call = await t.db.contactAttempt.findFirstOrThrow({ where: { accountId }, orderBy: { startedAt: 'desc' } });
    expect([stored2.attributedAttemptId, stored2.attributedCollectorId, stored2.attributedStage]).toEqual([
      call.id,
      collectorId,
      'm1',
    ]);
  });

  it('treats the same reference from the same source as the same payment, and refuses it for a different one', async () => {
    const again = await admin.inject({ method: 'POST', url: '/api/payments', payload: payment() });
    expect(again.statusCode).toBe(200);
    expect(again.json().payment.amountMinor).toBe(20_000);
    const different = await admin.inject({
      method: 'POST',
      url: '/api/payments',
      payload: payment({ amountMinor: 99_999 }),
    });
    expect(different.statusCode).toBe(422);
    expect(different.json().error).toMatchObject({
      code: 'idempotency_conflict',
      fields: [expect.objectContaining({ field: 'amountMinor', message: expect.stringContaining('20000') })],
    });
    expect(await t.db.payment.count({ where: { reference: 'REF-1' } })).toBe(1);
  });

  it('a reversal re-opens what the reversed payment kept, and cannot be repeated', async () => {
    const original = await t.db.payment.findFirstOrThrow({ where: { reference: 'REF-1' } });
    const res = await service.inject({
      method: 'POST',
      url: '/api/payments',
      payload: payment({ reference: 'REF-1-NSF', reversalOfId: original.id }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().payment.amountMinor).toBe(-20_000);
    expect(res.json().changedPromises).toEqual([
      expect.objectContaining({ from: 'kept', to: 'pending', paidMinor: 0 }),
    ]);
    const twice = await service.inject({
      method: 'POST',
      url: '/api/payments',
      payload: payment({ reference: 'REF-1-NSF-2', reversalOfId: original.id }),
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.fields[0]).toEqual(
      expect.objectContaining({ field: 'reversalOfId', message: 'is already reversed' }),
    );
  });

  it('confirms an "I already paid" claim when a matching payment arrives, and not before', async () => {
    const claim = await postOutcome(collector, accountId, {
      direction: 'inbound',
      contactPointId: phoneId,
      disposition: 'claims_paid',
      claimedPayment: { paidAt: '2026-11-19', amountMinor: 7_500, channel: 'bank_transfer', reference: 'TX-778' },
    });
    expect(claim.statusCode).toBe(201);
    const before = (await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).json();
    expect(before.claimedPayments).toEqual([
      expect.objectContaining({ status: 'open', claimedAmountMinor: 7_500, claimedReference: 'TX-778' }),
    ]);
    // A different amount does not confirm it.
    const other = await service.inject({
      method: 'POST',
      url: '/api/payments',
      payload: payment({
        reference: 'V-1',
        amountMinor: 7_000,
        channel: 'bank_transfer',
        paidAt: '2026-11-20T10:00:00Z',
      }),
    });
    expect(other.json().resolvedClaims).toEqual([]);
    const match = await service.inject({
      method: 'POST',
      url: '/api/payments',
      payload: payment({
        reference: 'V-2',
        amountMinor: 7_500,
        channel: 'bank_transfer',
        paidAt: '2026-11-20T10:00:00Z',
      }),
    });
    expect(match.json().resolvedClaims).toEqual([before.claimedPayments[0].id]);
    const after = (await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).json();
    expect(after.claimedPayments[0]).toMatchObject({ status: 'matched', matchedPaymentId: match.json().payment.id });
  });

  it('validates: currency, amount, account, role', async () => {
    const wrongCurrency = await admin.inject({
      method: 'POST',
      url: '/api/payments',
      payload: payment({ reference: 'X1', currency: 'GBP' }),
    });
    expect(wrongCurrency.statusCode).toBe(400);
    expect(wrongCurrency.json().error.fields[0].field).toBe('currency');
    const zero = await admin.inject({
      method: 'POST',
      url: '/api/payments',
      payload: payment({ reference: 'X2', amountMinor: 0 }),
    });
    expect(zero.json().error.fields[0]).toEqual({
      field: 'amountMinor',
      code: 'must_be_positive',
      message: 'must be more than zero',
    });
    const noAccount = await admin.inject({
      method: 'POST',
      url: '/api/payments',
      payload: payment({ reference: 'X3', accountId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(noAccount.json().error.fields[0].field).toBe('accountId');
    expect(
      (await collector.inject({ method: 'POST', url: '/api/payments', payload: payment({ reference: 'X4' }) }))
        .statusCode,
    ).toBe(403);
    expect(await t.db.payment.count({ where: { reference: { in: ['X1', 'X2', 'X3', 'X4'] } } })).toBe(0);
  });

  it('shows in the case file which payment went to which promise, earliest promise first', async () => {
    const creditor = await t.factories.creditor();
    const account = await t.factories.account({
      creditorId: creditor.id,
      collectorId,
      withPhone: true,
      balanceMinor: 300_000,
      overdueMinor: 60_000,
      oldestUnpaidDueDate: '2026-11-01',
    });
    const phone = account.debtor.contactPoints[0]!.id;
    // Two live promises on one account are a plan's instalments: a second single promise would
    // supersede the first (ADR 027; this test used two single promises before).
    const plan = await postOutcome(collector, account.id, {
      direction: 'inbound',
      contactPointId: phone,
      disposition: 'promise_to_pay',
      plan: [
        { amountMinor: 8_000, dueDate: '2026-11-24' },
        { amountMinor: 10_000, dueDate: '2026-11-30' },
      ],
      planChannel: 'card',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const [early, late] = plan.json().promiseIds as [string, string];
    const post = (reference: string, amountMinor: number, paidAt: string, reversalOfId?: string) =>
      service.inject({
        method: 'POST',
        url: '/api/payments',
        payload: {
          ...payment({ accountId: account.id, reference, amountMinor, paidAt }),
          ...(reversalOfId ? { reversalOfId } : {}),
        },
      });
    const first = (await post('AL-1', 5_000, '2026-11-20T17:00:00Z')).json().payment.id;
    const second = (await post('AL-2', 6_000, '2026-11-20T18:00:00Z')).json().payment.id;
    const bounced = (await post('AL-3', 9_000, '2026-11-20T18:30:00Z')).json().payment.id;
    await post('AL-3-NSF', 9_000, '2026-11-20T19:00:00Z', bounced);

    const file = (await collector.inject({ method: 'GET', url: `/api/accounts/${account.id}/case-file` })).json();
    const entry = (id: string) => file.history.find((h: { id: string }) => h.id === id);
    expect(entry(early)).toMatchObject({ status: 'kept', paidMinor: 8_000, graceEnds: '2026-11-27' });
    expect(
      entry(early).allocations.map((a: { reference: string; amountMinor: number }) => [a.reference, a.amountMinor]),
    ).toEqual([
      ['AL-1', 5_000],
      ['AL-2', 3_000],
    ]);
    expect(entry(late)).toMatchObject({ status: 'pending', paidMinor: 3_000 });
    expect(
      entry(late).allocations.map((a: { reference: string; amountMinor: number }) => [a.reference, a.amountMinor]),
    ).toEqual([['AL-2', 3_000]]);
    expect(entry(second).allocatedTo).toEqual([
      { promiseId: early, dueDate: '2026-11-24', amountMinor: 3_000 },
      { promiseId: late, dueDate: '2026-11-30', amountMinor: 3_000 },
    ]);
    expect(entry(first).allocatedTo).toEqual([{ promiseId: early, dueDate: '2026-11-24', amountMinor: 5_000 }]);
    expect(entry(bounced)).toMatchObject({ reversed: true, allocatedTo: [] });
  });

  // Last: it moves the clock two days on.
  it('judges promises whose grace period has ended, and the queue puts the account first with that reason', async () => {
    // A promise due 2026-11-16: with 3 grace days it is over everywhere from 2026-11-21 (UTC + slack).
    const promiseId = await promiseVia(5_000, '2026-11-21');
    await t.db.paymentPromise.update({ where: { id: promiseId }, data: { dueDate: new Date('2026-11-16T00:00:00Z') } });
    t.clock.set('2026-11-22T15:00:00Z');
    const { createPromisesService } = await import('../promises/promises.service.js');
    const { createPromisesRepository } = await import('../promises/promises.repository.js');
    const { createPoliciesRepository } = await import('../policies/policies.repository.js');
    const { createUnitOfWork } = await import('../../lib/transaction.js');
    const sweeper = createPromisesService({
      uow: createUnitOfWork(t.db),
      promises: createPromisesRepository(t.db),
      policies: createPoliciesRepository(t.db),
      clock: t.clock,
    });
    expect(await sweeper.sweep()).toBeGreaterThanOrEqual(1);
    const stored = await t.db.paymentPromise.findUniqueOrThrow({ where: { id: promiseId } });
    expect(stored.status).toBe('broken');
    const change = await t.db.promiseStatusChange.findFirstOrThrow({ where: { promiseId } });
    expect(change.cause).toBe('grace_expired');
    // Sessions from two days ago have expired: sign in again at the new time.
    const fresh = await t.login('p-c');
    const queue = await wholeQueue(fresh, collectorId);
    const item = [...queue.items, ...queue.blocked].find((i: { accountId: string }) => i.accountId === accountId);
    expect(item).toBeDefined();
    t.clock.set(NOW);
  });
});
