import net from 'node:net';
import { createPrismaClient } from '@crm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDbError } from '../src/lib/db-errors.js';
import { createTestDatabase, type TestDatabase } from './database.js';

// Prisma's transaction manager gives a connection back to the pool only after its COMMIT or
// ROLLBACK statement succeeded. The patched driver adapter (patches/@prisma__adapter-pg) gives it
// back, destroyed, when that statement fails, so a failed commit does not cost the pool a
// connection for good (ADR 013).
describe('the Prisma pool after a failed COMMIT', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  it('keeps its connection: with a pool of one, the next transactions still run', async () => {
    const db = createPrismaClient(database.url, { max: 1 });
    try {
      await db.$executeRawUnsafe('CREATE TABLE pool_parent (id int PRIMARY KEY)');
      // Checked at COMMIT, so the COMMIT statement itself fails.
      await db.$executeRawUnsafe(
        'CREATE TABLE pool_child (parent_id int REFERENCES pool_parent DEFERRABLE INITIALLY DEFERRED)',
      );
      for (let i = 0; i < 3; i++) {
        const err = await db
          .$transaction(async (tx) => tx.$executeRawUnsafe('INSERT INTO pool_child VALUES (42)'))
          .then(
            () => null,
            (e: unknown) => e,
          );
        expect(err).not.toBeNull();
        expect((err as { cause?: { originalCode?: string } }).cause?.originalCode).toBe('23503'); // raised by COMMIT
      }
      // Without the fix the one connection is still checked out: this waits for it for ever.
      const rows = await db.$transaction(async (tx) =>
        tx.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM pool_child'),
      );
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await db.$disconnect();
    }
  });
});

// A server that accepts connections and never answers (a network partition, a stopped host), and
// a pool whose connections are all taken: both give an error the API answers with 503, instead
// of a request that waits for ever.
describe('the Prisma pool when no connection can be had', () => {
  let database: TestDatabase;
  let silent: net.Server;
  const sockets = new Set<net.Socket>();
  beforeAll(async () => {
    database = await createTestDatabase();
    silent = net.createServer((socket) => void sockets.add(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
    await database?.drop();
  });

  it('gives up connecting to a server that never answers', async () => {
    const port = (silent.address() as net.AddressInfo).port;
    const db = createPrismaClient(`postgresql://u:p@127.0.0.1:${port}/x`, { connectTimeoutMs: 300 });
    try {
      const err = await db.$queryRaw`SELECT 1`.then(
        () => null,
        (e: unknown) => e,
      );
      expect(classifyDbError(err)?.kind).toBe('unavailable');
      const txErr = await db
        .$transaction(async (tx) => tx.$queryRaw`SELECT 1`)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(classifyDbError(txErr)?.kind).toBe('unavailable');
    } finally {
      await db.$disconnect();
    }
  });

  it('gives up waiting for a free connection when every one is held', async () => {
    const db = createPrismaClient(database.url, { max: 1, connectTimeoutMs: 300 });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let holding!: () => void;
      const isHolding = new Promise<void>((r) => (holding = r));
      const holder = db.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          holding();
          await held;
        },
        { timeout: 60_000 },
      );
      await isHolding;
      const err = await db.$queryRaw`SELECT 1`.then(
        () => null,
        (e: unknown) => e,
      );
      expect(classifyDbError(err)?.kind).toBe('unavailable');
      release();
      await holder;
      expect(await db.$queryRaw`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
    } finally {
      await db.$disconnect();
    }
  });
});
