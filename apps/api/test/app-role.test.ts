import { APP_ROLE, connectionPrivileges } from '@crm/db/app-role';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';

// ADR 011: the API connects as a member of crm_app, which owns nothing, cannot change the
// schema, and may only INSERT and SELECT audit events; a trigger refuses UPDATE and DELETE even
// to the owner. The whole API suite runs as that role (test/build-app.ts).

describe('the app role', () => {
  let database: TestDatabase;
  let app: pg.Client;
  let owner: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = new pg.Client({ connectionString: database.appUrl });
    owner = new pg.Client({ connectionString: database.url });
    await Promise.all([app.connect(), owner.connect()]);
    await owner.query(`INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('test.seed', 'account', 'x')`);
  });
  afterAll(async () => {
    await Promise.all([app?.end(), owner?.end()]);
    await database?.drop();
  });

  const refused = (client: pg.Client, sql: string) =>
    expect(client.query(sql)).rejects.toThrow(/permission denied|append-only|must be owner/);

  it('may insert and read audit events, never update, delete or truncate them', async () => {
    await app.query(`INSERT INTO audit_events (action, entity_type) VALUES ('test.app', 'account')`);
    const { rows } = await app.query<{ n: string }>('SELECT count(*) AS n FROM audit_events');
    expect(Number(rows[0]!.n)).toBe(2);
    await refused(app, `UPDATE audit_events SET action = 'rewritten'`);
    await refused(app, `DELETE FROM audit_events`);
    await refused(app, `DELETE FROM audit_events WHERE false`);
    await refused(app, `TRUNCATE audit_events`);
    const after = await owner.query<{ action: string }>('SELECT action FROM audit_events ORDER BY id');
    expect(after.rows.map((r) => r.action)).toEqual(['test.seed', 'test.app']);
  });

  it('refuses UPDATE and DELETE of audit events even to the owner (trigger)', async () => {
    await refused(owner, `UPDATE audit_events SET action = 'rewritten'`);
    await refused(owner, `DELETE FROM audit_events WHERE action = 'test.seed'`);
    expect((await owner.query(`SELECT 1 FROM audit_events WHERE action = 'test.seed'`)).rowCount).toBe(1);
  });

  it('cannot change the schema, take over the role or touch the migration history', async () => {
    await refused(app, 'CREATE TABLE sneaky (id int)');
    await refused(app, 'ALTER TABLE accounts ADD COLUMN sneaky int');
    await refused(app, 'DROP TRIGGER audit_events_append_only ON audit_events');
    await refused(app, 'ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    await refused(app, 'SELECT * FROM _prisma_migrations');
    await refused(app, 'TRUNCATE accounts CASCADE');
    await expect(app.query('SET ROLE postgres')).rejects.toThrow(/permission denied/);
  });

  it('owns nothing and has exactly the DML it needs on every other table', async () => {
    const privileges = await connectionPrivileges(app);
    expect(privileges).toMatchObject({ superuser: false, canRewriteAudit: false, ownsTables: false });
    expect(await connectionPrivileges(owner)).toMatchObject({ superuser: true, canRewriteAudit: true });

    const { rows } = await owner.query<{ table_name: string; privileges: string[] }>(
      `SELECT c.relname AS table_name,
              ARRAY(SELECT p FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) p
                    WHERE has_table_privilege($1, c.oid, p) ORDER BY p) AS privileges
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
        ORDER BY 1`,
      [APP_ROLE],
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      const expected =
        row.table_name === '_prisma_migrations'
          ? []
          : row.table_name === 'audit_events'
            ? ['INSERT', 'SELECT']
            : ['DELETE', 'INSERT', 'SELECT', 'UPDATE'];
      expect(row.privileges, row.table_name).toEqual(expected);
    }
  });

  it('gets the same privileges on tables later migrations create (default privileges of the owner)', async () => {
    await owner.query('CREATE TABLE later_table (id serial PRIMARY KEY, v text)');
    await app.query(`INSERT INTO later_table (v) VALUES ('ok')`);
    expect((await app.query('SELECT v FROM later_table')).rows).toEqual([{ v: 'ok' }]);
  });
});
