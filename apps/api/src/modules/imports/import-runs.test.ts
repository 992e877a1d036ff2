import { createPrismaClient } from '@crm/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadEnv } from '../../config/env.js';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { csvLines } from '../../../test/csv.js';
import { createImportRunsRepository, ImportRunSupersededError } from './import-runs.repository.js';

// Imports as jobs (ADR 042), on a real PostgreSQL: the upload answers before any work, the job
// applies the file whole or not at all, the state lives in the database for every instance.
const NOW = '2026-11-20T15:00:00Z';
const HEADER = 'account_external_id,amount,currency,paid_at,channel,reference';

describe('imports as jobs', () => {
  const t = useTestApp({ now: NOW });
  let admin: Session;
  let supervisor: Session;
  let accountA = '';
  let accountB = '';

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'ij-admin' });
    await t.factories.user('supervisor', { username: 'ij-sup' });
    const creditor = await t.factories.creditor();
    accountA = (await t.factories.account({ creditorId: creditor.id })).externalId;
    accountB = (await t.factories.account({ creditorId: creditor.id })).externalId;
    admin = await t.login('ij-admin');
    supervisor = await t.login('ij-sup');
  });

  const upload = (csv: string, query: string, who: Session = admin) =>
    t.app.inject({
      method: 'POST',
      url: `/api/imports/payments?${query}`,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'text/csv' },
      payload: csv,
    });
  const run = (importId: string) => t.app.jobs['imports.run']!.handler({ importId });
  const recover = () => t.app.jobs['imports.recover']!.handler({});
  const view = async (id: string) => (await admin.inject({ method: 'GET', url: `/api/imports/${id}` })).json();
  const payments = (source: string) => t.db.payment.count({ where: { source } });
  const queuedJobs = async (id: string) =>
    (
      await t.db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM graphile_worker._private_jobs j
        JOIN graphile_worker._private_tasks k ON k.id = j.task_id
        WHERE k.identifier = 'imports.run' AND j.payload->>'importId' = ${id}`
    )[0]!.n;
  const file = (source: string, n = 2) =>
    [
      HEADER,
      ...Array.from({ length: n }, (_, i) => `${i % 2 ? accountB : accountA},1.00,USD,2026-11-19,card,${source}-${i}`),
    ].join('\n');

  it('answers 202 with the id and a Location before anything runs; the job is queued with the import', async () => {
    const res = await upload(file('Q'), 'mode=all&source=q');
    expect(res.statusCode, res.body).toBe(202);
    const { id, status } = res.json();
    expect(status).toBe('queued');
    expect(res.headers.location).toBe(`/api/imports/${id}`);
    expect(await view(id)).toMatchObject({ status: 'queued', attempts: 0, report: null, rowsRead: 0 });
    expect(await queuedJobs(id)).toBe(1);
    expect(await payments('q')).toBe(0);
  });

  it('the job applies the file and records its counts and report; another API instance reads them', async () => {
    const { id } = (await upload(file('R', 3), 'mode=all&source=r')).json();
    expect(await run(id)).toBe('done');
    expect(await payments('r')).toBe(3);
    const done = await view(id);
    expect(done).toMatchObject({
      status: 'succeeded',
      phase: 'done',
      rowsRead: 3,
      rowsToWrite: 3,
      rowsWritten: 3,
      attempts: 1,
      error: null,
      startedBy: { username: 'ij-admin' },
      report: { committed: true, totalRows: 3, writtenRows: 3, errorCount: 0 },
    });
    expect(done.finishedAt).not.toBeNull();
    // The file is dropped once the import is finished.
    expect(await t.db.importFileChunk.count({ where: { importId: id } })).toBe(0);

    // A second instance: its own app and pool on the same database, no shared memory.
    const otherDb = createPrismaClient(t.database.appUrl, { max: 2 });
    const other = await buildApp({
      env: loadEnv({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        WEB_DIST: '/nonexistent',
        WORKLIST_MAX_AGE_SECONDS: '0',
        JOBS: 'off',
      }),
      db: otherDb,
      clock: t.clock,
    });
    try {
      const there = await other.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie: admin.cookie } });
      expect(there.statusCode, there.body).toBe(200);
      expect(there.json()).toEqual(done);
    } finally {
      await other.close();
      await otherDb.$disconnect();
    }
  });

  it('a repeated job for the same import applies nothing twice', async () => {
    const { id } = (await upload(file('T', 2), 'mode=all&source=t')).json();
    const [first, second] = await Promise.all([run(id), run(id)]);
    expect([first, second].sort()).toEqual(['done', 'skipped']);
    expect(await run(id)).toBe('skipped');
    expect(await payments('t')).toBe(2);
    expect(await view(id)).toMatchObject({ status: 'succeeded', attempts: 1, report: { writtenRows: 2 } });
  });

  it('a file with problems under mode=all is finished with its problems, nothing written, downloadable as CSV', async () => {
    const { id } = (await upload(`${file('P', 1)}\nNOPE-1,1.00,USD,2026-11-19,card,P-9\n`, 'mode=all&source=p')).json();
    await run(id);
    expect(await view(id)).toMatchObject({
      status: 'succeeded',
      report: { committed: false, totalRows: 2, errorCount: 1, writtenRows: 0 },
    });
    expect(await payments('p')).toBe(0);
    const download = await admin.inject({ method: 'GET', url: `/api/imports/${id}/problems` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('payments-problems.csv');
    expect(csvLines(download)).toEqual(['line,column,value,problem', '3,account_external_id,NOPE-1,no account NOPE-1']);
  });

  it('a worker that stopped beating: its import is queued again with a new job, then failed after 3 runs, never half-applied', async () => {
    const { id } = (await upload(file('S', 2), 'mode=all&source=s')).json();
    // A worker took it and died: running, attempt 1, heartbeat 5 minutes old.
    const crash = (attempts: number, minutesAgo: number) =>
      t.db.import.update({
        where: { id },
        data: {
          status: 'running',
          attempts,
          heartbeatAt: new Date(new Date(NOW).getTime() - minutesAgo * 60_000),
        },
      });
    await crash(1, 5);
    // A fresh heartbeat is left alone.
    const fresh = (await upload(file('F', 1), 'mode=all&source=f')).json().id;
    await t.db.import.update({
      where: { id: fresh },
      data: { status: 'running', attempts: 1, heartbeatAt: new Date(NOW) },
    });

    expect(await recover()).toEqual({ requeued: 1, failed: 0 });
    expect(await view(id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(await view(fresh)).toMatchObject({ status: 'running' });
    expect(await queuedJobs(id)).toBe(2);
    // The dead run's late finish is refused: it no longer holds the import.
    const runs = createImportRunsRepository(t.db);
    const late = {
      id,
      kind: 'payments' as const,
      mode: 'all' as const,
      source: 's',
      startedById: '',
      requestId: '',
      attempt: 1,
    };
    const nothing = {
      committed: true,
      totalRows: 0,
      validRows: 0,
      duplicateRows: 0,
      writtenRows: 0,
      errorCount: 0,
      problemRows: 0,
      errors: [],
      changedPromises: 0,
      ms: 0,
    };
    await expect(runs.succeed(undefined, late, nothing, new Date(NOW))).rejects.toBeInstanceOf(
      ImportRunSupersededError,
    );

    // The new job runs it: attempt 2, applied once.
    expect(await run(id)).toBe('done');
    expect(await view(id)).toMatchObject({ status: 'succeeded', attempts: 2, report: { writtenRows: 2 } });
    expect(await payments('s')).toBe(2);

    // Three runs died: failed with a clear message, nothing written.
    const { id: doomed } = (await upload(file('D', 2), 'mode=all&source=d')).json();
    await t.db.import.update({
      where: { id: doomed },
      data: { status: 'running', attempts: 3, heartbeatAt: new Date(new Date(NOW).getTime() - 10 * 60_000) },
    });
    expect(await recover()).toEqual({ requeued: 0, failed: 1 });
    const failed = await view(doomed);
    expect(failed).toMatchObject({ status: 'failed', phase: 'failed', report: null });
    expect(failed.error).toMatch(/stopped responding 3 times; nothing was written/);
    expect(await run(doomed)).toBe('skipped');
    expect(await payments('d')).toBe(0);
  });

  it('lists recent imports, newest first, paged; admins only; bad ids and cursors are 400s naming them', async () => {
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      await upload(file(`L${i}`, 1), `mode=validate&source=l${i}`);
    }
    const first = (await admin.inject({ method: 'GET', url: '/api/imports?limit=2' })).json();
    expect(first.items.map((i: { source: string }) => i.source)).toEqual(['l2', 'l1']);
    const next = (await admin.inject({ method: 'GET', url: `/api/imports?limit=2&cursor=${first.nextCursor}` })).json();
    expect(next.items[0].source).toBe('l0');
    expect((await supervisor.inject({ method: 'GET', url: '/api/imports' })).statusCode).toBe(403);
    const badId = await admin.inject({ method: 'GET', url: '/api/imports/nope' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.fields[0].field).toBe('id');
    const badCursor = await admin.inject({ method: 'GET', url: '/api/imports?cursor=abc' });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.fields[0].field).toBe('cursor');
    expect((await upload(file('X', 1), 'mode=all', supervisor)).statusCode).toBe(403);
  });
});
