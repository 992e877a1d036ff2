import { createPrismaClient } from '@crm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      await db.$executeRawUnsafe('CREATE TABLE pool_child (parent_id int REFERENCES pool_parent DEFERRABLE INITIALLY DEFERRED)');
      for (let i = 0; i < 3; i++) {
        const err = await db.$transaction(async (tx) => tx.$executeRawUnsafe('INSERT INTO pool_child VALUES (42)')).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).not.toBeNull();
        expect((err as { cause?: { originalCode?: string } }).cause?.originalCode).toBe('23503'); // raised by COMMIT
      }
      // Without the fix the one connection is still checked out: this waits for it for ever.
      const rows = await db.$transaction(async (tx) => tx.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM pool_child'));
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await db.$disconnect();
    }
  });
});
