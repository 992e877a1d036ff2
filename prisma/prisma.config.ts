import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// schema.prisma keeps `url = env("DATABASE_URL")` only so the CLI picks the JS engine; without
// a value the CLI falls back to downloading a native engine (impossible offline). Commands that
// need no database (generate) get a placeholder; real commands receive the real URL.
process.env.DATABASE_URL ??= 'postgresql://placeholder@localhost:5432/placeholder';

// The JS (Wasm) schema engine with a driver adapter is the only Prisma path that works
// offline (see docs/decisions/002-prisma-6-js-engine.md). DATABASE_URL is read only when
// a command actually needs a connection (migrate deploy/status, diff).
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(import.meta.dirname, 'schema.prisma'),
  migrations: { path: path.join(import.meta.dirname, 'migrations') },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
