import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/client/client.js';

export * from '../generated/client/client.js';

export type Db = PrismaClient;

/** A Prisma client over node-postgres (driver adapter; no native engine). */
export function createPrismaClient(connectionString: string, options: { max?: number; onQuery?: (sql: string) => void } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10 });
  if (!options.onQuery) return new PrismaClient({ adapter });
  // Query events, for tests that count round trips.
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (e) => options.onQuery!(e.query));
  return client;
}
