import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// The JS (Wasm) schema engine with a driver adapter is the only Prisma path that works
// offline (see docs/decisions/002-prisma-6-js-engine.md). DATABASE_URL is read only when
// a command actually needs a connection (migrate deploy/status, diff).
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(import.meta.dirname, 'schema.prisma'),
  migrations: { path: path.join(import.meta.dirname, 'migrations') },
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' }),
});
