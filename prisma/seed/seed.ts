import { STAGES } from '@crm/contracts';
import {
  DEFAULT_OBJECTIONS,
  DEFAULT_POLICIES,
  DEFAULT_PRACTICE_SCENARIOS,
  DEFAULT_SCRIPTS,
  localDate,
} from '@crm/domain';
import pg from 'pg';
import { ATTRIBUTE_PAYMENTS_SQL } from '../src/attribution.js';
import { hashPassword } from '../src/password.js';
import { applyConsentExamples } from './consent-examples.js';
import { copyRows } from './copy.js';
import { COLUMNS, CREDITORS, createRandom, generateChunk, type ChunkRows } from './demo-data.js';
import { seedExperimentExample } from './experiment-example.js';
import { seedDisputeExamples } from './disputes.js';
import { seedPracticeAttempts } from './practice.js';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_USERS = [
  { username: 'collector1', displayName: 'Alex Chen', role: 'collector', team: 'Team A', locale: 'en' },
  { username: 'collector2', displayName: '李娜 Li Na', role: 'collector', team: 'Team A', locale: 'zh-CN' },
  { username: 'collector3', displayName: 'Sam Okafor', role: 'collector', team: 'Team B', locale: 'en' },
  { username: 'supervisor1', displayName: 'Morgan Reyes', role: 'supervisor', team: null, locale: 'en' },
  { username: 'admin1', displayName: 'Jordan Blake', role: 'admin', team: null, locale: 'en' },
  // A second admin: script wording with compliance findings needs a second person's approval (ADR 021).
  { username: 'admin2', displayName: 'Priya Natarajan', role: 'admin', team: null, locale: 'en' },
] as const;

export interface SeedOptions {
  accounts: number;
  /** Reference "today" of the portfolio; defaults to the current date in UTC. */
  now?: Date;
  seed?: number;
  log?: (line: string) => void;
  /** Multiplies the contact history per account (benchmarks: about 10 attempts per account at 1.75). */
  historyScale?: number;
}

/**
 * Writes the default policies when none exist. Not demo data: every database needs them,
 * production included; admins version them afterwards.
 */
export async function ensureDefaultPolicies(client: pg.Pool | pg.PoolClient): Promise<void> {
  for (const policy of DEFAULT_POLICIES) {
    await client.query(
      `INSERT INTO policies (id, kind, key, version, data)
       SELECT gen_random_uuid(), $1::"PolicyKind", $2, 1, $3::jsonb
       WHERE NOT EXISTS (SELECT 1 FROM policies WHERE kind = $1::"PolicyKind" AND key = $2)`,
      [policy.kind, policy.key, JSON.stringify(policy.data)],
    );
  }
}

/**
 * Writes the default script library (published version 1 per stage and language) and the
 * objection answers when the library is empty. Reference data, not demo data.
 */
export async function ensureDefaultScriptLibrary(client: pg.Pool | pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM scripts');
  if (Number(rows[0]?.n) > 0) return;
  const dbLocale = (l: string) => (l === 'zh-CN' ? 'zh-CN' : 'en');
  for (const script of DEFAULT_SCRIPTS) {
    await client.query(
      `WITH s AS (INSERT INTO scripts (id, stage, locale, name) VALUES (gen_random_uuid(), $1, $2::"Locale", $3) RETURNING id)
       INSERT INTO script_versions (id, script_id, version, status, steps, published_at)
       SELECT gen_random_uuid(), s.id, 1, 'published', $4::jsonb, now() FROM s`,
      [script.stage, dbLocale(script.locale), script.name, JSON.stringify(script.steps)],
    );
  }
  for (const o of DEFAULT_OBJECTIONS) {
    await client.query(
      `WITH o AS (INSERT INTO objection_answers (id, category, locale, customer_says, answer, stages)
                  VALUES (gen_random_uuid(), $1, $2::"Locale", $3, $4, $5) RETURNING id)
       INSERT INTO objection_answer_versions (id, objection_id, version, category, locale, customer_says, answer, stages, active)
       SELECT gen_random_uuid(), o.id, 1, $1, $2::"Locale", $3, $4, $5, true FROM o`,
      [o.category, dbLocale(o.locale), o.customerSays, o.answer, [...STAGES]],
    );
  }
}

/**
 * Writes the default practice scenarios (version 1 each, ADR 057) that are missing by key: a
 * scenario an admin has versioned is left as it is. Reference data, not demo data.
 */
export async function ensureDefaultPracticeScenarios(client: pg.Pool | pg.PoolClient): Promise<void> {
  for (const s of DEFAULT_PRACTICE_SCENARIOS) {
    await client.query(
      `WITH s AS (INSERT INTO practice_scenarios (id, key, locale) VALUES (gen_random_uuid(), $1, $2::"Locale")
                  ON CONFLICT (key) DO NOTHING RETURNING id)
       INSERT INTO practice_scenario_versions (id, scenario_id, version, content)
       SELECT gen_random_uuid(), s.id, 1, $3::jsonb FROM s`,
      [s.key, s.content.locale === 'zh-CN' ? 'zh-CN' : 'en', JSON.stringify(s.content)],
    );
  }
}

/** Policies, the script library and the practice scenarios: what every database needs, production included. */
export async function ensureReferenceData(client: pg.Pool | pg.PoolClient): Promise<void> {
  await ensureDefaultPolicies(client);
  await ensureDefaultScriptLibrary(client);
  await ensureDefaultPracticeScenarios(client);
}

export async function isDatabaseEmpty(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ n: string }>(
    'SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM accounts) AS n',
  );
  return Number(rows[0]?.n ?? 0) === 0;
}

/**
 * Seeds the deterministic demo portfolio: teams, demo users, creditors, debtors with
 * contact points and third parties, accounts across all stages, months of history.
 * Bulk-loaded with COPY in chunks, each chunk in its own transaction.
 */
export async function seedDemo(databaseUrl: string, options: SeedOptions): Promise<{ accounts: number; ms: number }> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const today = localDate(now, 'UTC');
  const r = createRandom(options.seed ?? 20261122);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await ensureReferenceData(pool);
    const passwordHash = await hashPassword(DEMO_PASSWORD);

    const teamIds: Record<string, string> = { 'Team A': r.uuid(), 'Team B': r.uuid() };
    const userIds: Record<string, string> = {};
    for (const u of DEMO_USERS) userIds[u.username] = r.uuid();

    // Large benchmark portfolios get extra collectors so each book stays a realistic size
    // (about 1,000 accounts per collector).
    const extraCollectors = options.accounts > 10_000 ? Math.ceil(options.accounts / 1_000) : 0;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // Users and teams point at each other: teams first without a supervisor.
      await copyRows(
        client,
        'teams',
        ['id', 'name'],
        Object.entries(teamIds).map(([name, id]) => [id, name]),
      );
      await copyRows(
        client,
        'users',
        ['id', 'username', 'display_name', 'password_hash', 'role', 'team_id', 'locale', 'time_zone', 'updated_at'],
        [
          ...DEMO_USERS.map((u) => [
            userIds[u.username]!,
            u.username,
            u.displayName,
            passwordHash,
            u.role,
            u.team ? teamIds[u.team]! : null,
            u.locale,
            u.locale === 'zh-CN' ? 'Asia/Shanghai' : 'America/New_York',
            now.toISOString(),
          ]),
          ...Array.from({ length: extraCollectors }, (_, k) => {
            const username = `bench-collector-${k + 1}`;
            userIds[username] = r.uuid();
            return [
              userIds[username]!,
              username,
              `Bench Collector ${k + 1}`,
              passwordHash,
              'collector',
              k % 2 ? teamIds['Team B']! : teamIds['Team A']!,
              'en',
              'UTC',
              now.toISOString(),
            ];
          }),
        ],
      );
      await client.query('UPDATE teams SET supervisor_id = $1', [userIds.supervisor1]);
      const creditorIds: Record<string, string> = {};
      await copyRows(
        client,
        'creditors',
        ['id', 'code', 'name', 'compliance_profile'],
        CREDITORS.map((c) => {
          creditorIds[c.code] = r.uuid();
          return [creditorIds[c.code]!, c.code, c.name, c.complianceProfile];
        }),
      );
      await client.query('COMMIT');

      const collectorIds = Object.entries(userIds)
        .filter(([name]) => name.startsWith('collector') || name.startsWith('bench-collector'))
        .map(([, id]) => id);
      // The published script per stage and language: phone calls in the history used it.
      const scripts = await client.query<{ key: string; id: string }>(
        `SELECT s.stage || '|' || s.locale AS key, v.id FROM scripts s JOIN script_versions v ON v.script_id = s.id AND v.status = 'published'`,
      );
      const scriptVersionIds = Object.fromEntries(scripts.rows.map((x) => [x.key, x.id]));
      const CHUNK = 10_000;
      const bulk = options.accounts >= BULK_THRESHOLD ? await prepareBulkLoad(client, log) : null;
      try {
        for (let start = 0; start < options.accounts; start += CHUNK) {
          const end = Math.min(options.accounts, start + CHUNK);
          const rows = generateChunk(r, start, end, {
            today,
            now,
            creditorIds,
            collectorIds,
            scriptVersionIds,
            historyScale: options.historyScale ?? 1,
            supervisorId: userIds.supervisor1!,
          });
          await client.query('BEGIN');
          await writeChunk(client, rows);
          await client.query('COMMIT');
          if (options.accounts > CHUNK)
            log(`  ${end.toLocaleString('en')} / ${options.accounts.toLocaleString('en')} accounts`);
        }
      } finally {
        await bulk?.restore();
      }
      // A finished champion/challenger experiment with a significant winner (ADR 056).
      await client.query('BEGIN');
      await seedExperimentExample(client, {
        now,
        adminId: userIds.admin1!,
        collectorIds: DEMO_USERS.filter((u) => u.role === 'collector').map((u) => userIds[u.username]!),
      });
      await client.query('COMMIT');
      // Payments are credited to the last attempt before them, as the API does when they arrive.
      await client.query(ATTRIBUTE_PAYMENTS_SQL, [null]);
      // Consent examples the demo shows (an SMS-only opt-out, a STOP reply, a UK customer's inconvenient times...).
      await client.query('BEGIN');
      await applyConsentExamples(client, { now, collectorId: userIds.collector1! });
      // A validation notice inside its period, and an open dispute awaiting verification.
      await seedDisputeExamples(client, {
        now,
        collectorIds: userIds,
        // The configuration's defaults (COLLECTOR_NAME, COLLECTOR_MAILING_ADDRESS in apps/api).
        collector: { name: 'Northwind Recovery Services', mailingAddress: ['PO Box 1200', 'Wilmington, DE 19899'] },
      });
      // Practice attempts for collector1 and collector2 (practice tables only, ADR 057).
      await seedPracticeAttempts(client, { now, collectorIds: userIds });
      await client.query('COMMIT');
      await client.query('ANALYZE');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
  return { accounts: options.accounts, ms: Date.now() - started };
}

/** From this size on, secondary indexes are built once after the load instead of row by row. */
const BULK_THRESHOLD = 50_000;
const BULK_TABLES = [
  'debtors',
  'contact_points',
  'third_parties',
  'accounts',
  'stop_flags',
  'contact_attempts',
  'payment_plans',
  'promises',
  'payments',
  'callbacks',
  'stage_transitions',
];

/**
 * Standard bulk-load practice for big benchmark portfolios: drop the secondary indexes of the
 * (empty) tables and rebuild them at the end, and skip per-row foreign-key triggers when the
 * role may (the generator writes consistent data). `restore` always rebuilds the indexes.
 */
async function prepareBulkLoad(client: pg.PoolClient, log: (line: string) => void) {
  try {
    await client.query('SET session_replication_role = replica');
  } catch {
    log('  (not a superuser: foreign keys are checked row by row, which is slower)');
  }
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT quote_ident(ci.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_class ci ON ci.oid = i.indexrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [BULK_TABLES],
  );
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  return {
    async restore() {
      await client.query('RESET session_replication_role').catch(() => {});
      log(`  rebuilding ${indexes.length} indexes`);
      await client.query("SET maintenance_work_mem = '512MB'");
      for (const index of indexes)
        await client.query(index.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
    },
  };
}

async function writeChunk(client: pg.PoolClient, rows: ChunkRows): Promise<void> {
  await copyRows(client, 'debtors', COLUMNS.debtors, rows.debtors);
  await copyRows(client, 'contact_points', COLUMNS.contactPoints, rows.contactPoints);
  await copyRows(client, 'third_parties', COLUMNS.thirdParties, rows.thirdParties);
  await copyRows(client, 'accounts', COLUMNS.accounts, rows.accounts);
  await copyRows(client, 'stop_flags', COLUMNS.stopFlags, rows.stopFlags);
  await copyRows(client, 'contact_attempts', COLUMNS.attempts, rows.attempts);
  await copyRows(client, 'payment_plans', COLUMNS.plans, rows.plans);
  await copyRows(client, 'promises', COLUMNS.promises, rows.promises);
  await copyRows(client, 'payments', COLUMNS.payments, rows.payments);
  await copyRows(client, 'callbacks', COLUMNS.callbacks, rows.callbacks);
  await copyRows(client, 'stage_transitions', COLUMNS.stageTransitions, rows.stageTransitions);
}
