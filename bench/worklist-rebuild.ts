// Worklist rebuild benchmark (ADR 041, 049): `pnpm bench:worklist-rebuild [--books 12] [--profile]`
//
// What one collector's whole worklist costs to compute and store, on the 200,000-account benchmark
// database (`bench:workstation`'s, reused). The built server runs with WORKLIST_MAX_AGE_SECONDS=0, so
// each `GET /api/queue` computes the caller's worklist again (then reads it); one client at a time.
// With --profile the server runs under node's own --cpu-prof and the script prints
// where its JavaScript time went (self time by function, and by file), from the profile written at exit.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { login, openBenchDatabase, startServer, stopServer } from './lib.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '200000' },
    books: { type: 'string', default: '12' },
    rounds: { type: 'string', default: '2' },
    port: { type: 'string', default: '3470' },
    profile: { type: 'boolean', default: false },
  },
});
const BOOKS = Number(values.books);
const ROUNDS = Number(values.rounds);
const PORT = Number(values.port);
const BASE = `http://127.0.0.1:${PORT}`;

const db = await openBenchDatabase(Number(values.accounts));
const profileDir = values.profile ? mkdtempSync(path.join(tmpdir(), 'worklist-prof-')) : null;
let server: ChildProcess | undefined;
try {
  server = await startServer(
    db,
    PORT,
    { WORKLIST_MAX_AGE_SECONDS: '0' },
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  const { rows } = await db.pool.query<{ username: string; id: string }>(
    "SELECT username, id FROM users WHERE role = 'collector' AND active ORDER BY username LIMIT $1",
    [BOOKS],
  );
  const sessions = [];
  for (const r of rows) sessions.push({ ...(await login(BASE, r.username)), id: r.id });
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of sessions) {
      const t0 = performance.now();
      const res = await fetch(`${BASE}/api/queue`, { headers: { cookie: s.cookie } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET /api/queue: ${res.status}`);
      if (round > 0) times.push(performance.now() - t0); // the first round warms the server up
    }
  }
  const { rows: sizes } = await db.pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM worklist WHERE collector_id = ANY($1::uuid[]) GROUP BY collector_id',
    [sessions.map((s) => s.id)],
  );
  const book = sizes.reduce((sum, r) => sum + Number(r.n), 0) / Math.max(1, sizes.length);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(
    `\n${sessions.length} books of ${Math.round(book).toLocaleString('en')} rows on average, ${ROUNDS - 1} timed round(s):` +
      ` rebuild + read p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, mean ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(0)} ms`,
  );
} finally {
  await stopServer(server);
  await db.pool.end();
  await db.stop();
}

if (profileDir) {
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile in ${profileDir}`);
  summariseProfile(path.join(profileDir, file));
}

/** Self time by function and by file from a V8 CPU profile, the top ones printed. */
function summariseProfile(file: string) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const f = byId.get(id)!.callFrame;
    total += us;
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    const where = f.url.replace(/^file:\/\//, '').replace(/.*node_modules\/\.pnpm\/([^/]+)\/.*/, '$1');
    const short = where.replace(/.*\/(apps|packages|prisma)\//, '$1/');
    const key = `${f.functionName || '(anonymous)'}  ${short}:${f.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byFile.set(short || '(native)', (byFile.get(short || '(native)') ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms ${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}`,
      )
      .join('\n');
  console.log(`\nProfile ${file}: ${(total / 1000).toFixed(0)} ms sampled\nSelf time by file:\n${top(byFile, 15)}`);
  console.log(`Self time by function:\n${top(byFunction, 25)}`);
}
