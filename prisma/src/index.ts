import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/client/client.js';

export * from '../generated/client/client.js';

export type Db = PrismaClient;

/**
 * The mark that makes a statement a named (prepared) one (ADR 052): begin a STATIC statement's text
 * with it (`/* prepared *\/ SELECT ...`) and the driver adapter (patched, patches/@prisma__adapter-pg)
 * names it after a digest of its text, so PostgreSQL parses and plans it once per connection
 * instead of on every call. Only for texts that never vary (no list or clause spliced in).
 */
export const PREPARED = '/* prepared */';

/**
 * Hand-written statements sent straight to the client's own connection pool, outside the ORM
 * (ADR 052): for the hottest reads, where the Prisma client's per-query work (its query compiler
 * and result decoding) costs more than PostgreSQL does. Every statement is a named prepared
 * statement (its name a digest of its text, as the adapter patch names marked ones), so only
 * static texts belong here. Counted by `onQuery` like the client's own statements. Rows come as
 * node-postgres gives them (json parsed, timestamptz as Date, int8 and numeric as text).
 */
export interface DirectSql {
  query<R>(text: string, values: unknown[]): Promise<R[]>;
}

const DIRECT = Symbol.for('crm.directSql');
const names = new Map<string, string>();
const nameOf = (text: string) => {
  let name = names.get(text);
  if (name === undefined) {
    name = `crm_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
};

/** The direct statements of a client made by `createPrismaClient` (also through a Proxy of it). */
export function directSql(db: object): DirectSql {
  const sql = (db as { [DIRECT]?: DirectSql })[DIRECT];
  if (!sql) throw new Error('directSql: not a client made by createPrismaClient');
  return sql;
}

/**
 * A Prisma client over node-postgres (driver adapter; no native engine). `connectTimeoutMs`
 * bounds both opening a connection and waiting for a free one in the pool (node-postgres applies
 * it to both), so an unreachable server or an exhausted pool gives an error (the API answers
 * 503) instead of a request that waits for ever; 10 s like Prisma's own engine pool timeout.
 * The pool is ours, shared by the client and its `directSql`, and ended by `$disconnect`.
 */
export function createPrismaClient(
  connectionString: string,
  options: { max?: number; connectTimeoutMs?: number; onQuery?: (sql: string) => void } = {},
): PrismaClient {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
  });
  // An idle connection the server drops is not a crash (the adapter logs the same at debug level).
  pool.on('error', () => {});
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const onQuery = options.onQuery;
  const direct: DirectSql = {
    async query<R>(text: string, values: unknown[]) {
      onQuery?.(text);
      const result = await pool.query({ name: nameOf(text), text, values: values as unknown[] });
      return result.rows as R[];
    },
  };
  const client = onQuery
    ? // Query events, for tests that count round trips.
      new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] })
    : new PrismaClient({ adapter });
  if (onQuery) client.$on('query' as never, (e: { query: string }) => onQuery(e.query));
  Object.defineProperty(client, DIRECT, { value: direct });
  return client;
}
