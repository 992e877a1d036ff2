import { CSRF_COOKIE, SESSION_COOKIE } from '@crm/contracts';
import { createPrismaClient, type Db } from '@crm/db';
import type { EmbeddedServer } from '@crm/db/embedded';
import { migrateDeploy } from '@crm/db/migrate';
import { ensureReferenceData } from '@crm/db/seed';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { classifyDbError } from '../src/lib/db-errors.js';
import { loadEnv } from '../src/config/env.js';
import { killPostmaster, startDedicatedCluster } from './dedicated-cluster.js';
import { createFactories, TEST_PASSWORD } from './factories.js';

// PostgreSQL dies under a running API (its own cluster: the shared one must stay up). Every
// request that needs the database gets 503 with a retry hint in the one error shape, the
// process stays up, and the same requests succeed once the database is back.
describe('while PostgreSQL is down', () => {
  let server: EmbeddedServer;
  let remove: () => Promise<void>;
  let db: Db;
  let app: App;
  let accountId = '';
  let cookie = '';
  let csrf = '';
  const logged: Record<string, unknown>[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (err: unknown) => void unhandled.push(err);

  beforeAll(async () => {
    ({ server, remove } = await startDedicatedCluster());
    await server.createDatabase('outage');
    const url = server.urlFor('outage');
    await migrateDeploy(url);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    await ensureReferenceData(pool);
    await pool.end();
    db = createPrismaClient(url, { max: 5 });
    const factories = createFactories(db);
    await factories.user('admin', { username: 'outage-admin' });
    const account = await factories.account({ creditorId: (await factories.creditor()).id });
    accountId = account.id;
    const env = loadEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
      WORKLIST_MAX_AGE_SECONDS: '0',
      JOBS: 'off',
    });
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    app = await buildApp({ env, db, logger });
    await app.ready();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'outage-admin', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
    cookie = `${SESSION_COOKIE}=${cookies[SESSION_COOKIE]}; ${CSRF_COOKIE}=${cookies[CSRF_COOKIE]}`;
    csrf = cookies[CSRF_COOKIE]!;
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    await app?.close();
    await db?.$disconnect();
    await remove?.();
  });

  const payment = (reference: string) => ({
    accountId,
    amountMinor: 1_000,
    currency: 'USD',
    paidAt: '2026-11-20T16:00:00Z',
    channel: 'card',
    reference,
    source: 'outage-test',
  });
  const requests = {
    health: () => app.inject({ method: 'GET', url: '/api/health' }),
    read: () => app.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file`, headers: { cookie } }),
    list: () => app.inject({ method: 'GET', url: '/api/accounts?limit=5', headers: { cookie } }),
    write: () =>
      app.inject({
        method: 'POST',
        url: '/api/payments',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: payment('OUTAGE-1'),
      }),
    login: () =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'outage-admin', password: TEST_PASSWORD },
      }),
  };

  const expectUnavailable = (res: Awaited<ReturnType<typeof requests.read>>) => {
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    const body = res.json();
    expect(body).toEqual({
      error: { code: 'service_unavailable', message: expect.any(String), requestId: expect.any(String) },
    });
  };

  it('answers 503 with Retry-After to reads, writes and logins, stays up, and serves the same requests once PostgreSQL is back', async () => {
    expect((await requests.read()).statusCode).toBe(200);

    await killPostmaster(server);

    // Twice each: the first request may meet a pooled connection that died with the server.
    for (let round = 0; round < 2; round++) {
      const health = await requests.health();
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'error', db: 'down' });
      expectUnavailable(await requests.read());
      expectUnavailable(await requests.list());
      expectUnavailable(await requests.write());
      expectUnavailable(await requests.login());
    }
    expect(unhandled).toEqual([]);
    expect(logged.filter((l) => l.msg === 'unhandled error')).toEqual([]);

    await server.restart();

    // The same app and pool, no restart of the API: health first, then everything else.
    expect((await requests.health()).json()).toEqual({ status: 'ok', db: 'ok' });
    expect((await requests.read()).statusCode).toBe(200);
    expect((await requests.list()).statusCode).toBe(200);
    expect((await requests.write()).statusCode).toBe(201); // the refused write was not stored
    expect((await requests.login()).statusCode).toBe(200);
    expect(await db.payment.count({ where: { reference: 'OUTAGE-1' } })).toBe(1);
    expect(unhandled).toEqual([]);
  });

  it('gives a connection lost inside a transaction back to the pool: the next transaction runs after the restart', async () => {
    // A pool of one: a connection kept by a dead transaction would block everything after it.
    const single = createPrismaClient(server.urlFor('outage'), { max: 1 });
    try {
      let resume!: () => void;
      const paused = new Promise<void>((r) => (resume = r));
      let started!: () => void;
      const inside = new Promise<void>((r) => (started = r));
      const doomed = single
        .$transaction(async (tx) => {
          await tx.$executeRaw`UPDATE accounts SET balance_minor = balance_minor + 1 WHERE id = ${accountId}::uuid`;
          started();
          await paused;
          await tx.$executeRaw`UPDATE accounts SET balance_minor = balance_minor + 1 WHERE id = ${accountId}::uuid`;
        })
        .then(
          () => null,
          (err: unknown) => err,
        );
      await inside;
      const before = (await db.account.findUniqueOrThrow({ where: { id: accountId } })).balanceMinor;
      await killPostmaster(server);
      resume();
      const err = await doomed;
      expect(classifyDbError(err)?.kind).toBe('unavailable');

      await server.restart();
      const after = await single.$transaction(async (tx) => tx.account.findUniqueOrThrow({ where: { id: accountId } }));
      expect(after.balanceMinor).toBe(before); // nothing of the dead transaction is there
      await single.$disconnect(); // returns: no connection is still checked out
    } finally {
      await single.$disconnect();
    }
  });
});
