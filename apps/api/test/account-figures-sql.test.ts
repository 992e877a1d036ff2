import { createPrismaClient, type Db } from '@crm/db';
import { moveAccountFiguresSql } from '@crm/db/account-figures';
import { accountFigures } from '@crm/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';

const SEED = Number(process.env.FC_SEED ?? 20261201);

// The SQL that moves account figures (prisma/src/account-figures.ts) agrees with the domain rule.
describe('account figures in SQL', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase({ template: null });
    db = createPrismaClient(database.url, { max: 2 });
    await db.$executeRawUnsafe(`CREATE TABLE accounts (
      id int PRIMARY KEY, balance_minor bigint NOT NULL, overdue_minor bigint NOT NULL,
      balance_baseline_minor bigint NOT NULL, overdue_baseline_minor bigint NOT NULL, paid_since_baseline_minor bigint NOT NULL)`);
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('derive the same balance and overdue amount as packages/domain for any baseline and sequence of payments', async () => {
    const amount = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n });
    const cases = fc.sample(
      fc.record({
        balance: fc.bigInt({ min: 0n, max: 10n ** 12n }),
        overdueShare: fc.double({ min: 0, max: 1, noNaN: true }),
        moves: fc.array(amount, { maxLength: 8 }),
      }),
      { seed: SEED, numRuns: 300 },
    );
    await db.$executeRawUnsafe('TRUNCATE accounts');
    await db.$executeRawUnsafe(
      `INSERT INTO accounts SELECT i, b, o, b, o, 0 FROM unnest($1::int[], $2::bigint[], $3::bigint[]) AS u(i, b, o)`,
      cases.map((_, i) => i),
      cases.map((c) => String(c.balance)),
      cases.map((c) => String((c.balance * BigInt(Math.round(c.overdueShare * 1000))) / 1000n)),
    );
    // Each move as the API applies it: one UPDATE per payment or reversal.
    for (let step = 0; step < 8; step++) {
      const ids = cases.flatMap((c, i) => (c.moves[step] === undefined ? [] : [i]));
      const deltas = cases.flatMap((c) => (c.moves[step] === undefined ? [] : [String(c.moves[step])]));
      if (ids.length === 0) continue;
      await db.$executeRawUnsafe(
        `UPDATE accounts SET ${moveAccountFiguresSql('u.delta')} FROM unnest($1::int[], $2::bigint[]) AS u(id, delta) WHERE accounts.id = u.id`,
        ids,
        deltas,
      );
    }
    const rows = await db.$queryRawUnsafe<
      {
        id: number;
        balance_minor: bigint;
        overdue_minor: bigint;
        balance_baseline_minor: bigint;
        overdue_baseline_minor: bigint;
      }[]
    >(
      'SELECT id, balance_minor, overdue_minor, balance_baseline_minor, overdue_baseline_minor FROM accounts ORDER BY id',
    );
    for (const row of rows) {
      const paid = cases[row.id]!.moves.reduce((a, b) => a + b, 0n);
      const expected = accountFigures(
        { balanceMinor: BigInt(row.balance_baseline_minor), overdueMinor: BigInt(row.overdue_baseline_minor) },
        paid,
      );
      expect({ id: row.id, balance: BigInt(row.balance_minor), overdue: BigInt(row.overdue_minor) }).toEqual({
        id: row.id,
        balance: expected.balanceMinor,
        overdue: expected.overdueMinor,
      });
    }
  });
});
