import { DEFAULT_STAGE_THRESHOLDS } from '@crm/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { createStageHistoryRepository } from './stage-history.repository.js';
import { createRollRatesRepository } from './roll-rates.repository.js';
import { createStageMonthsService } from './roll-rates.service.js';
import { createStageMonthsRepository } from './stage-months.repository.js';

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

  it('the monthly snapshot (ADR 055) equals the definition whatever months are ready; a change to the history makes its months not ready', async () => {
    const repo = createRollRatesRepository(t.db);
    const months = createStageMonthsService({
      stageMonths: createStageMonthsRepository(t.db),
      clock: { now: () => new Date('2026-11-10T15:00:00Z') },
    });
    const collector = await t.db.user.findFirstOrThrow({ where: { username: 'st-c1' } });
    const viewer = (role: 'admin' | 'collector', id: string) =>
      ({
        id,
        username: role,
        displayName: role,
        role,
        locale: 'en',
        timeZone: 'UTC',
        teamId: null,
        teamName: null,
      }) as const;
    const admin0 = viewer('admin', 'x');
    const viewers = [admin0, viewer('collector', collector.id)];
    const creditor = await t.factories.creditor();
    // Month and zone edges: a month's first instant, the last millisecond before it, two moves at
    // one instant (the greater id counts), midnight in Shanghai on a month's last day (16:00 UTC).
    const edge = await t.factories.account({ creditorId: creditor.id, collectorId: collector.id });
    for (const [toStage, at] of [
      ['m1', '2026-03-01T00:00:00.000Z'],
      ['m2', '2026-03-31T23:59:59.999Z'],
      ['m3', '2026-04-01T00:00:00.000Z'],
      ['pre_due', '2026-04-01T00:00:00.000Z'],
      ['m1', '2026-04-30T16:00:00.000Z'],
    ] as const)
      await t.db.stageTransition.create({ data: { accountId: edge.id, toStage, at: new Date(at) } });
    const ranges: [string, string][] = [
      ['2026-03', '2026-03'],
      ['2026-04', '2026-04'],
      ['2026-01', '2026-12'],
      ['2025-12', '2026-05'],
      ['2026-06', '2026-11'],
      ['2026-10', '2026-11'],
    ];
    const expectEqual = async (label: string) => {
      for (const v of viewers)
        for (const [from, to] of ranges)
          expect({ label, v: v.role, from, to, rows: await repo.counts(v, from, to) }).toEqual({
            label,
            v: v.role,
            from,
            to,
            rows: await repo.probeCounts(v, from, to),
          });
    };
    const ready = async () =>
      (
        await t.db.$queryRaw<{ m: string }[]>`SELECT to_char(month, 'YYYY-MM') AS m FROM stage_months_ready ORDER BY 1`
      ).map((r) => r.m);

    await expectEqual('nothing ready'); // the ordered pass alone
    const built = await months.rebuild();
    // Every finished month from the first month of the history; November (now) is not finished.
    expect(built.months[0]).toBe('2026-01');
    expect(built.months.at(-1)).toBe('2026-10');
    expect(await ready()).toEqual(built.months);
    await expectEqual('all finished months ready');
    // Random subsets ready (the rows stay, exact): snapshot, chained and live months mixed.
    let seed = 55;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
    for (let round = 0; round < 4; round++) {
      const keep = built.months.filter(() => rnd() < 0.5);
      await t.db.stageMonthReady.deleteMany({ where: { month: { notIn: keep.map((m) => new Date(`${m}-01`)) } } });
      await expectEqual(`ready: ${keep.join(',')}`);
      await months.rebuild();
    }

    // The snapshot is what a ready month is read from: spoil May's rows, the report shows it.
    await t.db
      .$executeRaw`UPDATE stage_months SET start_stage = 'pre_due', end_stage = 'm4_plus' WHERE month = '2026-05-01'`;
    const spoiled = await repo.counts(admin0, '2026-05', '2026-05');
    expect(spoiled).not.toEqual(await repo.probeCounts(admin0, '2026-05', '2026-05'));
    // A move at June's first instant touches June onwards, not May...
    await t.db.stageTransition.create({
      data: { accountId: edge.id, toStage: 'm2', at: new Date('2026-06-01T00:00:00Z') },
    });
    expect(await ready()).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    // ... a move in May's last millisecond (a backfill) touches May; an update or a delete too.
    const late = await t.db.stageTransition.create({
      data: { accountId: edge.id, toStage: 'm3', at: new Date('2026-05-31T23:59:59.999Z') },
    });
    expect(await ready()).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    await expectEqual('May onwards not ready');
    await months.rebuild();
    await t.db.stageTransition.update({ where: { id: late.id }, data: { at: new Date('2026-02-10T12:00:00Z') } });
    expect(await ready()).toEqual(['2026-01']);
    await expectEqual('after an update');
    await months.rebuild();
    await months.rebuild();
    await t.db.stageTransition.delete({ where: { id: late.id } });
    expect(await ready()).toEqual(['2026-01']);

    // The job fills the finished months not ready, oldest first, a few per run, each from the one before.
    expect(await months.fillFinished(4)).toEqual({ filled: ['2026-02', '2026-03', '2026-04', '2026-05'] });
    expect(await t.app.jobs['stages.snapshot']!.handler({})).toEqual({
      filled: ['2026-06', '2026-07', '2026-08'],
    });
    expect(await ready()).toEqual(built.months.slice(0, 8));
    await expectEqual('filled by the job, September and October not yet');
    await months.fillFinished();
    expect(await ready()).toEqual(built.months);
    await expectEqual('filled by the job');
  });
});
