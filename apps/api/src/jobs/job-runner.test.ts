import { createPrismaClient, type Db } from '@crm/db';
import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { startJobRunner, type JobTable } from './job-runner.js';
import { createJobsRepository } from './jobs.repository.js';

// The job engine on a real PostgreSQL, as the app role (ADR 011, 040): two runners share one
// database the way two API processes (or a worker) do.
const quiet = { error: () => {}, warn: () => {}, debug: () => {} };

describe('the job engine (graphile-worker, ADR 040)', () => {
  let database: TestDatabase;
  let db: Db;
  const runners: Runner[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.appUrl, { max: 3 });
  });
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await db.$disconnect();
    await database.drop();
  });
  const start = async (jobs: JobTable) => {
    const runner = await startJobRunner({ connectionString: database.appUrl, jobs, concurrency: 2, log: quiet });
    runners.push(runner);
    return runner;
  };

  it('runs each job once when two runners share the database, as the least-privileged app role', async () => {
    const seen: number[] = [];
    const byRunner = [0, 0];
    const table = (i: number): JobTable => ({
      'test.count': {
        handler: async (payload) => {
          byRunner[i]!++;
          seen.push((payload as { n: number }).n);
          await new Promise((r) => setTimeout(r, 5));
        },
      },
    });
    await Promise.all([start(table(0)), start(table(1))]);
    const jobs = createJobsRepository(db);
    await Promise.all(Array.from({ length: 60 }, (_, n) => jobs.add({ task: 'test.count', payload: { n } })));
    await expect.poll(() => seen.length, { timeout: 20_000 }).toBe(60);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.length).toBe(60);
    expect(new Set(seen).size).toBe(60);
    expect(byRunner[0]! + byRunner[1]!).toBe(60);
  });

  it('adds a job only when the transaction that adds it commits', async () => {
    const jobs = createJobsRepository(db);
    await expect(
      db.$transaction(async (tx) => {
        await jobs.add({ task: 'test.never', payload: {} }, tx);
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    await db.$transaction(async (tx) => jobs.add({ task: 'test.kept', payload: {} }, tx));
    const rows = await db.$queryRaw<{ task_identifier: string }[]>`
      SELECT task_identifier FROM graphile_worker.jobs WHERE task_identifier LIKE 'test.%'`;
    expect(rows.map((r) => r.task_identifier)).toContain('test.kept');
    expect(rows.map((r) => r.task_identifier)).not.toContain('test.never');
  });

  it('retries a failed job with backoff, and a job key keeps one waiting job per key', async () => {
    let calls = 0;
    await start({
      'test.flaky': {
        handler: async () => {
          calls++;
          if (calls === 1) throw new Error('provider down');
        },
      },
    });
    const jobs = createJobsRepository(db);
    await jobs.add({ task: 'test.flaky', payload: {}, maxAttempts: 3 });
    await expect.poll(() => calls, { timeout: 20_000, interval: 200 }).toBe(2);
    const failed = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'test.flaky'`;
    expect(failed[0]!.n).toBe(0); // done: removed from the queue

    const later = new Date(Date.now() + 3_600_000);
    for (let i = 0; i < 5; i++)
      await jobs.add({
        task: 'test.debounced',
        payload: { i },
        jobKey: 'one',
        runAt: later,
        jobKeyMode: 'preserve_run_at',
      });
    const waiting = await db.$queryRaw<{ payload: { i: number }; run_at: Date }[]>`
      SELECT j.payload, j.run_at FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'test.debounced'`;
    expect(waiting).toEqual([{ payload: { i: 4 }, run_at: later }]);
  });
});
