import { daysPastDue, localDate, stageFor } from '@crm/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

describe('accounts list and portfolio summary', () => {
  // 2026-11-22 02:00 UTC is still 2026-11-21 in New York and already the 22nd in Shanghai.
  const t = useTestApp({ now: '2026-11-22T02:00:00Z' });
  let ids: Record<string, string>;
  let collectorA: Session, collectorB: Session, supervisor: Session, admin: Session, otherSupervisor: Session;

  beforeAll(async () => {
    const sup = await t.factories.user('supervisor', { username: 'sup' });
    const sup2 = await t.factories.user('supervisor', { username: 'sup2' });
    const teamA = await t.factories.team('A', sup.id);
    const teamB = await t.factories.team('B', sup2.id);
    const a = await t.factories.user('collector', { username: 'ca', teamId: teamA.id });
    const b = await t.factories.user('collector', { username: 'cb', teamId: teamB.id });
    await t.factories.user('admin', { username: 'adm' });
    const creditor = await t.factories.creditor();
    const ny = await t.factories.account({
      collectorId: a.id,
      creditorId: creditor.id,
      timeZone: 'America/New_York',
      oldestUnpaidDueDate: '2026-10-22',
      fullName: 'Nora York',
    });
    const sh = await t.factories.account({
      collectorId: a.id,
      creditorId: creditor.id,
      timeZone: 'Asia/Shanghai',
      oldestUnpaidDueDate: '2026-10-22',
      fullName: '王芳',
      currency: 'CNY',
    });
    const none = await t.factories.account({
      collectorId: a.id,
      creditorId: creditor.id,
      oldestUnpaidDueDate: null,
      overdueMinor: 0,
      fullName: 'Paid Up',
    });
    const bAcc = await t.factories.account({
      collectorId: b.id,
      creditorId: creditor.id,
      oldestUnpaidDueDate: '2026-08-01',
      fullName: 'Bea Other',
    });
    await t.db.stopFlag.create({
      data: { debtorId: sh.debtorId, type: 'dispute_hold', reason: 'test', accountId: sh.id },
    });
    ids = { ny: ny.id, sh: sh.id, none: none.id, b: bAcc.id };
    collectorA = await t.login('ca');
    collectorB = await t.login('cb');
    supervisor = await t.login('sup');
    admin = await t.login('adm');
    otherSupervisor = await t.login('sup2');
  });

  it('shows a collector only their own accounts, most overdue first', async () => {
    const res = await collectorA.inject({ method: 'GET', url: '/api/accounts' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string }[];
    // Same due date: ties are broken by id; nothing due sorts last.
    const sameDue = [ids.ny!, ids.sh!].sort();
    expect(items.map((i) => i.id)).toEqual([...sameDue, ids.none]);
  });

  it('counts days past due in the customer’s own calendar', async () => {
    const items = (await collectorA.inject({ method: 'GET', url: '/api/accounts' })).json().items;
    const ny = items.find((i: { id: string }) => i.id === ids.ny);
    const sh = items.find((i: { id: string }) => i.id === ids.sh);
    expect(ny).toMatchObject({
      daysPastDue: 30,
      stage: 'm1',
      debtorLocalTime: '21:00',
      oldestUnpaidDueDate: '2026-10-22',
    });
    expect(sh).toMatchObject({
      daysPastDue: 31,
      stage: 'm2',
      debtorLocalTime: '10:00',
      activeStopFlags: ['dispute_hold'],
      currency: 'CNY',
    });
    expect(items.find((i: { id: string }) => i.id === ids.none)).toMatchObject({
      daysPastDue: 0,
      stage: 'pre_due',
      oldestUnpaidDueDate: null,
    });
  });

  it('shows a supervisor their team only, and an admin everything', async () => {
    const sup = (await supervisor.inject({ method: 'GET', url: '/api/accounts' }))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(new Set(sup)).toEqual(new Set([ids.ny, ids.sh, ids.none]));
    const other = (await otherSupervisor.inject({ method: 'GET', url: '/api/accounts' }))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(other).toEqual([ids.b]);
    const all = (await admin.inject({ method: 'GET', url: '/api/accounts' })).json().items;
    expect(all).toHaveLength(4);
    const onlyB = (await collectorB.inject({ method: 'GET', url: '/api/accounts' })).json().items;
    expect(onlyB.map((i: { id: string }) => i.id)).toEqual([ids.b]);
  });

  it('pages with a keyset cursor without repeating or skipping', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/accounts?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await admin.inject({ method: 'GET', url })).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await admin.inject({ method: 'GET', url: '/api/accounts' }))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(seen).toEqual(all);
  });

  it('searches by customer name', async () => {
    const res = await admin.inject({ method: 'GET', url: `/api/accounts?q=${encodeURIComponent('王')}` });
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([ids.sh]);
  });

  it('rejects a forged cursor and an out-of-range limit with 400 naming the field', async () => {
    const bad = await admin.inject({ method: 'GET', url: '/api/accounts?cursor=not-a-cursor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('cursor');
    const limit = await admin.inject({ method: 'GET', url: '/api/accounts?limit=500' });
    expect(limit.statusCode).toBe(400);
    expect(limit.json().error.fields[0].field).toBe('limit');
  });

  it('aggregates the portfolio in SQL consistently with the domain rules', async () => {
    const summary = (await admin.inject({ method: 'GET', url: '/api/reports/portfolio-summary' })).json();
    const now = new Date('2026-11-22T02:00:00Z');
    const expected = { ny: stageFor(daysPastDue('2026-10-22', localDate(now, 'America/New_York'))) };
    expect(expected.ny).toBe('m1');
    const byStage = Object.fromEntries(
      summary.stages.map((s: { stage: string; accounts: number }) => [s.stage, s.accounts]),
    );
    expect(byStage).toEqual({ pre_due: 1, m1: 1, m2: 1, m3: 0, m4_plus: 1 });
    const m2 = summary.stages.find((s: { stage: string }) => s.stage === 'm2');
    expect(m2.overdue).toEqual([{ currency: 'CNY', amountMinor: '25000' }]);
    const teamOnly = (await collectorB.inject({ method: 'GET', url: '/api/reports/portfolio-summary' })).json();
    expect(teamOnly.stages.reduce((n: number, s: { accounts: number }) => n + s.accounts, 0)).toBe(1);
  });

  it('lets supervisors and admins list users, never collectors', async () => {
    expect((await collectorA.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(403);
    const forbidden = await collectorA.inject({ method: 'GET', url: '/api/teams' });
    expect(forbidden.json().error.code).toBe('forbidden');
    const sup = (await supervisor.inject({ method: 'GET', url: '/api/users' })).json().items;
    expect(sup.map((u: { username: string }) => u.username)).toEqual(['ca']);
    const all = (await admin.inject({ method: 'GET', url: '/api/users' })).json().items;
    expect(all).toHaveLength(5);
    expect(JSON.stringify(all)).not.toContain('scrypt');
    const teams = (await admin.inject({ method: 'GET', url: '/api/teams' })).json().items;
    expect(teams.map((x: { name: string; memberCount: number }) => [x.name, x.memberCount])).toEqual([
      ['A', 1],
      ['B', 1],
    ]);
  });
});
