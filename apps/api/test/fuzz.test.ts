// Property-based fuzz suite: the real server (src/main.ts in its own process, on a real
// PostgreSQL, connected as the app's least-privileged role like in production) is asked, for every operation in its own /api/openapi.json and as every kind of
// caller, valid and hostile requests generated from the document by fast-check. Every answer
// must hold: no 5xx, the process alive, a 4xx in the one error shape (a 400 naming the field at
// fault), the status and body as documented, invalid input refused.
//
//   FUZZ_RUNS   requests to send (default 6000; at least 5000 in CI)
//   FUZZ_SEED   seed (default 20261201, so CI is repeatable; `random` draws one); printed
//   FUZZ_REPORT where to write the full JSON report (default: the OS temp folder)
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CSRF_COOKIE, SESSION_COOKIE } from '@crm/contracts';
import { createPrismaClient, type Db } from '@crm/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiWorld, worldIds, type ApiWorld } from './api-world.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { createFactories, TEST_PASSWORD, TEST_SCRYPT_LOG2_N } from './factories.js';
import { OperationChecks, createAjv, type Answer, type Violation } from './fuzz/check.js';
import { requestsFor, show, type FuzzRequest } from './fuzz/generators.js';
import { startServer, type RunningServer } from './fuzz/server.js';
import { operationsOf, type OpenApiDocument, type Operation } from './openapi-model.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 6000);
const SEED =
  process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 20261201);
const MAX_RESTARTS = 5;
/**
 * Sign-in limits and the password hash cost have their own tests; here they would only slow the
 * suite down (a production-cost hash per sign-in) or lock its own users out after a restart.
 */
const SERVER_ENV = {
  NODE_ENV: 'test',
  PASSWORD_SCRYPT_LOG2_N: String(TEST_SCRYPT_LOG2_N),
  LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '100000',
};

type Role = 'anonymous' | 'collector' | 'otherTeamCollector' | 'supervisor' | 'admin' | 'service';
const ROLES: Role[] = ['anonymous', 'collector', 'otherTeamCollector', 'supervisor', 'admin', 'service'];

interface Finding extends Violation {
  role: Role;
  operation: string;
  request: FuzzRequest;
  status: number | null;
  response: string;
  serverSays: string[];
}

/** A stable small integer from strings, to give every (operation, role) its own stream. */
function hash(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const ch of parts.join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

describe('fuzz: the API holds under generated input, for every operation and caller', () => {
  let database: TestDatabase;
  let db: Db;
  let world: ApiWorld;
  let server: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { max: 2 });
    world = await createApiWorld(db, createFactories(db), new Date());
    server = await startServer(database.appUrl, { ...SERVER_ENV, MIGRATION_DATABASE_URL: database.url });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await db?.$disconnect();
    await database?.drop();
  }, 60_000);

  it(`sends ${RUNS} generated requests (seed ${SEED}) and every answer is as documented`, async () => {
    const usernames: Record<Exclude<Role, 'anonymous'>, string> = {
      collector: world.users.collectorA.username,
      otherTeamCollector: world.users.collectorB.username,
      supervisor: world.users.supervisorA.username,
      admin: world.users.admin.username,
      service: world.users.service.username,
    };
    const sessions = new Map<Role, { cookie: string; csrf: string }>();
    const signIn = async (role: Exclude<Role, 'anonymous'>) => {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: usernames[role], password: TEST_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-in as ${role}: ${res.status} ${await res.text()}`);
      const cookies = Object.fromEntries(
        res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]),
      );
      return {
        cookie: `${SESSION_COOKIE}=${cookies[SESSION_COOKIE]}; ${CSRF_COOKIE}=${cookies[CSRF_COOKIE]}`,
        csrf: cookies[CSRF_COOKIE]!,
      };
    };
    const signInAll = async () => {
      for (const role of ROLES) if (role !== 'anonymous') sessions.set(role, await signIn(role));
    };
    await signInAll();

    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;
    const ops = operationsOf(doc);
    const ajv = createAjv();
    const checks = new Map(ops.map((op) => [op, new OperationChecks(op, ajv)]));

    let sent = 0;
    let serverErrors = 0;
    let restarts = 0;
    const findings: Finding[] = [];
    const statuses = new Map<number, number>();
    const timePerOperation = new Map<string, number>();

    let lastFailure = '';
    async function send(req: FuzzRequest, role: Role): Promise<Answer | null> {
      const headers: Record<string, string> = { ...req.headers };
      let session = role === 'anonymous' ? undefined : sessions.get(role);
      // Signing out ends the session it is sent with: it gets one of its own.
      if (session && req.method === 'POST' && req.url.startsWith('/api/auth/logout'))
        session = await signIn(role as Exclude<Role, 'anonymous'>);
      if (session) {
        headers.cookie = session.cookie;
        headers['x-csrf-token'] = session.csrf;
      }
      sent += 1;
      try {
        const res = await fetch(`${server.url}${req.url}`, {
          method: req.method,
          headers,
          ...(req.body !== undefined && req.method !== 'GET' ? { body: req.body } : {}),
          redirect: 'manual',
          signal: AbortSignal.timeout(60_000),
        });
        const answer = { status: res.status, headers: res.headers, text: await res.text() };
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500) serverErrors += 1;
        return answer;
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        lastFailure = `${(err as Error).name}: ${(err as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`;
        return null;
      }
    }

    // Forged references: another team's account and team, unknown ids. No user of the suite's own
    // sessions: an admin request would reset or deactivate them, as it should.
    const foreignIds = [
      world.accountB.id,
      world.teamB.id,
      world.contactA.id,
      '00000000-0000-0000-0000-000000000000',
      'c0ffee00-0000-4000-8000-00000000beef',
    ];
    /** The process died (or stopped answering): record it with the request, start it again, sign in again. */
    async function died(detail: string, role: Role, op: Operation, req: FuzzRequest, status: number | null) {
      const lastLines = server
        .tail()
        .split('\n')
        .filter((l) => /Error\b|message:/.test(l) && !/^\s+at /.test(l))
        .slice(0, 4)
        .join(' / ');
      findings.push({
        kind: 'process_died',
        detail,
        role,
        operation: `${op.method} ${op.path}`,
        request: req,
        status,
        response: server.tail().slice(-1500),
        serverSays: [lastLines.slice(0, 600)],
      });
      if (++restarts > MAX_RESTARTS) throw new Error(`the server died ${restarts} times; stopping.\n${report()}`);
      await server.stop();
      server = await startServer(database.appUrl, { ...SERVER_ENV, MIGRATION_DATABASE_URL: database.url });
      await signInAll();
    }

    // One probe per (operation, caller) tells where inputs reach the route at all; callers turned
    // away at the door (401/403) get fewer requests there, the budget goes where input is read.
    const weights = new Map<string, number>();
    for (const op of ops) {
      const ctxIds = worldIds(world, op.path);
      const check = checks.get(op)!;
      const [probe] = fc.sample(requestsFor(op, { ids: ctxIds, foreignIds, bodyErrors: (b) => check.bodyErrors(b) }), {
        seed: hash(SEED, op.method, op.path, 'probe'),
        numRuns: 1,
      });
      for (const role of ROLES) {
        const answer = await send({ ...probe!, note: 'probe' }, role);
        const reached = answer !== null && answer.status !== 401 && answer.status !== 403;
        // Password hashing (sign-in, sign-out's fresh session, resets) and whole-file imports are slow: fewer of them.
        const cost =
          op.path === '/api/auth/login' ||
          op.path.endsWith('/password') ||
          op.path === '/api/auth/logout' ||
          op.path.startsWith('/api/imports/')
            ? 0.3
            : 1;
        weights.set(`${op.method} ${op.path} ${role}`, (reached ? 1 : 0.12) * cost);
      }
    }
    const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0);
    const budget = Math.max(0, RUNS - sent);

    for (const op of ops) {
      const check = checks.get(op)!;
      const ctx = { ids: worldIds(world, op.path), foreignIds, bodyErrors: (b: unknown) => check.bodyErrors(b) };
      for (const role of ROLES) {
        const n = Math.max(2, Math.round((budget * weights.get(`${op.method} ${op.path} ${role}`)!) / totalWeight));
        const requests = fc.sample(requestsFor(op, ctx), { seed: hash(SEED, op.method, op.path, role), numRuns: n });
        const batch: FuzzRequest[] = [];
        const batchStarted = Date.now();
        for (const req of requests) {
          batch.push(req);
          const answer = await send(req, role);
          // A crash can come a moment after the connection dropped: look again before blaming anything else.
          if (!answer) await new Promise((resolve) => setTimeout(resolve, 500));
          if (!server.alive()) {
            await died(
              `process ${server.exitInfo()} while answering this request`,
              role,
              op,
              req,
              answer?.status ?? null,
            );
            continue;
          }
          const found: Violation[] = answer
            ? check.check(req, answer)
            : [{ kind: 'no_response', detail: `no answer: ${lastFailure}` }];
          for (const v of found) {
            const requestId = answer?.headers.get('x-request-id') ?? '';
            const logs = server;
            findings.push({
              ...v,
              role,
              operation: `${op.method} ${op.path}`,
              request: req,
              status: answer?.status ?? null,
              response: answer?.text.slice(0, 400) ?? '',
              // Read when reporting: the server's log line can arrive just after its answer.
              get serverSays() {
                return logs
                  .errorsFor(requestId)
                  .map((e) =>
                    [e.msg, e.err?.type, e.err?.code, e.err?.message?.split('\n').slice(-2).join(' ')]
                      .filter(Boolean)
                      .join(': ')
                      .slice(0, 300),
                  );
              },
            });
          }
        }
        timePerOperation.set(
          `${op.method} ${op.path}`,
          (timePerOperation.get(`${op.method} ${op.path}`) ?? 0) + Date.now() - batchStarted,
        );
        // The process must still be alive and serving after every batch.
        const health = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(10_000) })
          .then((r) => r.status)
          .catch(() => null);
        if (health !== 200 || !server.alive()) {
          await died(
            `process ${server.exitInfo() ?? 'not answering /api/health'} after this batch; last requests: ${batch
              .slice(-3)
              .map((r) => `${r.method} ${r.url} (${r.note})`)
              .join(' | ')}`,
            role,
            op,
            batch[batch.length - 1]!,
            health,
          );
        } else if (role !== 'anonymous') {
          const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: sessions.get(role)!.cookie } });
          if (me.status !== 200) sessions.set(role, await signIn(role)); // an admin request may end a session on purpose (role change)
        }
      }
    }

    function report(): string {
      const groups = new Map<string, Finding[]>();
      for (const f of findings) {
        const cause =
          f.kind === 'server_error'
            ? (f.serverSays[0] ?? f.response.slice(0, 80))
                .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>')
                .replace(/\d+/g, 'N')
            : f.detail.replace(/\d+ bytes/, 'N bytes').replace(/"[^"]*"/g, '"…"');
        const key = `${f.kind} | ${f.operation} | ${f.status} | ${cause.slice(0, 120)}`;
        groups.set(key, [...(groups.get(key) ?? []), f]);
      }
      const lines = [
        `fuzz: seed ${SEED}, ${sent} requests, ${serverErrors} answered 5xx, ${findings.length} violations in ${groups.size} groups, ${restarts} restarts`,
      ];
      lines.push(
        `statuses: ${[...statuses.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([s, c]) => `${s}x${c}`)
          .join(' ')}`,
      );
      const byKind = new Map<string, number>();
      for (const f of findings) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
      lines.push(`by kind: ${[...byKind.entries()].map(([k, c]) => `${k} ${c}`).join(', ') || 'none'}`);
      for (const [key, list] of [...groups.entries()].sort((a, b) => b[1].length - a[1].length)) {
        const f = list[0]!;
        const body =
          f.request.body === undefined
            ? ''
            : typeof f.request.body === 'string'
              ? f.request.body
              : `<${f.request.body.length} bytes> ${Buffer.from(f.request.body).toString('utf8')}`;
        lines.push(
          '',
          `[${list.length}x] ${key}`,
          `  as ${f.role}: ${f.request.method} ${f.request.url.length > 300 ? `${f.request.url.slice(0, 300)}...` : f.request.url}  (${f.request.note})`,
          ...(f.request.headers['content-type'] ? [`  content-type: ${f.request.headers['content-type']}`] : []),
          ...(body ? [`  body: ${show(body)}`] : []),
          `  -> ${f.status ?? 'no answer'} ${f.detail}`,
          `  response: ${f.response.slice(0, 300)}`,
          ...(f.serverSays.length ? [`  server log: ${f.serverSays.join(' / ')}`] : []),
        );
      }
      return lines.join('\n');
    }

    const slowest = [...timePerOperation.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([op, ms]) => `${op} ${(ms / 1000).toFixed(1)} s`);
    const text = `${report()}\nslowest operations: ${slowest.join(', ')}`;
    const file = process.env.FUZZ_REPORT ?? path.join(os.tmpdir(), `crm-fuzz-${SEED}.json`);
    const clip = (body: FuzzRequest['body']) =>
      body === undefined
        ? undefined
        : (typeof body === 'string' ? body : Buffer.from(body).toString('utf8')).slice(0, 2000);
    const recorded = findings.map((f) => ({
      ...f,
      request: { ...f.request, url: f.request.url.slice(0, 2000), body: clip(f.request.body) },
    }));
    writeFileSync(
      file,
      JSON.stringify(
        { seed: SEED, sent, serverErrors, statuses: Object.fromEntries(statuses), slowest, findings: recorded },
        null,
        1,
      ),
    );
    console.log(
      `${text}\n\nfull report: ${file}\nreplay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} pnpm exec vitest run apps/api/test/fuzz.test.ts`,
    );

    expect(sent).toBeGreaterThanOrEqual(Math.min(RUNS, 5000));
    if (findings.length)
      throw new Error(
        `${findings.length} violations (seed ${SEED}); see the report above.\n${text.split('\n').slice(0, 60).join('\n')}`,
      );
  }, 1_500_000);
});
