// `pnpm db:seed [--accounts N] [--reset]`: load the demo portfolio into DATABASE_URL, or into
// the embedded PostgreSQL under .data/ when DATABASE_URL is not set.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openLocalDatabase } from '../src/local-database.js';
import { migrateDeploy } from '../src/migrate.js';
import { isDatabaseEmpty, seedDemo } from './seed.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '2000' },
    reset: { type: 'boolean', default: false },
  },
});
const accounts = Number(values.accounts);
if (!Number.isInteger(accounts) || accounts < 1) {
  console.error('--accounts must be a whole number, 1 or more');
  process.exit(2);
}

const db = await openLocalDatabase({
  databaseUrl: process.env.DATABASE_URL,
  migrationDatabaseUrl: process.env.MIGRATION_DATABASE_URL,
});
try {
  await migrateDeploy(db.url);
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  try {
    if (!(await isDatabaseEmpty(pool))) {
      if (!values.reset) {
        console.error('The database already has data. Run with --reset to replace it with the demo portfolio.');
        process.exitCode = 1;
      } else {
        const { rows } = await pool.query<{ t: string }>(
          "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
        );
        await pool.query(`TRUNCATE ${rows.map((r) => `"${r.t}"`).join(', ')} CASCADE`);
      }
    }
  } finally {
    await pool.end();
  }
  if (process.exitCode !== 1) {
    console.log(`Seeding ${accounts.toLocaleString('en')} accounts...`);
    const result = await seedDemo(db.url, { accounts, log: (l) => console.log(l) });
    console.log(`Seeded ${result.accounts.toLocaleString('en')} accounts in ${(result.ms / 1000).toFixed(1)} s`);
  }
} finally {
  await db.stop();
}
