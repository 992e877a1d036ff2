import { createPrismaClient } from '@crm/db';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/build-app.js';
import { classifyDbError } from './db-errors.js';

/** Runs `fn` and returns what it threw. */
async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

// Every error here is raised by a real PostgreSQL through the same layers the app uses.
describe('classifyDbError', () => {
  const t = useTestApp();

  it('reads a unique violation from Prisma, naming the field', async () => {
    const user = await t.factories.user('collector');
    const err = await thrown(() => t.factories.user('collector', { username: user.username }));
    expect(classifyDbError(err)).toMatchObject({ kind: 'unique', fields: ['username'] });
  });

  it('reads a foreign key violation, naming the API field', async () => {
    const collector = await t.factories.user('collector');
    const creditor = await t.factories.creditor();
    const account = await t.factories.account({ creditorId: creditor.id, collectorId: collector.id });
    const err = await thrown(() =>
      t.db.contactAttempt.create({
        data: {
          accountId: account.id,
          debtorId: account.debtorId,
          collectorId: collector.id,
          channel: 'phone',
          direction: 'outbound',
          partyReached: 'nobody',
          disposition: 'no_answer',
          startedAt: new Date(),
          scriptVersionId: '00000000-0000-4000-8000-000000000000',
        },
      }),
    );
    expect(classifyDbError(err)).toMatchObject({ kind: 'missing_reference', fields: ['scriptVersionId'] });
  });

  it('reads values PostgreSQL refuses (impossible date, bigint overflow, NUL) as invalid values', async () => {
    for (const run of [
      () => t.db.$queryRaw`SELECT ${'2026-02-30'}::date`,
      () => t.db.$queryRaw`SELECT 9223372036854775807::bigint + 1`,
      () => t.db.user.findMany({ where: { username: 'a\u0000b' } }),
    ]) {
      expect(classifyDbError(await thrown(run))).toMatchObject({ kind: 'invalid_value' });
    }
  });

  it('reads a key too large for its index as an invalid value', async () => {
    const account = await t.factories.account({ creditorId: (await t.factories.creditor()).id });
    const random = Array.from({ length: 3000 }, () => String.fromCharCode(33 + Math.floor(Math.random() * 90))).join(
      '',
    );
    const err = await thrown(() =>
      t.db.payment.create({
        data: {
          accountId: account.id,
          amountMinor: 1n,
          currency: 'USD',
          paidAt: new Date(),
          channel: 'card',
          reference: random,
        },
      }),
    );
    expect(classifyDbError(err)).toMatchObject({ kind: 'invalid_value', code: '54000' });
  });

  it('tells a transaction that ran out of time waiting for a lock (retry) from one that could not start (unavailable)', async () => {
    const user = await t.factories.user('collector');
    const single = createPrismaClient(t.database.url, { max: 1 });
    try {
      let release!: () => void;
      const holding = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const held = new Promise<void>((r) => (locked = r));
      const holder = t.db.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT id FROM users WHERE id = ${user.id}::uuid FOR UPDATE`;
          locked();
          await holding;
        },
        { timeout: 10_000 },
      );
      await held;
      // Waits for the row lock longer than its own timeout.
      const waiting = thrown(() =>
        single.$transaction(
          async (tx) => tx.$executeRaw`UPDATE users SET display_name = display_name WHERE id = ${user.id}::uuid`,
          { timeout: 300 },
        ),
      );
      // The statement waits on the lock past its transaction's timeout; the holder lets go later.
      await new Promise((r) => setTimeout(r, 800));
      release();
      await holder;
      expect(classifyDbError(await waiting)).toMatchObject({ kind: 'retry' });
      // The only connection is busy: the next transaction cannot start in time.
      const busy = single
        .$transaction(async () => new Promise<void>((r) => setTimeout(r, 1_000)), { timeout: 1_500 })
        .catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
      const cannotStart = await thrown(() => single.$transaction(async (tx) => tx.user.count(), { maxWait: 200 }));
      expect(classifyDbError(cannotStart)).toMatchObject({ kind: 'unavailable' });
      await busy;
    } finally {
      await single.$disconnect();
    }
  });

  it('reads a deadlock as a conflict to retry', async () => {
    const a = await t.factories.user('collector');
    const b = await t.factories.user('collector');
    const pool = new pg.Pool({ connectionString: t.database.url, max: 2 });
    const c1 = await pool.connect();
    const c2 = await pool.connect();
    try {
      await c1.query('BEGIN');
      await c2.query('BEGIN');
      await c1.query('UPDATE users SET display_name = display_name WHERE id = $1', [a.id]);
      await c2.query('UPDATE users SET display_name = display_name WHERE id = $1', [b.id]);
      const results = await Promise.allSettled([
        c1.query('UPDATE users SET display_name = display_name WHERE id = $1', [b.id]),
        c2.query('UPDATE users SET display_name = display_name WHERE id = $1', [a.id]),
      ]);
      const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(classifyDbError(failure.reason)).toMatchObject({ kind: 'retry', code: '40P01' });
    } finally {
      await c1.query('ROLLBACK').catch(() => {});
      await c2.query('ROLLBACK').catch(() => {});
      c1.release();
      c2.release();
      await pool.end();
    }
  });

  it('reads an unreachable database as unavailable, from Prisma and from pg', async () => {
    const url = new URL(t.database.url);
    url.port = '1';
    const gone = createPrismaClient(url.toString());
    try {
      expect(classifyDbError(await thrown(() => gone.user.findFirst()))).toMatchObject({ kind: 'unavailable' });
      expect(classifyDbError(await thrown(() => gone.$queryRaw`SELECT 1`))).toMatchObject({ kind: 'unavailable' });
      expect(classifyDbError(await thrown(() => gone.$transaction(async (tx) => tx.user.findFirst())))).toMatchObject({
        kind: 'unavailable',
      });
    } finally {
      await gone.$disconnect();
    }
    const client = new pg.Client({ connectionString: url.toString() });
    expect(classifyDbError(await thrown(() => client.connect()))).toMatchObject({ kind: 'unavailable' });
  });

  it('reads a terminated connection as unavailable', async () => {
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    client.on('error', () => {});
    const err = await thrown(() => client.query('SELECT pg_terminate_backend(pg_backend_pid())'));
    expect(classifyDbError(err)).toMatchObject({ kind: 'unavailable' });
    await client.end().catch(() => {});
  });

  it('reads the plain errors node-postgres throws for a lost connection as unavailable', () => {
    expect(classifyDbError(new Error('Connection terminated unexpectedly'))).toMatchObject({ kind: 'unavailable' });
    expect(classifyDbError(new Error('Client has encountered a connection error and is not queryable'))).toMatchObject({
      kind: 'unavailable',
    });
  });

  it('leaves other errors alone', () => {
    expect(classifyDbError(new Error('boom'))).toBeNull();
    expect(classifyDbError(new TypeError('x is undefined'))).toBeNull();
    expect(classifyDbError('text')).toBeNull();
  });
});
