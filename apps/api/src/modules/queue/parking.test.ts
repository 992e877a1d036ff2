import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { wholeQueue } from '../../../test/queue.js';

// 2026-11-20 15:00 UTC: 10:00 in New York (the accounts' zone).
const NOW = '2026-11-20T15:00:00Z';
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('queue parking (ADR 035): a live arrangement waits until its due day', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session, alone: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const c = await t.factories.user('collector', { username: 'pk-c1' });
    const c2 = await t.factories.user('collector', { username: 'pk-c2' });
    const creditor = await t.factories.creditor();
    const account = async (key: string, collectorId: string) => {
      const a = await t.factories.account({
        creditorId: creditor.id,
        collectorId,
        withPhone: true,
        oldestUnpaidDueDate: '2026-11-01',
        fullName: key,
      });
      ids[key] = a.id;
      return a;
    };
    const promise = (accountId: string, dueDate: string, extra: Record<string, unknown> = {}) =>
      t.db.paymentPromise.create({
        data: { accountId, amountMinor: 50_000n, currency: 'USD', dueDate: day(dueDate), channel: 'card', ...extra },
      });
    // Promise due in 3 days: parked.
    await promise((await account('parked', c.id)).id, '2026-11-23');
    // Same, but the customer asked to be called back now: offered.
    const cb = await account('callback', c.id);
    await promise(cb.id, '2026-11-23');
    await t.db.callback.create({
      data: { accountId: cb.id, collectorId: c.id, dueAt: new Date('2026-11-20T14:55:00Z') },
    });
    // A plan's next instalment in a week, but an earlier one broke yesterday, after the plan was made: offered.
    const br = await account('broken', c.id);
    const made = new Date('2026-11-10T12:00:00Z');
    await promise(br.id, '2026-11-27', { createdAt: made });
    await promise(br.id, '2026-11-17', {
      createdAt: made,
      status: 'broken',
      statusChangedAt: new Date('2026-11-19T06:00:00Z'),
    });
    // The other collector has only a parked account.
    await promise((await account('aloneParked', c2.id)).id, '2026-11-23');
    collector = await t.login('pk-c1');
    alone = await t.login('pk-c2');
  });

  it('leaves a promise due in 3 days out of the list, saying until when; a due callback or a broken promise brings it back', async () => {
    const body = await wholeQueue(collector);
    const offered = body.items.map((i: { accountId: string }) => i.accountId);
    expect(offered).not.toContain(ids.parked);
    expect(offered).toContain(ids.callback);
    expect(offered).toContain(ids.broken);
    const parked = body.blocked.find((b: { accountId: string }) => b.accountId === ids.parked)!;
    expect(parked.reasons).toEqual([
      {
        code: 'parked_until_due',
        message: 'Promise of $500.00 due 2026-11-23: parked until then',
        params: { dueDate: '2026-11-23', amount: '$500.00', amountMinor: 50_000, currency: 'USD' },
        until: '2026-11-23T05:00:00.000Z',
        overridable: false,
      },
    ]);
    expect(parked.nextAllowedAt).toBe('2026-11-23T05:00:00.000Z'); // midnight in New York
  });

  it('never leases a parked account; on its due day it is offered first', async () => {
    expect((await alone.inject({ method: 'POST', url: '/api/queue/next' })).statusCode).toBe(204);
    t.clock.set('2026-11-23T15:00:00Z');
    alone = await t.login('pk-c2'); // the session of three days ago has expired
    const next = await alone.inject({ method: 'POST', url: '/api/queue/next' });
    expect(next.statusCode).toBe(200);
    expect(next.json().accountId).toBe(ids.aloneParked);
    expect(next.json().reasons[0].code).toBe('promise_due_today');
    t.clock.set(NOW);
  });
});
