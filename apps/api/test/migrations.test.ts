import { runPrisma } from '@crm/db/migrate';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';

// Catalog snapshot of everything the schema defines, excluding Prisma's own bookkeeping.
const CATALOG_QUERIES = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
            ORDER BY 1, 2`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`,
  constraints: `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`,
  enums: `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY 1, 3`,
};

async function snapshot(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries(CATALOG_QUERIES)) out[name] = (await client.query(sql)).rows;
    return out;
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => Promise.all(dbs.map((d) => d.drop())));

  it('produce exactly the schema that schema.prisma describes', async () => {
    // A: the migrations as `prisma migrate deploy` applied them (the template).
    const migrated = await createTestDatabase();
    // B: an empty database given the schema's own from-empty script.
    const fromSchema = await createTestDatabase({ template: null });
    dbs.push(migrated, fromSchema);
    const script = await runPrisma(
      ['migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'schema.prisma', '--script'],
      fromSchema.url,
    );
    const sql = script.slice(script.indexOf('-- CreateSchema') >= 0 ? script.indexOf('-- CreateSchema') : 0);
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    await client.query(sql);
    await client.end();

    const [a, b] = await Promise.all([snapshot(migrated.url), snapshot(fromSchema.url)]);
    expect(a.columns!.length).toBeGreaterThan(100);
    expect(a).toEqual(b);
  });
});
