// `pnpm db:create-admin --username NAME [--display-name "Full Name"]`
// Creates the first admin of a production database (which never gets demo users).
// The password is read from the terminal without echo, or from ADMIN_PASSWORD when not interactive.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openLocalDatabase } from './local-database.js';
import { migrateDeploy } from './migrate.js';
import { hashPassword } from './password.js';

const { values } = parseArgs({
  options: { username: { type: 'string' }, 'display-name': { type: 'string' } },
});
const username = values.username?.trim();
if (!username || !/^[a-z0-9._-]{3,50}$/i.test(username)) {
  console.error('--username is required: 3-50 letters, digits, dot, dash or underscore');
  process.exit(2);
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stdout.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new Error('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (!process.stdin.isTTY) throw new Error('Set ADMIN_PASSWORD when not running in a terminal.');
  const first = await promptHidden('Password (12+ characters): ');
  const second = await promptHidden('Repeat password: ');
  if (first !== second) throw new Error('The passwords differ.');
  return first;
}

const password = await readPassword();
if (password.length < 12) {
  console.error('The password must have at least 12 characters.');
  process.exit(2);
}

const db = await openLocalDatabase({
  databaseUrl: process.env.DATABASE_URL,
  migrationDatabaseUrl: process.env.MIGRATION_DATABASE_URL,
});
try {
  await migrateDeploy(db.url);
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  const result = await pool.query(
    `INSERT INTO users (id, username, display_name, password_hash, role, updated_at)
     VALUES (gen_random_uuid(), $1, $2, $3, 'admin', now()) ON CONFLICT (username) DO NOTHING RETURNING id`,
    [username, values['display-name'] ?? username, await hashPassword(password)],
  );
  await pool.end();
  if (result.rowCount === 0) {
    console.error(`A user named ${username} already exists; nothing changed.`);
    process.exitCode = 1;
  } else {
    console.log(`Admin ${username} created.`);
  }
} finally {
  await db.stop();
}
