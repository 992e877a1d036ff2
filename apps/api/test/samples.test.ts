import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CSRF_COOKIE } from '@crm/contracts';
import { createPrismaClient } from '@crm/db';
import { DEMO_PASSWORD, seedDemo } from '@crm/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadEnv } from '../src/config/env.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { importCsv } from './imports.js';

const sample = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../../docs/samples', name), 'utf8');

/** The sample files checked against the demo portfolio as the app loads it on an empty database. */
describe('docs/samples against a freshly seeded demo database', () => {
  let database: TestDatabase;
  let db: ReturnType<typeof createPrismaClient>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = loadEnv({ LOG_LEVEL: 'silent', JOBS: 'off' });
    await seedDemo(database.url, { accounts: env.DEMO_ACCOUNTS });
    db = createPrismaClient(database.appUrl);
    app = await buildApp({ env, db });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin1', password: DEMO_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    csrf = login.cookies.find((c) => c.name === CSRF_COOKIE)!.value;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.$disconnect();
    await database?.drop();
  });

  const check = (kind: string, body: string) =>
    importCsv(app, { cookie, csrf }, `/api/imports/${kind}?mode=validate`, body);

  it('payments.csv: every row is valid', async () => {
    const res = await check('payments', sample('payments.csv'));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ totalRows: 3, validRows: 3, errorCount: 0, errors: [] });
  });

  it('portfolio.csv: every row is valid', async () => {
    const res = await check('portfolio', sample('portfolio.csv'));
    expect(res.json()).toMatchObject({ totalRows: 4, validRows: 4, errorCount: 0 });
  });

  it('payments-with-errors.csv: its three bad rows, one problem each', async () => {
    const res = await check('payments', sample('payments-with-errors.csv'));
    expect(res.json().errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual([
      '2:amount',
      '3:account_external_id',
      '4:paid_at',
    ]);
  });
});
