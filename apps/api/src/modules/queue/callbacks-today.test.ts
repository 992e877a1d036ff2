import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

// 2026-11-20 15:00 UTC: 10:00 in New York, 23:00 in Shanghai (the collector's zone below).
const NOW = '2026-11-20T15:00:00Z';

describe('my callbacks today', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session, other: Session, supervisor: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const sup = await t.factories.user('supervisor', { username: 'cb-sup' });
    const team = await t.factories.team('CB', sup.id);
    const c = await t.factories.user('collector', { username: 'cb-c1', teamId: team.id });
    const c2 = await t.factories.user('collector', { username: 'cb-c2', teamId: team.id });
    // The collector's day ends at 2026-11-21 00:00 Shanghai = 2026-11-20 16:00 UTC.
    await t.db.user.update({ where: { id: c.id }, data: { timeZone: 'Asia/Shanghai' } });
    const creditor = await t.factories.creditor();
    const ny = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, fullName: 'Due Soon' });
    const london = await t.factories.account({
      creditorId: creditor.id,
      collectorId: c.id,
      fullName: 'Missed This Morning',
      timeZone: 'Europe/London',
    });
    const mine = (accountId: string, dueAt: string, status: 'pending' | 'done' = 'pending') =>
      t.db.callback.create({ data: { accountId, collectorId: c.id, dueAt: new Date(dueAt), status } });
    ids.soon = (await mine(ny.id, '2026-11-20T15:30:00Z')).id; // 10:30 in New York
    ids.missed = (await mine(london.id, '2026-11-20T09:00:00Z')).id; // 09:00 in London, 6 h ago
    ids.old = (await mine(ny.id, '2026-11-20T02:00:00Z')).id; // 13 h ago: not today any more
    ids.tomorrow = (await mine(ny.id, '2026-11-20T16:00:00Z')).id; // the collector's tomorrow
    ids.done = (await mine(ny.id, '2026-11-20T14:00:00Z', 'done')).id;
    ids.others = (
      await t.db.callback.create({
        data: { accountId: ny.id, collectorId: c2.id, dueAt: new Date('2026-11-20T15:10:00Z') },
      })
    ).id;
    ids.ny = ny.id;
    ids.london = london.id;
    collector = await t.login('cb-c1');
    other = await t.login('cb-c2');
    supervisor = await t.login('cb-sup');
  });

  it("lists the collector's own pending callbacks due today, soonest first, in the customer's time, missed ones overdue", async () => {
    const res = await collector.inject({ method: 'GET', url: '/api/queue/callbacks' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.from).toBe('2026-11-20T03:00:00.000Z');
    expect(body.to).toBe('2026-11-20T16:00:00.000Z');
    expect(body.items).toEqual([
      {
        id: ids.missed,
        accountId: ids.london,
        externalId: expect.any(String),
        debtorName: 'Missed This Morning',
        dueAt: '2026-11-20T09:00:00.000Z',
        customerTimeZone: 'Europe/London',
        customerDueTime: '09:00',
        customerDueDate: '2026-11-20',
        overdue: true,
      },
      {
        id: ids.soon,
        accountId: ids.ny,
        externalId: expect.any(String),
        debtorName: 'Due Soon',
        dueAt: '2026-11-20T15:30:00.000Z',
        customerTimeZone: 'America/New_York',
        customerDueTime: '10:30',
        customerDueDate: '2026-11-20',
        overdue: false,
      },
    ]);
  });

  it('is an audited read naming every account listed', async () => {
    const res = await collector.inject({ method: 'GET', url: '/api/queue/callbacks' });
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'queue.callbacks', requestId: res.headers['x-request-id'] as string },
    });
    expect(event.accountIds.sort()).toEqual([ids.ny, ids.london].sort());
  });

  it("never shows another collector's callbacks", async () => {
    const res = await other.inject({ method: 'GET', url: '/api/queue/callbacks' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([ids.others]);
  });

  it('is for collectors only', async () => {
    const res = await supervisor.inject({ method: 'GET', url: '/api/queue/callbacks' });
    expect(res.statusCode).toBe(403);
  });
});
