import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { prismaDir } from '@crm/db/paths';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';

const ZONES = '20261202100000_contact_point_zones';

/**
 * Migration 20261202100000 (ADR 019) on a database with data: each contact point's old single
 * zone (the customer's, copied on import) is kept in `time_zones` and recorded as coming from the
 * customer, so the start-up backfill knows to derive it again from the number or address.
 */
describe('migration 20261202100000: contact points keep their zone, marked as the customer’s', () => {
  let database: TestDatabase | undefined;
  afterAll(() => database?.drop());

  it('carries time_zone into time_zones with source customer; rows without one get none', async () => {
    database = await createTestDatabase({ template: null });
    const dir = path.join(prismaDir(), 'migrations');
    const names = readdirSync(dir)
      .filter((n) => /^\d{14}_/.test(n))
      .sort();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const sql = (name: string) => readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      // Prisma's own bookkeeping table, which one migration's grants name (prisma migrate deploy makes it).
      await client.query(`CREATE TABLE "_prisma_migrations" (id varchar(36) PRIMARY KEY)`);
      for (const name of names.filter((n) => n < ZONES)) await client.query(sql(name));
      await client.query(
        `INSERT INTO debtors (id, external_id, family_name, given_name, full_name, time_zone, updated_at)
         VALUES ('00000000-0000-4000-8000-000000000001', 'D-MIG', 'Doe', 'Jane', 'Jane Doe', 'America/New_York', now())`,
      );
      await client.query(
        `INSERT INTO contact_points (id, debtor_id, kind, type, value, time_zone, source) VALUES
           ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000001', 'phone', 'mobile', '+1 808-555-0100', 'America/New_York', 'import'),
           ('00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-000000000001', 'email', 'other', 'jane@example.com', NULL, 'import')`,
      );
      await client.query(sql(ZONES));
      const { rows } = await client.query(
        `SELECT value, time_zones, zone_source::text AS zone_source FROM contact_points ORDER BY id`,
      );
      expect(rows).toEqual([
        { value: '+1 808-555-0100', time_zones: ['America/New_York'], zone_source: 'customer' },
        { value: 'jane@example.com', time_zones: [], zone_source: null },
      ]);
    } finally {
      await client.end();
    }
  });
});
