import pg from 'pg';

/**
 * The application's database role (ADR 011). Migrations run as the owner of the schema; the
 * API connects as a login role that is a member of `crm_app`, which may read and write the
 * data (SELECT/INSERT/UPDATE/DELETE) but owns nothing, cannot change the schema, cannot see
 * Prisma's migration table and may only INSERT and SELECT audit events. The grants live in
 * the migration that creates the role (20261201030100_app_role); this file only makes a login.
 */
export const APP_ROLE = 'crm_app';

/**
 * The login the embedded PostgreSQL (pnpm start, tests, e2e, benchmarks) gives the API. The
 * cluster listens on 127.0.0.1 only and its superuser password is just as public, so this is no
 * secret: the point is that the API's connection has only `crm_app`'s privileges.
 */
export const LOCAL_APP_LOGIN = { user: 'crm_app_login', password: 'crm_app_login' } as const;

/** `url` with other credentials (same host, port, database and parameters). */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * Creates `crm_app` (no login; the migration grants it its privileges) and the local login role
 * that inherits them, when missing. Needs a connection allowed to create roles (the embedded
 * superuser). Returns the app's connection URL for `ownerUrl`'s database.
 */
export async function ensureLocalAppLogin(ownerUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // Roles belong to the cluster, not to one database; two starts at once may race here.
    await client.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          CREATE ROLE ${APP_ROLE} NOLOGIN;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${LOCAL_APP_LOGIN.user}') THEN
          CREATE ROLE ${LOCAL_APP_LOGIN.user} LOGIN PASSWORD '${LOCAL_APP_LOGIN.password}' NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END $$`);
    await client.query(`GRANT ${APP_ROLE} TO ${LOCAL_APP_LOGIN.user}`);
  } finally {
    await client.end();
  }
  return withCredentials(ownerUrl, LOCAL_APP_LOGIN.user, LOCAL_APP_LOGIN.password);
}

export interface ConnectionPrivileges {
  user: string;
  superuser: boolean;
  /** Can UPDATE, DELETE or TRUNCATE the audit trail (the app's role must not). */
  canRewriteAudit: boolean;
  /** Owns the schema's tables (the app's role must not). */
  ownsTables: boolean;
}

/** What the connection at `url` may do, to warn when the API runs with more than it needs. */
export async function connectionPrivileges(client: pg.Pool | pg.Client): Promise<ConnectionPrivileges> {
  const { rows } = await client.query<{ user: string; superuser: boolean; rewrite: boolean; owns: boolean }>(`
    SELECT current_user AS user,
           (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
           (has_table_privilege('audit_events', 'UPDATE') OR has_table_privilege('audit_events', 'DELETE')
             OR has_table_privilege('audit_events', 'TRUNCATE')) AS rewrite,
           EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND pg_has_role(c.relowner, 'USAGE')) AS owns`);
  const row = rows[0]!;
  return { user: row.user, superuser: row.superuser, canRewriteAudit: row.rewrite, ownsTables: row.owns };
}
