// `pnpm db:migrate`: apply pending migrations to DATABASE_URL, or to the embedded PostgreSQL.
import { openLocalDatabase } from './local-database.js';
import { migrateDeploy } from './migrate.js';

const db = await openLocalDatabase({
  databaseUrl: process.env.DATABASE_URL,
  migrationDatabaseUrl: process.env.MIGRATION_DATABASE_URL,
});
try {
  console.log(await migrateDeploy(db.url));
} finally {
  await db.stop();
}
