import { randomUUID } from 'node:crypto';
import { LOCAL_APP_LOGIN, withCredentials } from '@crm/db/app-role';
import pg from 'pg';
import { inject } from 'vitest';

const TEMPLATE_DB = 'crm_template';

export interface TestDatabase {
  /** The owner (superuser): factories, assertions, anything the app itself may not do. */
  url: string;
  /** The app's least-privileged login (member of crm_app): what the app under test connects as. */
  appUrl: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(name: string): string {
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database for one test file, cloned from the migrated template (milliseconds). */
export async function createTestDatabase(options: { template?: string | null } = {}): Promise<TestDatabase> {
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const template = options.template === undefined ? TEMPLATE_DB : options.template;
  await admin((c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  return {
    name,
    url: databaseUrl(name),
    appUrl: withCredentials(databaseUrl(name), LOCAL_APP_LOGIN.user, LOCAL_APP_LOGIN.password),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
