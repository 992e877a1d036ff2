import { PrismaPg } from '@prisma/adapter-pg';
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
 * A Prisma client over node-postgres (driver adapter; no native engine). `connectTimeoutMs`
 * bounds both opening a connection and waiting for a free one in the pool (node-postgres applies
 * it to both), so an unreachable server or an exhausted pool gives an error (the API answers
 * 503) instead of a request that waits for ever; 10 s like Prisma's own engine pool timeout.
 */
export function createPrismaClient(
  connectionString: string,
  options: { max?: number; connectTimeoutMs?: number; onQuery?: (sql: string) => void } = {},
): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
  });
  if (!options.onQuery) return new PrismaClient({ adapter });
  // Query events, for tests that count round trips.
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (e) => options.onQuery!(e.query));
  return client;
}
