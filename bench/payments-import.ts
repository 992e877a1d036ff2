// Payments import benchmark: `pnpm bench:import [--rows 100000]`
// Builds a CSV of N payments for accounts of the benchmark portfolio, uploads it to the built
// server (202 with the import's id, ADR 042), polls GET /api/imports/:id until the job (run by the
// server's in-process worker: one streaming validation pass, then one transaction) has finished,
// prints the upload time, the total time, the rate and the server's peak memory, then removes the
// payments again. Loopback only.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { moveAccountFiguresSql } from '@crm/db/account-figures';
import { login, openBenchDatabase, startServer, stopServer } from './lib.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    accounts: { type: 'string', default: '200000' },
    port: { type: 'string', default: '3401' },
  },
});
const ROWS = Number(values.rows);
const PORT = Number(values.port);
const BASE = `http://127.0.0.1:${PORT}`;
const SOURCE = `bench-import-${Date.now()}`;

const db = await openBenchDatabase(Number(values.accounts));
let server: ChildProcess | undefined;
// Promise statuses the import changes are put back afterwards, so every run starts equal.
await db.pool.query('DROP TABLE IF EXISTS bench_promise_snapshot');
await db.pool.query(
  'CREATE TABLE bench_promise_snapshot AS SELECT id, status, paid_minor, status_changed_at FROM promises',
);
const startedAt = new Date();
try {
  const { rows: accounts } = await db.pool.query<{ external_id: string; currency: string }>(
    'SELECT external_id, currency FROM accounts ORDER BY external_id LIMIT $1',
    [ROWS],
  );
  const lines = ['account_external_id,amount,currency,paid_at,channel,reference'];
  for (let i = 0; i < ROWS; i++) {
    const a = accounts[i % accounts.length]!;
    lines.push(
      `${a.external_id},${(10 + (i % 500)).toFixed(2)},${a.currency},2026-11-${String(1 + (i % 20)).padStart(2, '0')},bank_transfer,${SOURCE}-${i}`,
    );
  }
  const csv = lines.join('\n') + '\n';
  server = await startServer(db, PORT, { JOBS: 'in-process' });
  const admin = await login(BASE, 'admin1');

  const t0 = performance.now();
  const res = await fetch(`${BASE}/api/imports/payments?mode=all&source=${SOURCE}`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'text/csv' },
    body: csv,
  });
  if (res.status !== 202) throw new Error(`upload: HTTP ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const uploaded = (performance.now() - t0) / 1000;
  type Report = {
    committed: boolean;
    totalRows: number;
    writtenRows: number;
    errorCount: number;
    changedPromises: number;
    ms: number;
  };
  let view: { status: string; phase: string; rowsWritten: number; report: Report | null; error: string | null };
  for (;;) {
    view = (await (
      await fetch(`${BASE}/api/imports/${id}`, { headers: { cookie: admin.cookie } })
    ).json()) as typeof view;
    if (view.status === 'succeeded' || view.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!view.report) throw new Error(`import ${view.status}: ${view.error}`);
  const report = view.report;
  const seconds = (performance.now() - t0) / 1000;
  const peak = readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)?.[1];
  console.log(
    `\nPayments import: ${ROWS.toLocaleString('en')} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MB, upload answered ${res.status} in ${uploaded.toFixed(1)} s\n` +
      `  committed=${report.committed} written=${report.writtenRows.toLocaleString('en')} errors=${report.errorCount} promises re-judged=${report.changedPromises}\n` +
      `  ${seconds.toFixed(1)} s end to end (server ${(report.ms / 1000).toFixed(1)} s), ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s, server peak RSS ${peak ? Math.round(Number(peak) / 1024) : '?'} MB\n`,
  );
} finally {
  // Leave the benchmark database as it was (figures included: taking the payments back out of
  // the running sum restores them exactly, ADR 009).
  await db.pool.query(
    `UPDATE accounts a SET ${moveAccountFiguresSql('-s.total')}
       FROM (SELECT account_id, sum(amount_minor) AS total FROM payments WHERE source = $1 GROUP BY account_id) s WHERE a.id = s.account_id`,
    [SOURCE],
  );
  await db.pool.query('DELETE FROM payments WHERE source = $1', [SOURCE]);
  await db.pool.query(
    `UPDATE promises p SET status = s.status, paid_minor = s.paid_minor, status_changed_at = s.status_changed_at
       FROM bench_promise_snapshot s WHERE s.id = p.id AND (p.status <> s.status OR p.paid_minor <> s.paid_minor)`,
  );
  await db.pool.query('DELETE FROM promise_status_changes WHERE at >= $1', [startedAt]);
  await db.pool.query(
    "UPDATE payment_plans SET status = 'active' WHERE status <> 'cancelled' AND id IN (SELECT plan_id FROM promises WHERE status = 'pending' AND plan_id IS NOT NULL)",
  );
  await db.pool.query('DROP TABLE bench_promise_snapshot');
  await stopServer(server);
  await db.pool.end();
  await db.stop();
}
