// Supervisor reports at scale: `pnpm bench:kpis [--accounts 1000000] [--history-scale 1.75] [--runs 15]`.
//
// 1. An embedded PostgreSQL in .data/bench-kpi-postgres with a seeded portfolio (about 10
//    contact attempts per account at the default scale; reused between runs).
// 2. The built server (apps/api/dist) on its own port, background jobs off.
// 3. For each request: p50/p95 over `runs` sequential calls through the API, then the very same
//    SQL (the API's own builders, kpiMeasuresSql and contactLogPageSql) straight on PostgreSQL.
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { SessionUser } from '../packages/contracts/src/index.js';
import { addDaysIso, startOfLocalDay } from '../packages/domain/src/index.js';
import { contactLogPageSql } from '../apps/api/src/modules/contacts/contact-log.repository.js';
import { kpiMeasuresSql } from '../apps/api/src/modules/reports/kpis.repository.js';
import { login, openBenchDatabase, startServer, stopServer } from './lib.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    'history-scale': { type: 'string', default: '1.75' },
    runs: { type: 'string', default: '15' },
    port: { type: 'string', default: '3410' },
  },
});
const ACCOUNTS = Number(values.accounts);
const RUNS = Number(values.runs);
const BASE = `http://127.0.0.1:${values.port}`;

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
async function time(task: () => Promise<void>): Promise<{ p50: number; p95: number }> {
  await task(); // warm-up: plans and caches, as a supervisor's second look would find them
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await task();
    ms.push(performance.now() - t0);
  }
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}

const db = await openBenchDatabase(ACCOUNTS, {
  dataDir: 'bench-kpi-postgres',
  historyScale: Number(values['history-scale']),
});
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
  for (const c of cases) {
    const a = await time(c.api);
    const s = await time(c.sql);
    console.log(
      `${c.name.padEnd(48)} API p50 ${a.p50.toFixed(0).padStart(6)} p95 ${a.p95.toFixed(0).padStart(6)} ms | SQL p50 ${s.p50.toFixed(0).padStart(6)} p95 ${s.p95.toFixed(0).padStart(6)} ms | ratio ${(a.p50 / s.p50).toFixed(2)}x`,
    );
  }
} finally {
  await stopServer(server);
  await db.pool.end();
  await db.stop();
}
