import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { CSRF_COOKIE, SESSION_COOKIE } from '@crm/contracts';
import { createPrismaClient, type Db } from '@crm/db';
import { repoRoot } from '@crm/db/paths';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';
import { createFactories, TEST_PASSWORD, TEST_SCRYPT_LOG2_N } from './factories.js';

// Issue 15, "What must be shown" (ADR 043): two API processes and one job worker, as real processes
// (the built apps/api/dist/main.js and worker.js) on ONE database, reached over real HTTP. Nothing
// that must agree may live in one process: leases, messages, the sign-in limit, policies, sessions.

const COLLECTORS = 16;
const ACCOUNTS = 48;
const NEXT_CALLS = 64; // 4 per collector, alternating between the two instances, all at once
const PROMISES = 8;
const REMINDER_JOBS = 12;
const LOGIN_LIMIT = 6;
const MINUTE = 60_000;

/**
 * A zone where it is now between 11:00 and 18:00, so the accounts are callable (8:00-21:00) and
 * reminders due tomorrow are due now (10:00 the day before) whenever the test runs. The zones
 * are at most 7 hours apart around the clock.
 */
function daytimeZone(now: Date): string {
  const zones = [
    'Pacific/Honolulu',
    'America/New_York',
    'Europe/London',
    'Asia/Dubai',
    'Asia/Shanghai',
    'Pacific/Auckland',
  ];
  const hour = (zone: string) =>
    Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: zone }).format(now));
  const zone = zones.find((z) => hour(z) >= 11 && hour(z) < 18);
  if (!zone) throw new Error('no daytime zone in the list');
  return zone;
}
/** The calendar date in `zone`, `days` from now, as midnight UTC (a date column). */
function localDay(zone: string, days: number): Date {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000);
}

interface Proc {
  name: string;
  child: ChildProcess;
  output: string;
}

describe('two API processes and a worker on one database', () => {
  let database: TestDatabase;
  let db: Db;
  const procs: Proc[] = [];
  let A = '',
    B = '';
  const zone = daytimeZone(new Date());
  const collectors: { id: string; username: string }[] = [];
  const accountIds: string[] = [];
  let adminName = '';

  function start(name: string, script: string, env: Record<string, string>, ready: RegExp): Promise<Proc> {
    const { DATABASE_URL: _a, MIGRATION_DATABASE_URL: _b, DATABASE_READ_URL: _c, ...inherited } = process.env;
    const child = spawn(process.execPath, [path.join(repoRoot(), 'apps/api/dist', script)], {
      cwd: repoRoot(),
      env: {
        ...inherited,
        NODE_ENV: 'test',
        DATABASE_URL: database.appUrl,
        MIGRATION_DATABASE_URL: database.url,
        PASSWORD_SCRYPT_LOG2_N: String(TEST_SCRYPT_LOG2_N),
        LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT),
        LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '10000',
        WEB_DIST: '/nonexistent',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc: Proc = { name, child, output: '' };
    procs.push(proc);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s:\n${proc.output}`)), 60_000);
      const check = () => {
        if (!ready.test(proc.output)) return;
        clearTimeout(timer);
        resolve(proc);
      };
      child.stdout!.on('data', (d) => ((proc.output += d), check()));
      child.stderr!.on('data', (d) => (proc.output += d));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with ${code} during start:\n${proc.output}`));
      });
    });
  }
  const baseOf = (p: Proc) => /running at (http:\/\/\S+)/.exec(p.output)![1]!.replace('localhost', '127.0.0.1');

  const signIn = (base: string, username: string, password = TEST_PASSWORD) =>
    fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  /** Signs in on one instance; the session's requests may then go to either (`base` per call). */
  async function login(base: string, username: string) {
    const res = await signIn(base, username);
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const cookies = Object.fromEntries(
      res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]),
    );
    const cookie = `${SESSION_COOKIE}=${cookies[SESSION_COOKIE]}; ${CSRF_COOKIE}=${cookies[CSRF_COOKIE]}`;
    const csrf = cookies[CSRF_COOKIE]!;
    const session = async (base: string, method: string, url: string, body?: unknown) => {
      const r = await fetch(`${base}${url}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    };
    /** The session's headers, for requests that are not JSON (a CSV upload, a download). */
    const headers = (contentType?: string): Record<string, string> => ({
      cookie,
      'x-csrf-token': csrf,
      ...(contentType ? { 'content-type': contentType } : {}),
    });
    return Object.assign(session, { headers });
  }

  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['scripts/build-if-stale.mjs', '--api-only'], {
      cwd: repoRoot(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (built.status !== 0) throw new Error(`build failed:\n${built.stdout}\n${built.stderr}`);

    database = await createTestDatabase();
    db = createPrismaClient(database.url, { max: 4 });
    const f = createFactories(db);
    const supervisor = await f.user('supervisor', { username: 'inst-sup' });
    const team = await f.team('Instances', supervisor.id);
    for (let i = 0; i < COLLECTORS; i++)
      collectors.push(await f.user('collector', { username: `inst-c${i}`, teamId: team.id }));
    adminName = (await f.user('admin', { username: 'inst-admin' })).username;
    await f.user('collector', { username: 'inst-locked' });
    const creditor = await f.creditor('US');
    for (let i = 0; i < ACCOUNTS; i++) {
      const a = await f.account({
        creditorId: creditor.id,
        collectorId: collectors[i % COLLECTORS]!.id,
        timeZone: zone,
        oldestUnpaidDueDate: '2026-10-01',
      });
      await f.contactPoint(a.debtorId, { value: `+1 212-555-${String(1000 + i)}`, timeZones: [zone] });
      accountIds.push(a.id);
    }

    // Both API processes run jobs too (JOBS=in-process), so three runners race for every job.
    const [a, b] = await Promise.all([
      start('api-a', 'main.js', { JOBS: 'in-process' }, /running at http/),
      start('api-b', 'main.js', { JOBS: 'in-process' }, /running at http/),
      start('worker', 'worker.js', {}, /job worker running/),
    ]);
    A = baseOf(a!);
    B = baseOf(b!);
  }, 120_000);

  afterAll(async () => {
    // Every child is stopped, also when a start or a test failed; SIGKILL after 10 s.
    await Promise.all(
      procs.map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    await db?.$disconnect();
    await database?.drop();
  }, 30_000);

  it('a session opened on one instance is honoured by the other', async () => {
    const session = await login(A, collectors[0]!.username);
    expect((await session(B, 'GET', '/api/auth/me')).status).toBe(200);
    expect((await session(A, 'POST', '/api/auth/logout')).status).toBeLessThan(300);
    expect((await session(B, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it(`${NEXT_CALLS} concurrent "next" calls split across both: no account leased twice, one lease per collector`, async () => {
    const sessions = await Promise.all(collectors.map((c, i) => login(i % 2 ? B : A, c.username)));
    const calls = Array.from({ length: NEXT_CALLS }, (_, i) => ({
      collector: i % COLLECTORS,
      base: Math.floor(i / COLLECTORS) % 2 ? B : A,
    }));
    const answers = await Promise.all(
      calls.map(async ({ collector, base }) => ({
        collector,
        res: await sessions[collector]!(base, 'POST', '/api/queue/next'),
      })),
    );
    // 204 (nothing free at that instant: the collector's own other calls hold the rest) is an answer, not an error.
    expect(answers.map((a) => a.res.status).filter((s) => s !== 200 && s !== 204)).toEqual([]);
    // The end state: each collector holds one lease, no account is held by two.
    const held = await db.$queryRaw<{ leased_by_id: string; accounts: string[] }[]>`
      SELECT leased_by_id, array_agg(id) AS accounts FROM accounts
      WHERE leased_by_id IS NOT NULL AND lease_expires_at > now() GROUP BY leased_by_id`;
    expect(held.filter((h) => h.accounts.length !== 1)).toEqual([]);
    expect(held.map((h) => h.leased_by_id).sort()).toEqual(collectors.map((c) => c.id).sort());
    // Each collector's reservation, read on either instance, is an account "next" gave them.
    for (const [i, c] of collectors.entries()) {
      const mine = held.find((h) => h.leased_by_id === c.id)!.accounts[0];
      const given = answers.filter((a) => a.collector === i).map((a) => a.res.body.accountId);
      expect(given).toContain(mine);
      expect((await sessions[i]!(i % 2 ? A : B, 'GET', '/api/queue/reservation')).body.accountId).toBe(mine);
    }
  });

  it('reminder jobs racing on all three runners send each message once', async () => {
    const accounts = accountIds.slice(0, PROMISES);
    await db.paymentPromise.createMany({
      data: accounts.map((accountId) => ({
        accountId,
        amountMinor: 5_000n,
        currency: 'USD',
        dueDate: localDay(zone, 1),
        channel: 'card',
      })),
    });
    // Several runs at once (no queue name: they run in parallel), taken by the API processes and the worker.
    await db.$queryRawUnsafe(
      `SELECT graphile_worker.add_job('reminders.run', '{}'::json)::text FROM generate_series(1, ${REMINDER_JOBS})`,
    );
    const deadline = Date.now() + 30_000;
    let state = { jobs: -1, sent: 0 };
    while (Date.now() < deadline) {
      const [row] = await db.$queryRaw<{ jobs: number; sent: number }[]>`
        SELECT (SELECT count(*)::int FROM graphile_worker.jobs WHERE task_identifier = 'reminders.run' AND run_at <= now()) AS jobs,
               (SELECT count(*)::int FROM outbox_messages WHERE account_id = ANY(${accounts}::uuid[]) AND status = 'sent') AS sent`;
      state = row!;
      if (state.jobs === 0 && state.sent === PROMISES) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(state).toEqual({ jobs: 0, sent: PROMISES });
    const perPromise = await db.$queryRaw<{ promise_id: string; outbox: number; delivered: number }[]>`
      SELECT p.id AS promise_id, count(DISTINCT o.id)::int AS outbox, count(m.id)::int AS delivered
      FROM promises p
      LEFT JOIN outbox_messages o ON o.promise_id = p.id
      LEFT JOIN message_log m ON m.outbox_id = o.id
      WHERE p.account_id = ANY(${accounts}::uuid[])
      GROUP BY p.id`;
    expect(perPromise).toHaveLength(PROMISES);
    expect(perPromise.filter((p) => p.outbox !== 1 || p.delivered !== 1)).toEqual([]);
    const [dupes] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT outbox_id FROM message_log GROUP BY outbox_id HAVING count(*) > 1) d`;
    expect(dupes!.n).toBe(0);
  });

  it('the sign-in limit is shared: failures alternating between the instances hit it at the configured total', async () => {
    // Fixed one-minute windows: start well inside one, so all attempts count in the same window.
    const intoMinute = Date.now() % MINUTE;
    if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, MINUTE - intoMinute + 100));
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT; i++)
      statuses.push((await signIn(i % 2 ? B : A, 'inst-locked', 'wrong password')).status);
    expect(statuses).toEqual(Array(LOGIN_LIMIT).fill(401));
    // The next failure on either instance is refused, and so is the right password meanwhile.
    expect((await signIn(LOGIN_LIMIT % 2 ? B : A, 'inst-locked', 'wrong password')).status).toBe(429);
    expect((await signIn(LOGIN_LIMIT % 2 ? A : B, 'inst-locked')).status).toBe(429);
  });

  it('a policy saved on one instance is read and enforced by the other at once', async () => {
    const admin = await login(A, adminName);
    const collector = await login(B, collectors[1]!.username);
    const call = async (base: string, accountId: string) => {
      const a = await db.account.findUniqueOrThrow({
        where: { id: accountId },
        include: { debtor: { include: { contactPoints: true } } },
      });
      return collector(base, 'POST', `/api/accounts/${accountId}/contacts`, {
        channel: 'phone',
        direction: 'outbound',
        partyReached: 'nobody',
        disposition: 'no_answer',
        contactPointId: a.debtor.contactPoints[0]!.id,
      });
    };
    // Collector 1's own accounts (indexes 1, 17, 33) are callable now, on B.
    const before = await call(B, accountIds[17]!);
    expect(before.status, JSON.stringify(before.body)).toBe(201);

    const list = (await admin(B, 'GET', '/api/policies')).body.items;
    const us = list.find((p: { kind: string; key: string }) => p.kind === 'compliance_profile' && p.key === 'US');
    // A stricter window, 08:00-09:00 local: it is later than that where the customers live.
    const saved = await admin(A, 'PUT', '/api/policies/compliance_profile/US', {
      data: { ...us.data, callWindow: { start: '08:00', end: '09:00' } },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const seen = (await admin(B, 'GET', '/api/policies')).body.items.find(
      (p: { kind: string; key: string }) => p.kind === 'compliance_profile' && p.key === 'US',
    );
    expect(seen.data.callWindow).toEqual({ start: '08:00', end: '09:00' });
    expect(seen.version).toBeGreaterThan(us.version);
    const after = await call(B, accountIds[33]!);
    expect(after.status, JSON.stringify(after.body)).toBe(409);
  });

  it('an import uploaded to A runs as a job on any runner; B answers its progress, counts and problems', async () => {
    const admin = await login(A, adminName);
    const accounts = await db.account.findMany({ where: { id: { in: accountIds.slice(0, 2) } } });
    const csv = [
      'account_external_id,amount,currency,paid_at,channel,reference',
      `${accounts[0]!.externalId},1.00,USD,2026-11-19,card,INST-1`,
      `${accounts[1]!.externalId},2.00,USD,2026-11-19,card,INST-2`,
      'NOPE-1,3.00,USD,2026-11-19,card,INST-3',
    ].join('\n');
    const res = await fetch(`${A}/api/imports/payments?mode=valid&source=instances`, {
      method: 'POST',
      headers: admin.headers('text/csv'),
      body: csv,
    });
    expect(res.status, await res.clone().text()).toBe(202);
    const { id } = (await res.json()) as { id: string };
    // Read from the other instance until a runner (A, B or the worker) has finished it.
    await expect
      .poll(async () => (await admin(B, 'GET', `/api/imports/${id}`)).body.status, { timeout: 30_000, interval: 250 })
      .toBe('succeeded');
    const seen = (await admin(B, 'GET', `/api/imports/${id}`)).body;
    expect(seen).toMatchObject({
      kind: 'payments',
      attempts: 1,
      report: { totalRows: 3, errorCount: 1, writtenRows: 2 },
    });
    const problems = await fetch(`${B}/api/imports/${id}/problems`, { headers: admin.headers() });
    expect(problems.status).toBe(200);
    expect(await problems.text()).toContain('NOPE-1');
    expect(await db.payment.count({ where: { source: 'instances' } })).toBe(2);
  });
});
