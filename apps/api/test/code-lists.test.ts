import { DATABASE_ENUMS } from '@crm/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';

/**
 * Each code list is defined once, in packages/contracts/src/code-lists.ts; the ones PostgreSQL
 * stores as enums must equal their enum value for value and in order (ADR 016). A value added to
 * schema.prisma and not to the list (or the other way round) fails here, naming the enum.
 */
describe('code lists and the database enums', () => {
  let database: TestDatabase;
  let enums: Map<string, string[]>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; labels: string[] }>(
        `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
           FROM pg_type t
           JOIN pg_enum e ON e.enumtypid = t.oid
           JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE n.nspname = 'public'
          GROUP BY t.typname`,
      );
      enums = new Map(rows.map((r) => [r.name, r.labels]));
    } finally {
      await client.end();
    }
  });
  afterAll(() => database?.drop());

  it('every enum of the database has its list, and every listed enum exists', () => {
    expect([...enums.keys()].sort()).toEqual(Object.keys(DATABASE_ENUMS).sort());
  });

  it.each(Object.entries(DATABASE_ENUMS))('%s has exactly the values of its list, in order', (name, list) => {
    expect(enums.get(name), `PostgreSQL enum "${name}"`).toEqual([...list]);
  });
});
