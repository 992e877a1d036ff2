import { CSRF_COOKIE, SESSION_COOKIE } from '@crm/contracts';
import { createPrismaClient, type Db } from '@crm/db';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { loadEnv } from '../src/config/env.js';
import type { Clock } from '../src/lib/clock.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { createFactories, TEST_PASSWORD, TEST_SCRYPT_LOG2_N } from './factories.js';

/** A clock tests can set and move. */
export function createTestClock(start: string) {
  let now = new Date(start);
  const clock: Clock & { set(iso: string): void; advance(ms: number): void } = {
    now: () => new Date(now),
    set: (iso) => void (now = new Date(iso)),
    advance: (ms) => void (now = new Date(now.getTime() + ms)),
  };
  return clock;
}

export interface Session {
  cookie: string;
  csrf: string;
  inject(opts: {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    url: string;
    payload?: unknown;
    csrf?: boolean;
  }): Promise<LightMyRequestResponse>;
}

export interface TestContext {
  app: App;
  db: Db;
  database: TestDatabase;
  clock: ReturnType<typeof createTestClock>;
  factories: ReturnType<typeof createFactories>;
  /** Logs in through the API and returns a session that sends the cookie and CSRF header. */
  login(username: string, password?: string): Promise<Session>;
  /** One sign-in request, its answer as it is (for tests of refusals, limits and cookies). */
  signIn(username: string, password?: string): Promise<LightMyRequestResponse>;
}

/** The app's environment in tests, with the file's overrides. */
function testEnv(overrides: Record<string, string> = {}) {
  return loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WEB_DIST: '/nonexistent',
    WORKLIST_MAX_AGE_SECONDS: '0',
    JOBS: 'off',
    PASSWORD_SCRYPT_LOG2_N: String(TEST_SCRYPT_LOG2_N),
    ...overrides,
  });
}

/**
 * Per-file harness: its own database cloned from the migrated template, the real app built
 * on it, closed and dropped after the file. Use inside a describe or at top level.
 */
export function useTestApp(
  options: {
    now?: string;
    env?: Record<string, string>;
    /** A separate read client for reports and the contact log (DATABASE_READ_URL), built on the file's database. */
    readDb?: (database: TestDatabase) => Db;
    /** Build on a counting client (`createPrismaClient(url, { onQuery })`) instead of a plain one. */
    appDb?: (database: TestDatabase) => Db;
    /** Cache sessions, users and policies, with the cache listener on the file's database (ADR 046). */
    cache?: boolean;
  } = {},
): TestContext {
  const ctx = {} as TestContext;
  let appDb: Db | undefined;
  let readDb: Db | undefined;
  beforeAll(async () => {
    ctx.database = await createTestDatabase();
    ctx.db = createPrismaClient(ctx.database.url, { max: 5 });
    ctx.clock = createTestClock(options.now ?? '2026-11-22T15:00:00Z');
    ctx.factories = createFactories(ctx.db);
    // Worklists computed again on every read by default, so each test sees the database as it is now.
    // Cheap password hashing (see factories.ts); a file may ask for the production cost.
    const env = testEnv(options.env);
    // The app connects as the app role (ADR 011); ctx.db is the owner's client for test setup.
    appDb = options.appDb?.(ctx.database) ?? createPrismaClient(ctx.database.appUrl, { max: 5 });
    readDb = options.readDb?.(ctx.database);
    ctx.app = await buildApp({
      env,
      db: appDb,
      readDb,
      clock: ctx.clock,
      ...(options.cache ? { cacheNoticesUrl: ctx.database.appUrl } : {}),
    });
    await ctx.app.ready();
    ctx.signIn = (username, password = TEST_PASSWORD) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    ctx.login = async (username, password = TEST_PASSWORD) => {
      const res = await ctx.signIn(username, password);
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
      const cookie = `${SESSION_COOKIE}=${cookies[SESSION_COOKIE]}; ${CSRF_COOKIE}=${cookies[CSRF_COOKIE]}`;
      const csrf = cookies[CSRF_COOKIE]!;
      return {
        cookie,
        csrf,
        inject: ({ method, url, payload, csrf: sendCsrf = true }) =>
          ctx.app.inject({
            method,
            url,
            headers: { cookie, ...(sendCsrf ? { 'x-csrf-token': csrf } : {}) },
            ...(payload === undefined ? {} : { payload: payload as object }),
          }),
      };
    };
  });
  afterAll(async () => {
    await ctx.app?.close();
    await appDb?.$disconnect();
    await readDb?.$disconnect();
    await ctx.db?.$disconnect();
    await ctx.database?.drop();
  });
  return ctx;
}

/**
 * A second API instance (another process behind the load balancer): the real app built again on
 * the same database, with its own connection pool, and the same clock. Sessions signed in through
 * either instance work on both (they live in the database); `as(session)` sends one to this instance.
 */
export function useSecondApp(
  ctx: TestContext,
  env: Record<string, string> = {},
  options: { appDb?: (database: TestDatabase) => Db; cache?: boolean } = {},
) {
  const second = {} as { app: App; as(session: Session): Session };
  let db: Db | undefined;
  beforeAll(async () => {
    db = options.appDb?.(ctx.database) ?? createPrismaClient(ctx.database.appUrl, { max: 5 });
    second.app = await buildApp({
      env: testEnv(env),
      db,
      clock: ctx.clock,
      ...(options.cache ? { cacheNoticesUrl: ctx.database.appUrl } : {}),
    });
    await second.app.ready();
    second.as = (session) => ({
      ...session,
      inject: ({ method, url, payload, csrf: sendCsrf = true }) =>
        second.app.inject({
          method,
          url,
          headers: { cookie: session.cookie, ...(sendCsrf ? { 'x-csrf-token': session.csrf } : {}) },
          ...(payload === undefined ? {} : { payload: payload as object }),
        }),
    });
  });
  afterAll(async () => {
    await second.app?.close();
    await db?.$disconnect();
  });
  return second;
}
