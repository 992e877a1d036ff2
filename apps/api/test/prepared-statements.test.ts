import { createPrismaClient, directSql, PREPARED, type Db } from '@crm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_FILE_SQL } from '../src/modules/case-file/case-file.repository.js';
import { createTestDatabase, type TestDatabase } from './database.js';

// ADR 052: a statement whose text begins with PREPARED goes to PostgreSQL as a named statement
// (patches/@prisma__adapter-pg), parsed and planned once per connection; every other statement
// stays unnamed, as the adapter sends it.
describe('prepared statements through the Prisma client', () => {
  let database: TestDatabase;
  let db: Db;
  const statements: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection, so the statements below and pg_prepared_statements share a session.
    db = createPrismaClient(database.url, { max: 1, onQuery: (sql) => statements.push(sql) });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  const prepared = () =>
    db.$queryRaw<
      { name: string; statement: string }[]
    >`SELECT name, statement FROM pg_prepared_statements ORDER BY name`;

  it('names a marked statement once per connection and reuses it; leaves the others unnamed', async () => {
    expect(await prepared()).toEqual([]);
    for (const n of [1, 2, 3]) {
      const rows = await db.$queryRaw<{ n: number }[]>`/* prepared */ SELECT ${n}::int + 1 AS n`;
      expect(rows).toEqual([{ n: n + 1 }]);
      await db.$queryRaw`SELECT ${n}::int AS unmarked`;
    }
    const named = await prepared();
    expect(named).toHaveLength(1);
    expect(named[0]!.name).toMatch(/^crm_[0-9a-f]{24}$/);
    expect(named[0]!.statement).toMatch(/^\/\* prepared \*\/ SELECT \$1::int \+ 1 AS n$/);
    // Still one statement per call for the counting client (the tests that count round trips).
    expect(statements.filter((s) => s.startsWith(PREPARED))).toHaveLength(3);
  });

  it('works inside a transaction and through $queryRawUnsafe, on the connection that ran it', async () => {
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`${PREPARED} SELECT $1::text AS in_tx`, 'x');
    });
    await db.$queryRawUnsafe(CASE_FILE_SQL, '00000000-0000-0000-0000-000000000000', new Date());
    const texts = (await prepared()).map((p) => p.statement);
    expect(texts).toContain(`${PREPARED} SELECT $1::text AS in_tx`);
    expect(texts).toContain(CASE_FILE_SQL);
  });

  it('sends direct statements (outside the ORM) on the same pool, prepared and counted', async () => {
    statements.length = 0;
    const sql = directSql(db);
    for (const n of [1, 2]) expect(await sql.$queryRawUnsafe('SELECT $1::int * 2 AS n', n)).toEqual([{ n: n * 2 }]);
    expect(statements).toEqual(['SELECT $1::int * 2 AS n', 'SELECT $1::int * 2 AS n']);
    const texts = (await prepared()).map((p) => p.statement);
    expect(texts).toContain('SELECT $1::int * 2 AS n');
  });
});
