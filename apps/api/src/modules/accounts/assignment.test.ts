import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

describe('bulk assignment', () => {
  const t = useTestApp({ now: '2026-11-20T15:00:00Z' });
  let admin: Session, supervisor: Session;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'a-admin' });
    await t.factories.user('supervisor', { username: 'a-sup' });
    const team = await t.factories.team('Assign team');
    id.team = team.id;
    id.c1 = (await t.factories.user('collector', { username: 'a-c1', teamId: team.id })).id;
    id.c2 = (await t.factories.user('collector', { username: 'a-c2', teamId: team.id })).id;
    id.c3 = (await t.factories.user('collector', { username: 'a-c3', teamId: team.id })).id;
    await t.factories.user('collector', { username: 'a-gone', teamId: team.id, active: false });
    id.solo = (await t.factories.user('collector', { username: 'a-solo' })).id;
    const creditor = await t.factories.creditor();
    id.creditor = creditor.id;
    const other = await t.factories.creditor();
    // 7 unassigned M1 accounts (due 2026-11-05), 2 M3 (due 2026-09-01, 80 days), 1 M1 of another creditor.
    for (let i = 0; i < 7; i++)
      await t.factories.account({ creditorId: creditor.id, oldestUnpaidDueDate: '2026-11-05' });
    for (let i = 0; i < 2; i++)
      await t.factories.account({ creditorId: creditor.id, oldestUnpaidDueDate: '2026-09-01' });
    await t.factories.account({ creditorId: other.id, oldestUnpaidDueDate: '2026-11-05' });
    admin = await t.login('a-admin');
    supervisor = await t.login('a-sup');
  });

  const call = (url: string, payload: unknown, who: Session = admin) =>
    who.inject({ method: 'POST', url, payload: payload as object });

  it('lists creditors with their open accounts for the picker (supervisors and admins)', async () => {
    const res = await admin.inject({ method: 'GET', url: '/api/creditors' });
    expect(res.statusCode).toBe(200);
    const counts = Object.fromEntries(
      res.json().items.map((c: { id: string; openAccounts: number }) => [c.id, c.openAccounts]),
    );
    expect(counts[id.creditor!]).toBe(9);
    expect(Object.values(counts).reduce((a: number, b) => a + (b as number), 0)).toBe(10);
    expect((await supervisor.inject({ method: 'GET', url: '/api/creditors' })).statusCode).toBe(200);
    const collector = await t.login('a-c1');
    expect((await collector.inject({ method: 'GET', url: '/api/creditors' })).statusCode).toBe(403);
  });

  it("previews and then deals M1 accounts of a creditor evenly across a team's active collectors", async () => {
    const body = { filter: { stage: 'm1', creditorId: id.creditor, unassignedOnly: true }, to: { teamId: id.team } };
    const preview = await call('/api/accounts/assignments/preview', body);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ committed: false, accounts: 7 });
    expect(
      preview
        .json()
        .perCollector.map((c: { accounts: number }) => c.accounts)
        .sort(),
    ).toEqual([2, 2, 3]);
    expect(await t.db.account.count({ where: { assignedCollectorId: { not: null } } })).toBe(0);

    const done = await call('/api/accounts/assignments', body);
    expect(done.json()).toMatchObject({ committed: true, accounts: 7 });
    const counts = await Promise.all(
      [id.c1, id.c2, id.c3].map((c) => t.db.account.count({ where: { assignedCollectorId: c } })),
    );
    expect(counts.sort()).toEqual([2, 2, 3]);
    expect(await t.db.account.count({ where: { assignedCollectorId: null } })).toBe(3);
    expect(await t.db.auditEvent.count({ where: { action: 'accounts.assign' } })).toBe(1);
  });

  it("moves a team's accounts to one collector, by stage", async () => {
    const res = await call('/api/accounts/assignments', {
      filter: { fromTeamId: id.team },
      to: { collectorId: id.solo },
    });
    expect(res.json()).toMatchObject({ accounts: 7, perCollector: [{ collectorId: id.solo, accounts: 7 }] });
    const m3 = await call('/api/accounts/assignments/preview', {
      filter: { stage: 'm3' },
      to: { collectorId: id.solo },
    });
    expect(m3.json().accounts).toBe(2);
  });

  it('validates and is for admins only', async () => {
    const bad = await call('/api/accounts/assignments/preview', { filter: { stage: 'm9' }, to: { teamId: id.team } });
    expect(bad.json().error.fields[0].field).toBe('filter.stage');
    const nobody = await call('/api/accounts/assignments/preview', { filter: {}, to: { collectorId: id.creditor } });
    expect(nobody.json().error.fields[0]).toEqual({
      field: 'to.collectorId',
      code: 'no_active_collector',
      message: 'has no active collector',
    });
    expect(
      (await call('/api/accounts/assignments', { filter: {}, to: { teamId: id.team } }, supervisor)).statusCode,
    ).toBe(403);
  });
});
