import { createPrismaClient, directSql, Prisma, type Db, type DirectClient } from '@crm/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';

const SEED = Number(process.env.FC_SEED ?? 20261202);

// The direct client (prisma/src/direct.ts, ADR 052) answers what the Prisma client answers: the
// same statements, the same parameters, the same values back, for every type our SQL uses.
describe('direct statements equal the Prisma client', () => {
  let database: TestDatabase;
  let db: Db;
  let direct: DirectClient;
  const counted: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ template: null });
    db = createPrismaClient(database.url, { max: 2, onQuery: (q) => counted.push(q) });
    direct = directSql(db);
    await db.$executeRawUnsafe(`CREATE TYPE mood AS ENUM ('calm', 'angry')`);
    await db.$executeRawUnsafe(`CREATE TABLE t (id int PRIMARY KEY, n bigint)`);
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  const row = (p: { i: number; b: bigint; d: Date; s: string; j: unknown; ids: bigint[]; days: Date[] }) => Prisma.sql`
    SELECT ${p.i}::int AS i, ${p.b}::bigint AS b, ${p.b}::numeric / 7 AS dec, sum(${p.b}::bigint) AS total,
           ${p.d}::timestamptz AS at, ${p.d}::timestamp AS local, ${p.d}::date AS day, ${p.s}::text AS s,
           ${p.s}::text IS NULL AS missing, 'angry'::mood AS mood, ${p.j}::jsonb AS j, json_build_object('s', ${p.s}::text) AS built,
           ${p.ids}::bigint[] AS ids, ${p.days}::date[] AS days, ARRAY[${p.s}::text, NULL] AS texts,
           gen_random_uuid() IS NOT NULL AS has_uuid, ${p.i}::float8 / 3 AS ratio, count(*) AS n`;

  it('returns the same rows for the same statement, whatever the values', async () => {
    const date = fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2200-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    const cases = fc.sample(
      fc.record({
        i: fc.integer(),
        b: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
        d: date,
        s: fc.string(),
        j: fc.jsonValue().map((v) => ({ v })),
        ids: fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { maxLength: 4 }),
        days: fc.array(date, { maxLength: 3 }),
      }),
      { seed: SEED, numRuns: 60 },
    );
    for (const c of cases) {
      const s = c.s.replaceAll('\u0000', '');
      const p = { ...c, s };
      const viaPrisma = await db.$queryRaw<Record<string, unknown>[]>(row(p));
      const viaDirect = await direct.$queryRaw<Record<string, unknown>[]>(row(p));
      expect(viaDirect).toEqual(viaPrisma);
    }
  });

  it('takes tagged templates and Unsafe texts alike, and counts each statement once', async () => {
    counted.length = 0;
    expect(await direct.$queryRaw`SELECT ${2}::int + 1 AS x`).toEqual([{ x: 3 }]);
    expect(await direct.$queryRawUnsafe('SELECT $1::text AS y', 'z')).toEqual([{ y: 'z' }]);
    expect(await direct.$executeRaw`INSERT INTO t VALUES (${1}, ${10n})`).toBe(1);
    expect(await direct.$executeRawUnsafe('UPDATE t SET n = n + $1 WHERE id = 1', 5n)).toBe(1);
    expect(counted).toHaveLength(4);
    expect(await db.$queryRaw`SELECT n FROM t WHERE id = 1`).toEqual([{ n: 15n }]);
  });

  it('commits a transaction, or rolls all of it back when the work throws; counts COMMIT as Prisma does', async () => {
    counted.length = 0;
    await direct.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO t VALUES (${2}, ${1n})`;
      await tx.$executeRaw`INSERT INTO t VALUES (${3}, ${1n})`;
    });
    expect(counted).toEqual([expect.stringMatching(/^INSERT/), expect.stringMatching(/^INSERT/), 'COMMIT']);
    const boom = new Error('boom');
    await expect(
      direct.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO t VALUES (${4}, ${1n})`;
        throw boom;
      }),
    ).rejects.toBe(boom);
    // A statement PostgreSQL refuses (duplicate key) rolls back the earlier ones too.
    await expect(
      direct.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO t VALUES (${5}, ${1n})`;
        await tx.$executeRaw`INSERT INTO t VALUES (${2}, ${1n})`;
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await db.$queryRaw`SELECT id FROM t ORDER BY id`).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('ends a transaction that outlives its timeout: nothing commits, and the pool still serves', async () => {
    await expect(
      direct.$transaction(
        async (tx) => {
          await tx.$executeRaw`INSERT INTO t VALUES (${6}, ${1n})`;
          await tx.$queryRaw`SELECT pg_sleep(0.5)`;
          await tx.$executeRaw`INSERT INTO t VALUES (${7}, ${1n})`;
        },
        { timeout: 100 },
      ),
    ).rejects.toThrow();
    expect(await db.$queryRaw`SELECT count(*)::int AS n FROM t WHERE id IN (6, 7)`).toEqual([{ n: 0 }]);
    for (let i = 0; i < 4; i++) expect(await direct.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });
});
