import { DEFAULT_STAGE_THRESHOLDS } from '@crm/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { createStageHistoryRepository } from './stage-history.repository.js';
import { createRollRatesRepository } from './roll-rates.repository.js';

describe('stage history, roll and cure rates', () => {
  const t = useTestApp({ now: '2026-11-10T15:00:00Z' });
  let admin: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'st-admin' });
    const creditor = await t.factories.creditor();
    for (const [name, due] of [
      ['A', '2026-09-20'],
      ['B', '2026-09-25'],
      ['C', '2026-08-01'],
      ['D', '2026-10-20'],
    ] as const) {
      ids[name] = (await t.factories.account({ creditorId: creditor.id, oldestUnpaidDueDate: due })).id;
    }
    admin = await t.login('st-admin');
  });

  it('records a transition only when the derived stage changes, and catches up in one pass', async () => {
    const history = createStageHistoryRepository(t.db);
    // 30 September: A and B in M1 (10 and 5 days late), C in M2 (60), D not due yet.
    expect(await history.recordTransitions(DEFAULT_STAGE_THRESHOLDS, new Date('2026-09-30T16:00:00Z'))).toBe(4);
    expect(await history.recordTransitions(DEFAULT_STAGE_THRESHOLDS, new Date('2026-09-30T17:00:00Z'))).toBe(0);
    // B pays everything overdue; a month later A is in M2, C in M4+, D in M1.
    await t.db.account.update({ where: { id: ids.B! }, data: { oldestUnpaidDueDate: null, overdueMinor: 0n } });
    expect(await history.recordTransitions(DEFAULT_STAGE_THRESHOLDS, new Date('2026-10-31T16:00:00Z'))).toBe(4);
    const moves = await t.db.stageTransition.findMany({
      where: { accountId: { in: Object.values(ids) } },
      orderBy: { at: 'asc' },
    });
    const of = (name: string) =>
      moves.filter((m) => m.accountId === ids[name]).map((m) => `${m.fromStage ?? '-'}>${m.toStage}`);
    expect([of('A'), of('B'), of('C'), of('D')]).toEqual([
      ['->m1', 'm1>m2'],
      ['->m1', 'm1>pre_due'],
      ['->m2', 'm2>m4_plus'],
      ['->pre_due', 'pre_due>m1'],
    ]);
    const a = await t.db.account.findUniqueOrThrow({ where: { id: ids.A! } });
    expect(a.recordedStage).toBe('m2');
  });

  it('reports roll and cure rates per month and starting stage', async () => {
    const res = await admin.inject({ method: 'GET', url: '/api/reports/roll-rates?from=2026-10&to=2026-10' });
    expect(res.statusCode).toBe(200);
    const october = res.json().months[0];
    expect(october.month).toBe('2026-10');
    const stage = (s: string) => october.stages.find((x: { stage: string }) => x.stage === s);
    expect(stage('pre_due')).toEqual({
      stage: 'pre_due',
      accounts: 1,
      rolled: 1,
      rollRate: 1,
      cured: 0,
      cureRate: null,
    });
    expect(stage('m1')).toEqual({ stage: 'm1', accounts: 2, rolled: 1, rollRate: 0.5, cured: 1, cureRate: 0.5 });
    expect(stage('m2')).toEqual({ stage: 'm2', accounts: 1, rolled: 1, rollRate: 1, cured: 0, cureRate: 0 });
    expect(stage('m4_plus')).toMatchObject({ accounts: 0, rollRate: null });
    const bad = await admin.inject({ method: 'GET', url: '/api/reports/roll-rates?from=2025-01&to=2026-10' });
    expect(bad.json().error.fields[0].field).toBe('to');
    expect(
      (await admin.inject({ method: 'GET', url: '/api/reports/roll-rates?from=2026-13&to=2026-10' })).json().error
        .fields[0].field,
    ).toBe('from');
  });
  it('the ordered pass over the stage history equals the per-account probes (fixture and seeded histories, any scope)', async () => {
    const repo = createRollRatesRepository(t.db);
    const collector = await t.factories.user('collector', { username: 'st-c1' });
    const viewers = [
      {
        id: 'x',
        username: 'st-admin',
        displayName: 'A',
        role: 'admin',
        locale: 'en',
        timeZone: 'UTC',
        teamId: null,
        teamName: null,
      },
      {
        id: collector.id,
        username: 'st-c1',
        displayName: 'C',
        role: 'collector',
        locale: 'en',
        timeZone: 'UTC',
        teamId: null,
        teamName: null,
      },
    ] as const;
    const ranges: [string, string][] = [
      ['2026-10', '2026-10'],
      ['2026-09', '2026-11'],
      ['2026-01', '2026-12'],
      ['2025-12', '2026-03'],
    ];
    const expectEqual = async () => {
      for (const v of viewers)
        for (const [from, to] of ranges)
          expect({ v: v.role, from, to, rows: await repo.counts(v, from, to) }).toEqual({
            v: v.role,
            from,
            to,
            rows: await repo.probeCounts(v, from, to),
          });
    };
    await expectEqual(); // the fixture above
    // Seeded histories (mulberry32): 40 accounts, half the collector's, 0-6 moves each over 2026,
    // some on a month's first instant, some at the same instant (the greater id counts in both).
    let seed = 51;
    const rnd = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const stages = ['pre_due', 'm1', 'm2', 'm3', 'm4_plus'] as const;
    const creditor = await t.factories.creditor();
    for (let i = 0; i < 40; i++) {
      const account = await t.factories.account({
        creditorId: creditor.id,
        ...(i % 2 ? { collectorId: collector.id } : {}),
      });
      let at = Date.UTC(2026, 0, 1) + Math.floor(rnd() * 60) * 86_400_000;
      for (let k = Math.floor(rnd() * 7); k > 0; k--) {
        const same = rnd() < 0.1;
        if (!same) at += Math.floor(rnd() * 90) * 86_400_000 + (rnd() < 0.3 ? 0 : Math.floor(rnd() * 86_400_000));
        await t.db.stageTransition.create({
          data: { accountId: account.id, toStage: stages[Math.floor(rnd() * 5)]!, at: new Date(at) },
        });
      }
    }
    await expectEqual();
  });
});
