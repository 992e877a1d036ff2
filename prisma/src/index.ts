import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/client/client.js';
import { createDirectClient, type DirectClient } from './direct.js';

export type { DirectClient, RawClient } from './direct.js';

export * from '../generated/client/client.js';

export type Db = PrismaClient;

/**
 * The mark that makes a statement a named (prepared) one (ADR 052): begin a STATIC statement's text
 * with it (`/* prepared *\/ SELECT ...`) and the driver adapter (patched, patches/@prisma__adapter-pg)
 * names it after a digest of its text, so PostgreSQL parses and plans it once per connection
 * instead of on every call. Only for texts that never vary (no list or clause spliced in).
 */
export const PREPARED = '/* prepared */';

const DIRECT = Symbol.for('crm.directClient');

/**
 * The direct client (prisma/src/direct.ts, ADR 052) of a client made by `createPrismaClient`:
 * the raw API on the same pool, outside the ORM. Also through a Proxy of the client (tests wrap it).
 */
export function directSql(db: object): DirectClient {
  const direct = (db as { [DIRECT]?: DirectClient })[DIRECT];
  if (!direct) throw new Error('directSql: not a client made by createPrismaClient');
  return direct;
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
  const client = onQuery
    ? // Query events, for tests that count round trips.
      new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] })
    : new PrismaClient({ adapter });
  if (onQuery) client.$on('query' as never, (e: { query: string }) => onQuery(e.query));
  Object.defineProperty(client, DIRECT, { value: createDirectClient(pool, onQuery) });
  return client;
}
