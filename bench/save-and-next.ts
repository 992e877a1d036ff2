// Save-and-next benchmark: `pnpm bench:save-next [--accounts 200000] [--iterations 200] [--concurrency 1]`
//
// What a collector waits for after "Save and next" until the next case file is usable, as the web
// does it (apps/web/src/app/routes/workstation.tsx, features/contacts/api/record-contact.ts):
//   1. POST /api/accounts/:id/contacts   (the outcome of the account they hold)
//   2. POST /api/queue/next              (lease the next account)
//   3. in parallel: GET /api/accounts/:next/case-file, GET /api/accounts/:next/suggested-script,
//      GET /api/queue/reservation        (what the desk loads before it is usable)
// The recording invalidates the queue, so the web also refetches GET /api/queue in the background;
// that request is fired with step 3 but not waited for (the desk is usable without it).
// A bounded number of iterations (round robin over the collectors, deterministic order), then the
// same work as plain SQL in the same run, and the ratio. Loopback only.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { login, openBenchDatabase, recordOutcomeSql, startServer, stopServer } from './lib.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '200000' },
    iterations: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '1' },
    collectors: { type: 'string', default: '20' },
    port: { type: 'string', default: '3401' },
    // 'off': leave out the background GET /api/queue (to see what it costs the desk).
    'queue-refetch': { type: 'string', default: 'on' },
  },
});
const ACCOUNTS = Number(values.accounts);
const ITERATIONS = Number(values.iterations);
const CONCURRENCY = Number(values.concurrency);
const COLLECTORS = Number(values.collectors);
const BASE = `http://127.0.0.1:${Number(values.port)}`;
const QUEUE_REFETCH = values['queue-refetch'] !== 'off';

function percentiles(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1).padStart(8) : '     n/a');
const line = (name: string, s: ReturnType<typeof percentiles>, extra = '') =>
  console.log(`${name.padEnd(34)} p50${fmt(s.p50)} p95${fmt(s.p95)} p99${fmt(s.p99)} ms  (${s.n})${extra}`);

/** Runs `task` ITERATIONS times in total from CONCURRENCY workers; returns each run's time. */
async function iterate(task: (worker: number, i: number) => Promise<void>) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      for (let i = next++; i < ITERATIONS; i = next++) {
        const t0 = performance.now();
        try {
          await task(worker, i);
          latencies.push(performance.now() - t0);
        } catch (err) {
          errors++;
          if (errors <= 3) console.error(`  iteration ${i}: ${(err as Error).message}`);
        }
      }
    }),
  );
  return { latencies, errors };
}

const db = await openBenchDatabase(ACCOUNTS);
const pool = db.pool;
let server: ChildProcess | undefined;
try {
  await pool.query('UPDATE accounts SET leased_by_id = NULL, lease_expires_at = NULL WHERE leased_by_id IS NOT NULL');
  server = await startServer(db, Number(values.port));
  const { rows: collectorRows } = await pool.query<{ username: string }>(
    "SELECT username FROM users WHERE role = 'collector' AND active ORDER BY username LIMIT $1",
    [COLLECTORS],
  );
  const sessions: (Awaited<ReturnType<typeof login>> & { holding: string | null })[] = [];
  for (const c of collectorRows) sessions.push({ ...(await login(BASE, c.username)), holding: null });
  const { rows: counts } = await pool.query<{ accounts: string; attempts: string }>(
    'SELECT (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM contact_attempts) AS attempts',
  );
  console.log(
    `\nPortfolio: ${Number(counts[0]!.accounts).toLocaleString('en')} accounts, ${Number(counts[0]!.attempts).toLocaleString('en')} contact attempts; ` +
      `${sessions.length} collectors; ${ITERATIONS} iterations; ${CONCURRENCY} concurrent collector(s); queue refetch ${QUEUE_REFETCH ? 'on' : 'off'}; Node ${process.versions.node}\n`,
  );

  const call = async (s: (typeof sessions)[number], path: string, init: RequestInit = {}) => {
    const t0 = performance.now();
    const res = await fetch(`${BASE}${path}`, {
      ...init,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(init.headers as Record<string, string>) },
    });
    const body = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${body.slice(0, 200)}`);
    return { body: body ? (JSON.parse(body) as Record<string, unknown>) : null, ms: performance.now() - t0 };
  };
  const take = async (s: (typeof sessions)[number]) => {
    const r = await call(s, '/api/queue/next', { method: 'POST' });
    s.holding = (r.body?.accountId as string | undefined) ?? null;
    return r.ms;
  };
  // Every collector holds an account before the clock starts (their first "next" of the day).
  for (const s of sessions) await take(s);

  const steps = {
    record: [] as number[],
    next: [] as number[],
    open: [] as number[],
    caseFile: [] as number[],
    script: [] as number[],
    reservation: [] as number[],
  };
  // Each worker drives its own collectors, so no two workers record for one collector at once.
  const api = await iterate(async (worker, i) => {
    const mine = sessions.filter((_, k) => k % CONCURRENCY === worker);
    const s = mine[Math.floor(i / CONCURRENCY) % mine.length]!;
    if (!s.holding) throw new Error('queue empty');
    const rec = await call(s, `/api/accounts/${s.holding}/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      // Inbound: no gate for answering, so every iteration records whatever the hour.
      body: JSON.stringify({
        channel: 'phone',
        direction: 'inbound',
        partyReached: 'debtor',
        disposition: 'right_party_contact',
        rightPartyVerification: { method: 'name_and_date_of_birth', verifiedAt: new Date().toISOString() },
        notes: 'bench-save-next',
      }),
    });
    const nx = await take(s);
    if (!s.holding) throw new Error('queue empty');
    const t0 = performance.now();
    if (QUEUE_REFETCH) void call(s, '/api/queue').catch(() => undefined); // background refetch of the invalidated queue
    const [caseFile, script, reservation] = await Promise.all([
      call(s, `/api/accounts/${s.holding}/case-file`),
      call(s, `/api/accounts/${s.holding}/suggested-script`),
      call(s, '/api/queue/reservation'),
    ]);
    steps.caseFile.push(caseFile.ms);
    steps.script.push(script.ms);
    steps.reservation.push(reservation.ms);
    steps.record.push(rec.ms);
    steps.next.push(nx);
    steps.open.push(performance.now() - t0);
  });

  // The same work as plain SQL: the recording transaction, the lease, the case file's reads.
  const { rows: pairs } = await pool.query<{ collector_id: string; account_id: string; debtor_id: string }>(
    `SELECT a.assigned_collector_id AS collector_id, a.id AS account_id, a.debtor_id FROM accounts a
      WHERE a.assigned_collector_id = ANY($1::uuid[]) AND a.status = 'open' ORDER BY a.id LIMIT 5000`,
    [sessions.map((s) => s.id)],
  );
  const leaseSql = `UPDATE accounts SET leased_by_id = $1, lease_expires_at = now() + interval '15 minutes'
    WHERE id = (SELECT id FROM accounts WHERE id = ANY($2::uuid[]) AND (leased_by_id IS NULL OR lease_expires_at < now())
                ORDER BY array_position($2::uuid[], id) LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id`;
  const sql = await iterate(async (_w, i) => {
    const p = pairs[(i * 7919) % pairs.length]!;
    await recordOutcomeSql(pool, p, 'phone', 'bench-save-next-sql');
    const candidates = pairs.filter((q) => q.collector_id === p.collector_id).map((q) => q.account_id);
    const { rows: leased } = await pool.query<{ id: string }>(leaseSql, [p.collector_id, candidates]);
    const n = pairs.find((q) => q.account_id === leased[0]?.id) ?? p;
    await pool.query(
      'SELECT a.*, d.*, c.name FROM accounts a JOIN debtors d ON d.id = a.debtor_id JOIN creditors c ON c.id = a.creditor_id WHERE a.id = $1',
      [n.account_id],
    );
    await Promise.all([
      pool.query('SELECT * FROM contact_points WHERE debtor_id = $1', [n.debtor_id]),
      pool.query('SELECT * FROM third_parties WHERE debtor_id = $1', [n.debtor_id]),
      pool.query('SELECT a.*, c.name FROM accounts a JOIN creditors c ON c.id = a.creditor_id WHERE a.debtor_id = $1', [
        n.debtor_id,
      ]),
      pool.query('SELECT * FROM stop_flags WHERE debtor_id = $1 AND cleared_at IS NULL', [n.debtor_id]),
      pool.query(
        'SELECT ca.*, u.display_name FROM contact_attempts ca LEFT JOIN users u ON u.id = ca.collector_id WHERE ca.account_id = $1 ORDER BY ca.started_at DESC',
        [n.account_id],
      ),
      pool.query('SELECT * FROM promises WHERE account_id = $1 ORDER BY created_at DESC', [n.account_id]),
      pool.query('SELECT * FROM payments WHERE account_id = $1 ORDER BY paid_at DESC', [n.account_id]),
      pool.query('SELECT * FROM payment_plans WHERE account_id = $1', [n.account_id]),
      pool.query("SELECT * FROM callbacks WHERE account_id = $1 AND status = 'pending' ORDER BY due_at LIMIT 1", [
        n.account_id,
      ]),
      pool.query(
        `SELECT v.* FROM script_versions v JOIN scripts s ON s.id = v.script_id
          WHERE v.status = 'published' ORDER BY v.published_at DESC NULLS LAST LIMIT 5`,
      ),
      pool.query('SELECT leased_by_id, lease_expires_at FROM accounts WHERE leased_by_id = $1', [n.collector_id]),
    ]);
    await pool.query(
      "INSERT INTO audit_events (actor_id, action, entity_type, entity_id) VALUES ($1, 'case_file.view', 'account', $2)",
      [n.collector_id, n.account_id],
    );
    await pool.query('UPDATE accounts SET leased_by_id = NULL, lease_expires_at = NULL WHERE id = $1', [n.account_id]);
  });

  const whole = percentiles(api.latencies);
  const plain = percentiles(sql.latencies);
  line('Save and next, whole (API)', whole, `  ${api.errors} failed`);
  line('  1. POST contacts', percentiles(steps.record));
  line('  2. POST queue/next', percentiles(steps.next));
  line('  3. case file + script + reservation', percentiles(steps.open));
  line('     GET case-file', percentiles(steps.caseFile));
  line('     GET suggested-script', percentiles(steps.script));
  line('     GET queue/reservation', percentiles(steps.reservation));
  line('Same work as plain SQL', plain, `  ${sql.errors} failed`);
  console.log(
    `API/SQL p50 ratio ${(whole.p50 / plain.p50).toFixed(1)}x, p95 ratio ${(whole.p95 / plain.p95).toFixed(1)}x`,
  );
  // Leave the database as it was (the audit trail is append-only, ADR 011).
  await pool.query("DELETE FROM contact_attempts WHERE notes IN ('bench-save-next', 'bench-save-next-sql')");
  await pool.query('UPDATE accounts SET leased_by_id = NULL, lease_expires_at = NULL WHERE leased_by_id IS NOT NULL');
} finally {
  await stopServer(server);
  await pool.end();
  await db.stop();
}
