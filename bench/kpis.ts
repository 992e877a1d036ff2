// Supervisor reports at scale: `pnpm bench:kpis [--accounts 1000000] [--history-scale 1.75] [--runs 15]
//   [--data-dir bench-kpi-postgres] [--skip-live] [--skip-rebuild]`.
//
// 1. An embedded PostgreSQL in .data/bench-kpi-postgres with a seeded portfolio (about 10
//    contact attempts per account at the default scale; reused between runs).
// 2. The built server (apps/api/dist) on its own port, background jobs off.
// 3. For each request: p50/p95 over `runs` sequential calls through the API, then the very same
//    SQL (the API's own builders, kpiMeasuresSql and contactLogPageSql) straight on PostgreSQL,
//    first with no KPI summary (the report reads the base tables), then (ADR 045) after
//    `kpis` rebuilds the daily summary (timed): the KPI requests through the API again and the
//    summary's SQL (kpiReportSql over the summarised days and, ADR 051, the whole months from the
//    monthly roll-up): a month and a quarter. `--skip-live` skips the base-table timings,
//    `--skip-rebuild` reuses a summary already built (no change since: nothing writes meanwhile).
// 4. Roll rates: the ordered pass (ADR 051) alone, then the monthly stage snapshot (ADR 055) rebuilt
//    (timed) and the API and its SQL (the snapshot's months, the month after the last one chained
//    from it) and, once, the per-account probes. Equality of the API's rows with the ordered pass
//    is checked on the periods measured.
// Larger books without a longer seed: `--inflate-accounts K` seeds accounts/K accounts, then copies
// each account (and its stage history) K-1 times in SQL; `--inflate-attempts N` copies contact
// attempts (same accounts, same instants) until there are N. Both once: later runs find the size.
// `--roll-rates-only` (no KPI part), `--skip-roll-rates`, `--pass-runs N` (runs of the ordered pass).
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { SessionUser } from '../packages/contracts/src/index.js';
import { addDaysIso, startOfLocalDay } from '../packages/domain/src/index.js';
import { contactLogPageSql } from '../apps/api/src/modules/contacts/contact-log.repository.js';
import { kpiMeasuresSql, kpiReportSql, splitPeriod } from '../apps/api/src/modules/reports/kpis.repository.js';
import {
  createRollRatesRepository,
  planRollRates,
  rollRatesPlannedSql,
  rollRatesProbeSql,
  rollRatesSql,
} from '../apps/api/src/modules/stages/roll-rates.repository.js';
import { createStageMonthsService } from '../apps/api/src/modules/stages/roll-rates.service.js';
import { createStageMonthsRepository } from '../apps/api/src/modules/stages/stage-months.repository.js';
import { createKpisRepository } from '../apps/api/src/modules/reports/kpis.repository.js';
import { createKpiSummaryRepository } from '../apps/api/src/modules/reports/kpi-summary.repository.js';
import { createKpiSummaryService } from '../apps/api/src/modules/reports/kpi-summary.service.js';
import { createPrismaClient } from '@crm/db';
import type pg from 'pg';
import { login, openBenchDatabase, startServer, stopServer } from './lib.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    'history-scale': { type: 'string', default: '1.75' },
    runs: { type: 'string', default: '15' },
    port: { type: 'string', default: '3410' },
    'data-dir': { type: 'string', default: 'bench-kpi-postgres' },
    'skip-live': { type: 'boolean', default: false },
    'skip-rebuild': { type: 'boolean', default: false },
    'inflate-accounts': { type: 'string', default: '1' },
    'inflate-attempts': { type: 'string', default: '0' },
    'roll-rates-only': { type: 'boolean', default: false },
    'skip-roll-rates': { type: 'boolean', default: false },
    'pass-runs': { type: 'string' },
  },
});
const ACCOUNTS = Number(values.accounts);
const RUNS = Number(values.runs);
const ROLL_ONLY = values['roll-rates-only'];
if (ROLL_ONLY) values['skip-live'] = values['skip-rebuild'] = true;
const BASE = `http://127.0.0.1:${values.port}`;

/**
 * Copies the book to `factor` times its size: each collector (a new user in the same team), each
 * account (to the copy of its collector) with its stage history and its contact attempts (same
 * instants, by the copied collector); promises and payments are not copied. Then copies attempts
 * (same accounts, same instants) until there are `attempts`.
 */
async function inflate(pool: pg.Pool, factor: number, attempts: number) {
  const client = await pool.connect();
  const columns = async (table: string, skip: string[]) =>
    (
      await client.query<{ c: string }>(
        `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}' AND column_name <> ALL ($1::text[])`,
        [skip],
      )
    ).rows[0]!.c;
  const from = (c: string, alias: string) => c.replace(/(^|, )/g, `$1${alias}.`);
  try {
    const { rows } = await client.query<{ n: string; a: string }>(
      "SELECT (SELECT count(*) FROM accounts WHERE external_id NOT LIKE '%#%') AS n, (SELECT count(*) FROM accounts) AS a",
    );
    if (factor > 1 && Number(rows[0]!.a) < Number(rows[0]!.n) * factor) {
      const t0 = performance.now();
      const u = await columns('users', ['id', 'username']);
      const a = await columns('accounts', ['id', 'external_id', 'assigned_collector_id', 'leased_by_id']);
      const x = await columns('contact_attempts', ['id', 'account_id', 'collector_id', 'idempotency_key']);
      await client.query('BEGIN');
      await client.query(
        `CREATE TEMP TABLE user_map ON COMMIT DROP AS SELECT u.id AS old_id, gen_random_uuid() AS new_id, k FROM users u, generate_series(1, ${factor - 1}) k WHERE u.role = 'collector'`,
      );
      await client.query(
        `INSERT INTO users (id, username, ${u}) SELECT m.new_id, u.username || '-' || m.k, ${from(u, 'u')} FROM user_map m JOIN users u ON u.id = m.old_id`,
      );
      await client.query(
        `CREATE TEMP TABLE copy_map ON COMMIT DROP AS SELECT a.id AS old_id, gen_random_uuid() AS new_id, k FROM accounts a, generate_series(1, ${factor - 1}) k`,
      );
      await client.query('CREATE INDEX ON copy_map (old_id)');
      await client.query('ANALYZE copy_map; ANALYZE user_map');
      await client.query(
        `INSERT INTO accounts (id, external_id, assigned_collector_id, leased_by_id, ${a})
         SELECT m.new_id, a.external_id || '#' || m.k, COALESCE(um.new_id, a.assigned_collector_id), NULL, ${from(a, 'a')}
         FROM copy_map m JOIN accounts a ON a.id = m.old_id LEFT JOIN user_map um ON um.old_id = a.assigned_collector_id AND um.k = m.k`,
      );
      await client.query(
        'INSERT INTO stage_transitions (id, account_id, from_stage, to_stage, at) SELECT gen_random_uuid(), m.new_id, t.from_stage, t.to_stage, t.at FROM copy_map m JOIN stage_transitions t ON t.account_id = m.old_id',
      );
      await client.query(
        `INSERT INTO contact_attempts (id, account_id, collector_id, idempotency_key, ${x})
         SELECT gen_random_uuid(), m.new_id, COALESCE(um.new_id, x.collector_id), x.idempotency_key || CASE WHEN um.new_id IS NULL THEN '#' || m.k ELSE '' END, ${from(x, 'x')}
         FROM copy_map m JOIN contact_attempts x ON x.account_id = m.old_id LEFT JOIN user_map um ON um.old_id = x.collector_id AND um.k = m.k`,
      );
      await client.query('COMMIT');
      console.log(
        `Book copied x${factor} (collectors, accounts, stage history, attempts) in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
    }
    const { rows: have } = await client.query<{ n: string }>('SELECT count(*) AS n FROM contact_attempts');
    const missing = attempts - Number(have[0]!.n);
    if (missing > 0) {
      const t0 = performance.now();
      const x = await columns('contact_attempts', ['id', 'idempotency_key']);
      const copies = Math.ceil(missing / Number(have[0]!.n));
      await client.query(
        `INSERT INTO contact_attempts (id, idempotency_key, ${x}) SELECT gen_random_uuid(), x.idempotency_key || '#' || k, ${from(x, 'x')} FROM contact_attempts x, generate_series(1, ${copies}) k LIMIT ${missing}`,
      );
      console.log(
        `Attempts copied to ${attempts.toLocaleString('en')} in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
    }
    if (missing > 0 || factor > 1)
      for (const table of ['users', 'accounts', 'stage_transitions', 'contact_attempts'])
        await client.query(`VACUUM ANALYZE ${table}`);
  } finally {
    client.release();
  }
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
async function time(task: () => Promise<void>, runs = RUNS): Promise<{ p50: number; p95: number }> {
  await task(); // warm-up: plans and caches, as a supervisor's second look would find them
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await task();
    ms.push(performance.now() - t0);
  }
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}

const INFLATE = Number(values['inflate-accounts']);
const db = await openBenchDatabase(Math.round(ACCOUNTS / INFLATE), {
  dataDir: values['data-dir'],
  historyScale: Number(values['history-scale']),
  expectAccounts: ACCOUNTS,
});
await inflate(db.pool, INFLATE, Number(values['inflate-attempts']));
let server: ChildProcess | undefined;
try {
  const { rows: size } = await db.pool.query<{ attempts: string; promises: string; payments: string }>(
    'SELECT (SELECT count(*) FROM contact_attempts) AS attempts, (SELECT count(*) FROM promises) AS promises, (SELECT count(*) FROM payments) AS payments',
  );
  const { rows: span } = await db.pool.query<{ last: Date }>('SELECT max(started_at) AS last FROM contact_attempts');
  // The last whole month of the seeded history.
  const last = span[0]!.last.toISOString().slice(0, 7);
  const [y, m] = last.split('-').map(Number) as [number, number];
  const month = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
  const from = `${month}-01`;
  const to = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

  // No summary yet: the report reads the base tables (as before ADR 045).
  if (!values['skip-rebuild'])
    await db.pool.query('TRUNCATE kpi_days, kpi_daily, kpi_daily_collector, kpi_monthly, kpi_monthly_collector');
  server = await startServer(db, Number(values.port));
  const admin = await login(BASE, 'admin1');
  const supervisor = await login(BASE, 'supervisor1');
  const users = await db.pool.query<{ id: string; username: string; time_zone: string; role: string }>(
    "SELECT id, username, time_zone, role::text FROM users WHERE username IN ('admin1', 'supervisor1', 'collector1')",
  );
  const user = (name: string): SessionUser => {
    const u = users.rows.find((r) => r.username === name)!;
    return {
      id: u.id,
      username: name,
      displayName: name,
      role: u.role as SessionUser['role'],
      locale: 'en',
      timeZone: u.time_zone,
      teamId: null,
      teamName: null,
    };
  };
  const collectorId = users.rows.find((r) => r.username === 'collector1')!.id;
  const window = (u: SessionUser) => ({
    from,
    to,
    start: startOfLocalDay(from, u.timeZone),
    end: startOfLocalDay(addDaysIso(to, 1), u.timeZone),
    timeZone: u.timeZone,
  });

  const api = (who: { cookie: string }, url: string) => async () => {
    const res = await fetch(`${BASE}${url}`, { headers: { cookie: who.cookie } });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    await res.arrayBuffer();
  };
  const sql = (q: { text: string; values: unknown[] }) => async () => {
    await db.pool.query(q.text, q.values);
  };

  const cases = [
    {
      name: 'KPIs by collector, one month (admin: all)',
      api: api(admin, `/api/reports/kpis?from=${from}&to=${to}&groupBy=collector`),
      sql: sql(kpiMeasuresSql(user('admin1'), window(user('admin1')), 'collector', {})),
    },
    {
      name: 'KPIs by collector, one month (supervisor)',
      api: api(supervisor, `/api/reports/kpis?from=${from}&to=${to}&groupBy=collector`),
      sql: sql(kpiMeasuresSql(user('supervisor1'), window(user('supervisor1')), 'collector', {})),
    },
    {
      name: 'KPIs by stage, one collector, one month',
      api: api(supervisor, `/api/reports/kpis?from=${from}&to=${to}&groupBy=stage&collectorId=${collectorId}`),
      sql: sql(kpiMeasuresSql(user('supervisor1'), window(user('supervisor1')), 'stage', { collectorId })),
    },
    {
      name: 'Contact log page 1: month + promise to pay',
      api: api(admin, `/api/contacts?from=${from}&to=${to}&disposition=promise_to_pay&limit=50`),
      sql: sql(
        contactLogPageSql(user('admin1'), {
          filters: { from, to, disposition: 'promise_to_pay' },
          ...window(user('admin1')),
          after: null,
          limit: 51,
        }),
      ),
    },
    {
      name: 'Contact log page 1: one collector, month, kept',
      api: api(
        supervisor,
        `/api/contacts?collectorId=${collectorId}&promiseDueFrom=${from}&promiseDueTo=${to}&promiseStatus=kept&limit=50`,
      ),
      sql: sql(
        contactLogPageSql(user('supervisor1'), {
          filters: { collectorId, promiseDueFrom: from, promiseDueTo: to, promiseStatus: 'kept' },
          start: null,
          end: null,
          after: null,
          limit: 51,
        }),
      ),
    },
  ];

  console.log(
    `\nPortfolio: ${ACCOUNTS.toLocaleString('en')} accounts, ${Number(size[0]!.attempts).toLocaleString('en')} contact attempts, ${Number(size[0]!.promises).toLocaleString('en')} promises, ${Number(size[0]!.payments).toLocaleString('en')} payments`,
  );
  console.log(`Period: ${from} .. ${to}; ${RUNS} sequential runs after one warm-up\n`);
  const report = (name: string, a: { p50: number; p95: number }, s: { p50: number; p95: number }) =>
    console.log(
      `${name.padEnd(56)} API p50 ${a.p50.toFixed(1).padStart(7)} p95 ${a.p95.toFixed(1).padStart(7)} ms | SQL p50 ${s.p50.toFixed(1).padStart(7)} p95 ${s.p95.toFixed(1).padStart(7)} ms | ratio ${(a.p50 / s.p50).toFixed(2)}x`,
    );
  if (!values['skip-live']) for (const c of cases) report(c.name, await time(c.api), await time(c.sql));

  if (!ROLL_ONLY) {
    // The daily summary (ADR 045), rebuilt as `pnpm kpi:rebuild` does, then the KPI requests again.
    if (!values['skip-rebuild']) {
      const prisma = createPrismaClient(db.appUrl);
      const t0 = performance.now();
      const rebuilt = await createKpiSummaryService({
        summary: createKpiSummaryRepository(prisma),
        clock: { now: () => new Date() },
      }).rebuild();
      console.log(
        `\nSummary rebuilt: ${rebuilt.days} days (${rebuilt.from} .. ${rebuilt.to}) in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${(await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM kpi_daily')).rows[0]!.n} rows\n`,
      );
      await prisma.$disconnect();
    }
    const { rows: counts } = await db.pool.query<{ t: string; n: string }>(
      "SELECT 'kpi_daily' AS t, count(*) AS n FROM kpi_daily UNION ALL SELECT 'kpi_daily_collector', count(*) FROM kpi_daily_collector UNION ALL SELECT 'kpi_monthly', count(*) FROM kpi_monthly UNION ALL SELECT 'kpi_monthly_collector', count(*) FROM kpi_monthly_collector UNION ALL SELECT 'dirty days', count(*) FROM kpi_dirty_days",
    );
    console.log(`Summary rows: ${counts.map((r) => `${r.t} ${Number(r.n).toLocaleString('en')}`).join(', ')}\n`);
    // The quarter ending with the month.
    const qFrom = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 3, 1))
      .toISOString()
      .slice(0, 10);
    // The API's read (ADR 045, 051): the clean days of the period as the report finds them, split into
    // whole months, other summarised days and live days.
    const summarySql =
      (u: SessionUser, groupBy: 'collector' | 'stage', f: { collectorId?: string }, periodFrom = from) =>
      async () => {
        const w = { ...window(u), from: periodFrom, start: startOfLocalDay(periodFrom, u.timeZone) };
        const clean = await db.pool.query<{ day: string }>(
          'SELECT d.day::text AS day FROM kpi_days d WHERE d.zone = $1 AND d.day BETWEEN $2::date AND $3::date AND NOT EXISTS (SELECT 1 FROM kpi_dirty_days x WHERE x.day = d.day)',
          [w.timeZone, w.from, w.to],
        );
        const split = splitPeriod(w, new Set(clean.rows.map((r) => r.day)), true);
        const q = kpiReportSql(u, w.timeZone, groupBy, f, split.summary, split.live, split.months);
        await db.pool.query(q.text, q.values);
      };
    const summaryCases = [
      { ...cases[0]!, sql: summarySql(user('admin1'), 'collector', {}) },
      { ...cases[1]!, sql: summarySql(user('supervisor1'), 'collector', {}) },
      { ...cases[2]!, sql: summarySql(user('supervisor1'), 'stage', { collectorId }) },
      {
        name: 'KPIs by collector, one quarter (admin: all)',
        api: api(admin, `/api/reports/kpis?from=${qFrom}&to=${to}&groupBy=collector`),
        sql: summarySql(user('admin1'), 'collector', {}, qFrom),
      },
      {
        name: 'KPIs by collector, one quarter (supervisor)',
        api: api(supervisor, `/api/reports/kpis?from=${qFrom}&to=${to}&groupBy=collector`),
        sql: summarySql(user('supervisor1'), 'collector', {}, qFrom),
      },
      {
        name: 'KPIs by stage, one collector, one quarter',
        api: api(supervisor, `/api/reports/kpis?from=${qFrom}&to=${to}&groupBy=stage&collectorId=${collectorId}`),
        sql: summarySql(user('supervisor1'), 'stage', { collectorId }, qFrom),
      },
    ];
    console.log(`Quarter: ${qFrom} .. ${to}`);
    for (const c of summaryCases) report(`${c.name}, summary`, await time(c.api), await time(c.sql));

    // Equality at this size, once: the summary's read (the API's) against the live query (the definition).
    {
      const prisma = createPrismaClient(db.appUrl);
      const repo = createKpisRepository(prisma);
      const norm = (rows: unknown[]) =>
        JSON.stringify(
          [...rows].map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).sort(),
        );
      for (const [who, groupBy, periodFrom] of [
        ['admin1', 'collector', from],
        ['supervisor1', 'collector', qFrom],
      ] as const) {
        const u = user(who);
        const w = { ...window(u), from: periodFrom, start: startOfLocalDay(periodFrom, u.timeZone) };
        const t0 = performance.now();
        const live = await repo.liveMeasures(u, w, groupBy, {});
        const liveMs = performance.now() - t0;
        const summary = await repo.measures(u, w, groupBy, {});
        console.log(
          `KPI ${who} by ${groupBy} ${periodFrom} .. ${to}: summary ${norm(summary) === norm(live) ? 'EQUALS' : 'DIFFERS FROM'} the live query (${live.length} rows; live query ${liveMs.toFixed(0)} ms, one run)`,
        );
      }
      await prisma.$disconnect();
    }
  }
  if (!values['skip-roll-rates']) {
    // Roll rates (stage history): the ordered pass before any snapshot, then the snapshot rebuilt.
    const firstMonth = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 6, 1))
      .toISOString()
      .slice(0, 7);
    const rollCases = [
      ['Roll rates, one month (admin)', 'admin1', month, month],
      ['Roll rates, one month (supervisor)', 'supervisor1', month, month],
      ['Roll rates, six months (admin)', 'admin1', firstMonth, month],
      ['Roll rates, the month after, chained (admin)', 'admin1', last, last],
    ] as const;
    await db.pool.query('DELETE FROM stage_months_ready');
    const passes = new Map<string, { p50: number; p95: number }>();
    for (const [name, who, first, end] of rollCases) {
      const t = await time(sql(rollRatesSql(user(who), first, end)), Number(values['pass-runs'] ?? RUNS));
      passes.set(name, t);
      console.log(`${name}, ordered pass (ADR 051) SQL p50 ${t.p50.toFixed(1)} p95 ${t.p95.toFixed(1)} ms`);
    }
    {
      const prisma = createPrismaClient(db.appUrl);
      // The snapshot's "finished months": those before the month after the bench's month (as if now).
      const now = new Date(`${last}-15T00:00:00Z`);
      const t0 = performance.now();
      const built = await createStageMonthsService({
        stageMonths: createStageMonthsRepository(prisma),
        clock: { now: () => now },
      }).rebuild();
      console.log(
        `\nRoll-rate snapshot rebuilt: ${built.months.length} months (${built.months[0]} .. ${built.months.at(-1)}), ${built.rows.toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      const { rows: sz } = await db.pool.query<{ size: string }>(
        "SELECT pg_size_pretty(pg_total_relation_size('stage_months')) AS size",
      );
      console.log(`stage_months: ${sz[0]!.size}\n`);
      const repo = createRollRatesRepository(prisma);
      for (const [name, who, first, end] of rollCases) {
        const ready = await db.pool.query<{ month: string }>(
          "SELECT to_char(month, 'YYYY-MM') AS month FROM stage_months_ready",
        );
        const plan = planRollRates(first, end, new Set(ready.rows.map((r) => r.month)));
        const equal =
          JSON.stringify(await repo.counts(user(who), first, end), (_k, v) =>
            typeof v === 'bigint' ? String(v) : v,
          ) ===
          JSON.stringify(await repo.liveCounts(user(who), first, end), (_k, v) =>
            typeof v === 'bigint' ? String(v) : v,
          );
        const s = await time(sql(rollRatesPlannedSql(user(who), plan)));
        report(
          `${name}, snapshot (${plan.snapshot.length}/${plan.chained.length}/${plan.live.length})`,
          await time(api(who === 'admin1' ? admin : supervisor, `/api/reports/roll-rates?from=${first}&to=${end}`)),
          s,
        );
        console.log(
          `  = ordered pass: ${equal ? 'equal' : 'DIFFERENT'}; ordered pass p50 ${passes.get(name)!.p50.toFixed(1)} ms -> snapshot SQL p50 ${s.p50.toFixed(1)} ms`,
        );
      }
      await prisma.$disconnect();
    }
    // The per-account probes it replaced (ADR 051), once (minutes beyond 200,000 accounts: skipped).
    if (ACCOUNTS <= 200_000) {
      const p0 = performance.now();
      await sql(rollRatesProbeSql(user('admin1'), month, month))();
      console.log(
        `Roll rates, one month (admin), the old per-account probes: ${(performance.now() - p0).toFixed(0)} ms (one run)`,
      );
    }
  }
} finally {
  await stopServer(server);
  await db.pool.end();
  await db.stop();
}
