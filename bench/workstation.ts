// Workstation benchmark: `pnpm bench:workstation [--accounts 200000] [--seconds 15] [--concurrency 8] [--instances N]
//   [--processes N|auto] [--only next,case-file,contacts] [--cpu-prof [dir]] [--jobs in-process|off]`
//
// --processes N: the server runs as N HTTP processes on one port (API_PROCESSES, node:cluster; ADR 046).
// --only: run just these endpoints. --cpu-prof: the server runs with Node's --cpu-prof (one
// .cpuprofile per process, in .data/cpu-prof/<time> or the given dir); after the run, the top
// self-time functions and modules are printed (bench/profile-summary.ts).
//
// With --instances N (2 or more): N server processes on the one database, clients spread across
// them round-robin; each endpoint's throughput with one process and with N, side by side (ADR 043).
//
// 1. An embedded PostgreSQL in .data/bench-postgres with a seeded portfolio (reused between runs).
// 2. The built server (apps/api/dist) in its own process on 127.0.0.1.
// 3. For each endpoint, a closed-loop load of N concurrent clients for a fixed time, then the
//    same SQL run directly against the database with the same concurrency, and the ratio.
// Prints p50/p95/p99 latency and throughput. Loopback only; every loop is bounded in time.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@crm/db/paths';
import { caseFileTwin } from './case-file-twin.js';
import { login, openBenchDatabase, recordOutcomeSql, startServer, stopServer } from './lib.js';
import { printProfileSummary } from './profile-summary.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '200000' },
    seconds: { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '8' },
    port: { type: 'string', default: '3400' },
    instances: { type: 'string', default: '1' },
    processes: { type: 'string', default: '1' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
    jobs: { type: 'string', default: 'off' },
  },
  // `--cpu-prof` alone: a fresh folder under .data/cpu-prof.
  args: process.argv
    .slice(2)
    .flatMap((a, i, all) =>
      a === '--cpu-prof' && (all[i + 1] === undefined || all[i + 1]!.startsWith('--')) ? [a, ''] : [a],
    ),
});
const PROCESSES = values.processes!;
if (!/^(auto|[1-9])$/.test(PROCESSES)) throw new Error('--processes must be 1 to 9 or auto');
const ONLY = values.only?.split(',').map((s) => s.trim());
const want = (name: 'next' | 'case-file' | 'contacts') => !ONLY || ONLY.includes(name);
const PROFILE_DIR =
  values['cpu-prof'] === undefined
    ? undefined
    : path.resolve(
        values['cpu-prof'] || path.join(repoRoot(), '.data/cpu-prof', new Date().toISOString().replace(/[:.]/g, '-')),
      );
// Background jobs are off by default: the per-minute ones (promises, reminders, KPI summary) and the
// worklist refresh catching up on a bench database would land in the middle of any endpoint's
// figures. `--jobs in-process` runs them in the server as deployed; the recording's worklist
// recompute is a job (ADR 053), so that is how its cost shows in the contacts figures.
if (!['in-process', 'off'].includes(values.jobs!)) throw new Error('--jobs must be in-process or off');
const serverEnv = { API_PROCESSES: PROCESSES, JOBS: values.jobs! };
const nodeArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
const INSTANCES = Number(values.instances);
if (!Number.isInteger(INSTANCES) || INSTANCES < 1 || INSTANCES > 8) throw new Error('--instances must be 1 to 8');
const ACCOUNTS = Number(values.accounts);
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const PORT = Number(values.port);
const BASE = `http://127.0.0.1:${PORT}`;

interface Stats {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
}

/** An inbound letter recorded as a right-party contact: always allowed by the gate, so every request writes. */
function postContact(base: string, p: { account_id: string; session: { cookie: string; csrf: string } }) {
  return fetch(`${base}/api/accounts/${p.account_id}/contacts`, {
    method: 'POST',
    headers: {
      cookie: p.session.cookie,
      'x-csrf-token': p.session.csrf,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({
      channel: 'letter',
      direction: 'inbound',
      partyReached: 'debtor',
      disposition: 'right_party_contact',
      notes: 'bench',
    }),
  });
}

function summarise(latencies: number[], errors: number, ms: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    count: sorted.length,
    errors,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    perSecond: (sorted.length / ms) * 1000,
  };
}

/** Runs `task` from `concurrency` workers back to back for `seconds`; times each call. */
async function closedLoop(
  task: (worker: number, i: number) => Promise<boolean>,
  seconds = SECONDS,
  concurrency = CONCURRENCY,
): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        const ok = await task(worker, i).catch(() => false);
        if (ok) latencies.push(performance.now() - t0);
        else errors++;
      }
    }),
  );
  return summarise(latencies, errors, performance.now() - started);
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1).padStart(8) : '     n/a');
function report(name: string, api: Stats, sql: Stats, sqlLabel = 'SQL') {
  console.log(
    `${name.padEnd(28)} API  p50${fmt(api.p50)} p95${fmt(api.p95)} p99${fmt(api.p99)} ms  ${api.perSecond.toFixed(1).padStart(7)} req/s  (${api.count} ok, ${api.errors} failed)\n` +
      `${''.padEnd(28)} ${sqlLabel.padEnd(4)} p50${fmt(sql.p50)} p95${fmt(sql.p95)} p99${fmt(sql.p99)} ms  ${sql.perSecond.toFixed(1).padStart(7)} runs/s\n` +
      `${''.padEnd(28)} API/${sqlLabel} p50 ratio ${(api.p50 / sql.p50).toFixed(1)}x`,
  );
}

/**
 * Recording an outcome as the API's transaction does it (ADR 048), written by hand with pg and
 * prepared (named) statements: the customer, account and key locks; the facts the rules read
 * (account, customer, access, contact points, flags in force, attempts of the gate's look-back,
 * the pending callback, the key's first use); the attempt, lease release and audit row as one
 * statement; the customer's worklist rows marked stale with their job (ADR 053). The same inbound
 * letter the API records.
 */
async function recordOutcomeByHand(p: { account_id: string; debtor_id: string; collector_id: string }) {
  const client = await pool.connect();
  const key = randomUUID();
  try {
    await client.query('BEGIN');
    await client.query({
      name: 'outcome-lock',
      text: `WITH d AS (SELECT id FROM debtors WHERE id = (SELECT debtor_id FROM accounts WHERE id = $1) FOR NO KEY UPDATE),
                  a AS (SELECT id FROM accounts WHERE id = $1 AND EXISTS (SELECT 1 FROM d) FOR NO KEY UPDATE)
             SELECT a.id, pg_advisory_xact_lock(hashtextextended($2, 0))::text FROM a`,
      values: [p.account_id, `contact-idempotency:${JSON.stringify([p.collector_id, key])}`],
    });
    await client.query({
      name: 'outcome-facts',
      text: `SELECT a.*, d.time_zone, d.inconvenient_times, u.active, tm.supervisor_id,
               (SELECT json_agg(cp ORDER BY cp.kind, cp.type, cp.id) FROM contact_points cp WHERE cp.debtor_id = a.debtor_id) AS points,
               (SELECT json_agg(f ORDER BY f.set_at DESC) FROM stop_flags f WHERE f.cleared_at IS NULL
                  AND (f.expires_at IS NULL OR f.expires_at > now())
                  AND (f.account_id = a.id OR (f.account_id IS NULL AND f.debtor_id = a.debtor_id))) AS flags,
               (SELECT json_agg(json_build_object('startedAt', t.started_at, 'channel', t.channel, 'direction', t.direction,
                  'partyReached', t.party_reached, 'contactPointId', t.contact_point_id, 'disposition', t.disposition,
                  'customerRequested', t.customer_requested))
                FROM contact_attempts t WHERE t.account_id = a.id AND t.started_at >= now() - interval '15 days') AS attempts,
               (SELECT row_to_json(c) FROM (SELECT * FROM callbacks WHERE account_id = a.id AND status = 'pending'
                  ORDER BY due_at LIMIT 1) c) AS callback,
               (SELECT e.id FROM contact_attempts e WHERE e.collector_id = $2 AND e.idempotency_key = $3) AS existing
             FROM accounts a JOIN debtors d ON d.id = a.debtor_id
             LEFT JOIN users u ON u.id = a.assigned_collector_id LEFT JOIN teams tm ON tm.id = u.team_id
             WHERE a.id = $1`,
      values: [p.account_id, p.collector_id, key],
    });
    await client.query({
      name: 'outcome-write',
      text: `WITH attempt AS (
               INSERT INTO contact_attempts (id, account_id, debtor_id, collector_id, channel, direction, party_reached,
                 disposition, notes, objections, stage, started_at, idempotency_key, idempotency_fingerprint)
               VALUES ($1, $2, $3, $4, 'letter', 'inbound', 'debtor', 'right_party_contact', 'bench-hand', '{}', 'm1', now(), $5, $6)
             ), lease AS (
               UPDATE accounts SET leased_by_id = NULL, lease_expires_at = NULL, updated_at = now()
               WHERE id = $2 AND leased_by_id = $4
             )
             INSERT INTO audit_events (at, actor_id, action, entity_type, entity_id, request_id, data)
             VALUES (now(), $4, 'contact_attempt.recorded', 'account', $2::text, 'bench',
                     jsonb_build_object('attemptId', $1::uuid, 'disposition', 'right_party_contact', 'channel', 'letter'))`,
      values: [randomUUID(), p.account_id, p.debtor_id, p.collector_id, key, 'f'.repeat(64)],
    });
    // The customer's worklist rows marked stale and their job added, in the transaction (ADR 053).
    await client.query({
      name: 'outcome-worklist-mark',
      text: `WITH locked AS (
               SELECT collector_id, account_id FROM worklist WHERE debtor_id = $1
               ORDER BY collector_id, account_id FOR UPDATE),
             marked AS (
               UPDATE worklist w SET stale_mark = pg_current_xact_id()::text::bigint
               FROM locked l WHERE w.collector_id = l.collector_id AND w.account_id = l.account_id
               RETURNING 1)
             SELECT graphile_worker.add_job(identifier => 'worklist.customers', payload => $2::json,
                                            job_key => $3::text)::text
             WHERE EXISTS (SELECT 1 FROM marked)`,
      values: [p.debtor_id, JSON.stringify({ debtorIds: [p.debtor_id] }), `worklist.customers:${p.debtor_id}`],
    });
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

const db = await openBenchDatabase(ACCOUNTS);
const pool = db.pool;
let server: ChildProcess | undefined;
const extraServers: ChildProcess[] = [];
try {
  // Leases left by an earlier run would skew the first scenario.
  await pool.query('UPDATE accounts SET leased_by_id = NULL, lease_expires_at = NULL WHERE leased_by_id IS NOT NULL');
  server = await startServer(db, PORT, serverEnv, nodeArgs);

  const { rows: collectorRows } = await pool.query<{ username: string }>(
    "SELECT username FROM users WHERE role = 'collector' AND active ORDER BY username LIMIT 40",
  );
  const sessions: Awaited<ReturnType<typeof login>>[] = [];
  for (const c of collectorRows) sessions.push(await login(BASE, c.username));
  const { rows: counts } = await pool.query<{ accounts: string; attempts: string }>(
    'SELECT (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM contact_attempts) AS attempts',
  );
  console.log(
    `\nPortfolio: ${Number(counts[0]!.accounts).toLocaleString('en')} accounts, ${Number(counts[0]!.attempts).toLocaleString('en')} contact attempts; ` +
      `${sessions.length} collectors; ${CONCURRENCY} concurrent clients; ${SECONDS} s per run; Node ${process.versions.node}; ` +
      `API_PROCESSES=${PROCESSES}${PROFILE_DIR ? ' (profiled)' : ''}\n`,
  );

  // One assigned account per request, cycling through each collector's own accounts.
  const { rows: pairs } = await pool.query<{ collector_id: string; account_id: string; debtor_id: string }>(
    `SELECT a.assigned_collector_id AS collector_id, a.id AS account_id, a.debtor_id FROM accounts a
      WHERE a.assigned_collector_id = ANY($1::uuid[]) ORDER BY a.id LIMIT 5000`,
    [sessions.map((s) => s.id)],
  );
  const byCollector = new Map(sessions.map((s) => [s.id, s]));
  const pick = (i: number) => {
    const p = pairs[i % pairs.length]!;
    return { ...p, session: byCollector.get(p.collector_id)! };
  };

  if (INSTANCES > 1) {
    await compareInstances(sessions, pick);
  } else await singleInstance();

  /**
   * The same closed loops against one server process and against INSTANCES of them (clients
   * round-robin, as a load balancer would spread them), printed side by side.
   */
  async function compareInstances(all: typeof sessions, pickPair: typeof pick) {
    for (let i = 1; i < INSTANCES; i++) extraServers.push(await startServer(db, PORT + i, serverEnv, nodeArgs));
    const bases = Array.from({ length: INSTANCES }, (_, i) => `http://127.0.0.1:${PORT + i}`);
    const next = async (base: string, s: (typeof all)[number]) => {
      const res = await fetch(`${base}/api/queue/next`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      });
      await res.arrayBuffer();
      return res.status === 200 || res.status === 204;
    };
    const scenarios: [string, (base: string, w: number, i: number) => Promise<boolean>][] = [
      ['POST /api/queue/next', (base, w, i) => next(base, all[(w + i * CONCURRENCY) % all.length]!)],
      [
        'GET /api/accounts/:id/case-file',
        async (base, w, i) => {
          const p = pickPair(w * 7919 + i);
          const res = await fetch(`${base}/api/accounts/${p.account_id}/case-file`, {
            headers: { cookie: p.session.cookie },
          });
          await res.arrayBuffer();
          return res.ok;
        },
      ],
      [
        'POST /api/accounts/:id/contacts',
        async (base, w, i) => {
          const p = pickPair(w * 104_729 + i);
          const res = await postContact(base, p);
          await res.arrayBuffer();
          return res.status === 201;
        },
      ],
    ];
    // Build every collector's worklist before measuring (the first "next" of a collector builds it).
    for (const base of bases) for (const s of all) await next(base, s);
    console.log(
      `${'req/s'.padEnd(32)} ${'1 process'.padStart(10)} ${`${INSTANCES} processes`.padStart(12)}   p95 ms (1 / ${INSTANCES})`,
    );
    for (const [name, task] of scenarios) {
      await pool.query(
        'UPDATE accounts SET leased_by_id = NULL, lease_expires_at = NULL WHERE leased_by_id IS NOT NULL',
      );
      const one = await closedLoop((w, i) => task(bases[0]!, w, i));
      const many = await closedLoop((w, i) => task(bases[w % INSTANCES]!, w, i));
      console.log(
        `${name.padEnd(32)} ${one.perSecond.toFixed(1).padStart(10)} ${many.perSecond.toFixed(1).padStart(12)}   ${fmt(one.p95)} / ${fmt(many.p95).trim()}` +
          `   (${one.errors + many.errors} failed)`,
      );
    }
    await pool.query('UPDATE accounts SET leased_by_id = NULL, lease_expires_at = NULL WHERE leased_by_id IS NOT NULL');
    await pool.query("DELETE FROM contact_attempts WHERE notes = 'bench'");
  }

  async function singleInstance() {
    if (want('next')) {
      // ---- POST /api/queue/next
      // The data a queue is computed from (candidates, contact points, flags, recent attempts,
      // promises) and the lease UPDATE, as plain SQL.
      const queueSql = async (collectorId: string) => {
        const client = await pool.connect();
        try {
          const { rows: candidates } = await client.query<{ id: string; debtor_id: string }>(
            `SELECT a.id, a.debtor_id, a.balance_minor, a.overdue_minor, a.oldest_unpaid_due_date, d.full_name, d.time_zone
           FROM accounts a JOIN debtors d ON d.id = a.debtor_id
          WHERE a.status = 'open' AND (a.assigned_collector_id = $1 OR a.assigned_collector_id IS NULL)
            AND (a.leased_by_id IS NULL OR a.leased_by_id = $1 OR a.lease_expires_at < now())`,
            [collectorId],
          );
          const ids = candidates.map((c) => c.id);
          const debtors = candidates.map((c) => c.debtor_id);
          await client.query('SELECT * FROM contact_points WHERE debtor_id = ANY($1::uuid[])', [debtors]);
          await client.query(
            'SELECT * FROM stop_flags WHERE cleared_at IS NULL AND (account_id = ANY($1::uuid[]) OR debtor_id = ANY($2::uuid[]))',
            [ids, debtors],
          );
          await client.query(
            "SELECT * FROM contact_attempts WHERE account_id = ANY($1::uuid[]) AND started_at > now() - interval '9 days'",
            [ids],
          );
          await client.query(
            "SELECT * FROM promises WHERE account_id = ANY($1::uuid[]) AND (status = 'pending' OR (status = 'broken' AND status_changed_at > now() - interval '3 days'))",
            [ids],
          );
          await client.query(leaseSql, [collectorId, ids.slice(0, 200)]);
          return true;
        } finally {
          client.release();
        }
      };
      const leaseSql = `UPDATE accounts SET leased_by_id = $1, lease_expires_at = now() + interval '15 minutes'
    WHERE id = (SELECT id FROM accounts WHERE id = ANY($2::uuid[]) AND (leased_by_id IS NULL OR lease_expires_at < now())
                ORDER BY array_position($2::uuid[], id) LIMIT 1 FOR UPDATE SKIP LOCKED)`;
      // "Next"'s claim as the API sends it (worklist.repository.ts leaseTop), minus the facts.
      const claimSql = `
        WITH pick AS MATERIALIZED (
          SELECT a.id, a.debtor_id, w.reasons FROM worklist w JOIN accounts a ON a.id = w.account_id
          WHERE w.collector_id = $1::uuid AND w.stale_mark IS NULL
            AND w.callable_from <= now() AND (w.callable_until IS NULL OR now() < w.callable_until)
            AND a.status = 'open'
            AND (a.assigned_collector_id = $1::uuid OR a.assigned_collector_id IS NULL
                 OR EXISTS (SELECT 1 FROM users pu WHERE pu.id = a.assigned_collector_id AND NOT pu.active))
            AND (a.leased_by_id IS NULL OR a.leased_by_id = $1::uuid OR a.lease_expires_at < now())
            AND NOT EXISTS (SELECT 1 FROM reservation_releases r
                            WHERE r.account_id = a.id AND r.collector_id = $1::uuid AND r.hidden_until > now())
          ORDER BY w.priority DESC, w.account_id LIMIT 1
          FOR UPDATE OF a SKIP LOCKED),
        leased AS (
          UPDATE accounts a
          SET leased_by_id = CASE WHEN a.id IN (SELECT id FROM pick) THEN $1::uuid END,
              lease_expires_at = CASE WHEN a.id IN (SELECT id FROM pick) THEN now() + interval '15 minutes' END
          WHERE a.id IN (SELECT id FROM pick) OR a.leased_by_id = $1::uuid
          RETURNING a.id, a.lease_expires_at)
        SELECT leased.id, pick.debtor_id, leased.lease_expires_at, pick.reasons FROM leased JOIN pick ON pick.id = leased.id`;
      const nextCall = async (s: (typeof sessions)[number]) => {
        const res = await fetch(`${BASE}/api/queue/next`, {
          method: 'POST',
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        });
        await res.arrayBuffer();
        return res.status === 200 || res.status === 204;
      };
      // Cold: the first call of each collector computes their queue (one client at a time).
      const coldLatencies: number[] = [];
      const coldStarted = performance.now();
      for (const s of sessions.slice(0, 12)) {
        const t0 = performance.now();
        if (await nextCall(s)) coldLatencies.push(performance.now() - t0);
      }
      const coldApi = summarise(coldLatencies, 12 - coldLatencies.length, performance.now() - coldStarted);
      const coldSqlLatencies: number[] = [];
      const coldSqlStarted = performance.now();
      for (const s of sessions.slice(12, 24)) {
        const t0 = performance.now();
        await queueSql(s.id);
        coldSqlLatencies.push(performance.now() - t0);
      }
      report(
        'POST /api/queue/next (cold)',
        coldApi,
        summarise(coldSqlLatencies, 0, performance.now() - coldSqlStarted),
      );
      // Warm: the queue snapshot exists; the call leases the next free account.
      for (const s of sessions.slice(12)) await nextCall(s);
      const nextApi = await closedLoop(async (w, i) => nextCall(sessions[(w + i * CONCURRENCY) % sessions.length]!));
      await pool.query(
        'UPDATE accounts SET leased_by_id = NULL, lease_expires_at = NULL WHERE leased_by_id IS NOT NULL',
      );
      // The twin: the claim statement alone (worklist.leaseTop without the gate facts it brings back),
      // prepared, on the same worklists, with the same concurrency (ADR 049).
      const nextSql = await closedLoop(async (w, i) => {
        const s = sessions[(w + i * CONCURRENCY) % sessions.length]!;
        await pool.query({ name: 'bench-next-claim', text: claimSql, values: [s.id] });
        return true;
      });
      report('POST /api/queue/next (warm)', nextApi, nextSql);
      await pool.query(
        'UPDATE accounts SET leased_by_id = NULL, lease_expires_at = NULL WHERE leased_by_id IS NOT NULL',
      );
    }
    if (want('case-file')) {
      // ---- GET /api/accounts/:id/case-file
      const caseApi = await closedLoop(async (w, i) => {
        const p = pick(w * 7919 + i);
        const res = await fetch(`${BASE}/api/accounts/${p.account_id}/case-file`, {
          headers: { cookie: p.session.cookie },
        });
        await res.arrayBuffer();
        return res.ok;
      });
      // Its hand-written single-query twin (ADR 047): the same reads and the audit row, one statement.
      const caseSql = await closedLoop(async (w, i) => {
        const p = pick(w * 7919 + i);
        return caseFileTwin(pool, p.account_id, p.collector_id);
      });
      report('GET /api/accounts/:id/case-file', caseApi, caseSql, 'twin');
    }
    if (want('contacts')) {
      // ---- POST /api/accounts/:id/contacts (inbound calls: always allowed by the gate, so every request writes)
      const contactApi = await closedLoop(async (w, i) => {
        const p = pick(w * 104_729 + i);
        const res = await postContact(BASE, p);
        await res.arrayBuffer();
        return res.status === 201;
      });
      const contactSql = await closedLoop(async (w, i) => {
        const p = pick(w * 104_729 + i);
        await recordOutcomeSql(pool, p, 'letter', 'bench-sql');
        return true;
      });
      report('POST /api/accounts/:id/contacts', contactApi, contactSql);
      // The API's transaction (lock; facts; write) written by hand: pg, prepared statements (ADR 048).
      const contactHand = await closedLoop(async (w, i) => {
        const p = pick(w * 104_729 + i);
        await recordOutcomeByHand(p);
        return true;
      });
      report('  same transaction by hand', contactApi, contactHand);
      // Leave the benchmark database as it was, except the audit trail: it is append-only even for
      // its owner (ADR 011), so each run's audit rows stay, as they would in production.
      await pool.query("DELETE FROM contact_attempts WHERE notes IN ('bench', 'bench-sql', 'bench-hand')");
    }
  }
} finally {
  for (const extra of extraServers) await stopServer(extra);
  await stopServer(server);
  await pool.end();
  await db.stop();
}
// The profiles are written as the server processes exit (stopped above).
if (PROFILE_DIR) printProfileSummary(PROFILE_DIR);
