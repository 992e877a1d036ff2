import { createPrismaClient, type Db } from '@crm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { untilSomeoneWaitsForALock } from '../../test/lock-waits.js';
import { createUnitOfWork, lockName } from './transaction.js';

describe('unit of work', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { max: 4 });
    await db.$executeRawUnsafe('CREATE TABLE uow_probe (id int PRIMARY KEY, hits int NOT NULL DEFAULT 0)');
    await db.$executeRawUnsafe('INSERT INTO uow_probe (id) VALUES (1), (2)');
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  /** Two transactions that lock rows 1 and 2 in opposite orders, each waiting for the other to hold its first row. */
  function crossedPair(
    run: <T>(work: (tx: Parameters<Parameters<Db['$transaction']>[0]>[0]) => Promise<T>) => Promise<T>,
  ) {
    let holding = 0;
    let bothHold!: () => void;
    const both = new Promise<void>((resolve) => (bothHold = resolve));
    const calls = { count: 0 };
    const crossed = (first: number, second: number) =>
      run(async (tx) => {
        calls.count++;
        await tx.$executeRawUnsafe(`UPDATE uow_probe SET hits = hits + 1 WHERE id = ${first}`);
        if (++holding === 2) bothHold();
        // Only the first attempts meet; a retry finds the other transaction gone or finishing.
        if (calls.count <= 2) await both;
        await tx.$executeRawUnsafe(`UPDATE uow_probe SET hits = hits + 1 WHERE id = ${second}`);
      });
    return { both: Promise.allSettled([crossed(1, 2), crossed(2, 1)]), calls };
  }

  it('retries a transaction PostgreSQL aborted to break a deadlock, so both writers commit', async () => {
    await db.$executeRawUnsafe('UPDATE uow_probe SET hits = 0');
    const uow = createUnitOfWork(db);
    const { both, calls } = crossedPair((work) => uow(work));
    const results = await both;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(calls.count).toBe(3); // the deadlock victim ran again
    const rows = await db.$queryRawUnsafe<{ hits: number }[]>('SELECT hits FROM uow_probe ORDER BY id');
    expect(rows.map((r) => r.hits)).toEqual([2, 2]);
  });

  it('without retries, the deadlock victim fails and writes nothing (what the API did before)', async () => {
    await db.$executeRawUnsafe('UPDATE uow_probe SET hits = 0');
    const once = createUnitOfWork(db, { attempts: 1 });
    const { both } = crossedPair((work) => once(work));
    const results = await both;
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rows = await db.$queryRawUnsafe<{ hits: number }[]>('SELECT hits FROM uow_probe ORDER BY id');
    expect(rows.map((r) => r.hits)).toEqual([1, 1]);
  });

  it('does not retry other errors: they roll back and are thrown at once', async () => {
    const uow = createUnitOfWork(db);
    let calls = 0;
    await expect(
      uow(async (tx) => {
        calls++;
        await tx.$executeRawUnsafe('UPDATE uow_probe SET hits = 100 WHERE id = 1');
        throw new Error('refused by a rule');
      }),
    ).rejects.toThrow('refused by a rule');
    expect(calls).toBe(1);
    const [row] = await db.$queryRawUnsafe<{ hits: number }[]>('SELECT hits FROM uow_probe WHERE id = 1');
    expect(row!.hits).not.toBe(100);
  });

  it('lockName makes transactions using the same name run one after the other', async () => {
    const uow = createUnitOfWork(db);
    const order: string[] = [];
    let firstHolds!: () => void;
    const holds = new Promise<void>((resolve) => (firstHolds = resolve));
    let finishFirst!: () => void;
    const finish = new Promise<void>((resolve) => (finishFirst = resolve));
    const first = uow(async (tx) => {
      await lockName(tx, 'probe', 'the same name');
      firstHolds();
      await finish;
      order.push('first');
    });
    await holds;
    const second = uow(async (tx) => {
      await lockName(tx, 'probe', 'the same name');
      order.push('second');
    });
    // The second is blocked on the lock until the first ends, however long that takes.
    await untilSomeoneWaitsForALock(db);
    finishFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });
});
