import { execFileSync } from 'node:child_process';
import { createPrismaClient } from '@crm/db';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '@crm/db/seed';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadEnv } from '../src/config/env.js';
import { createTestDatabase, type TestDatabase } from './database.js';

const NOW = new Date('2026-11-22T12:00:00Z');

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const FINGERPRINT = `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM (
  SELECT a.id, a.external_id, a.balance_minor, a.oldest_unpaid_due_date, d.full_name, d.time_zone FROM accounts a JOIN debtors d ON d.id = a.debtor_id
  UNION ALL SELECT c.id, c.disposition::text, 0, c.started_at::date, c.notes, c.channel::text FROM contact_attempts c) t`;

describe('demo seed', () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => Promise.all(dbs.map((d) => d.drop())));

  it('never dates a call after the moment it is seeded, whatever the hour (customers behind UTC included)', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    // 01:30 UTC: the evening before in the Americas and Hawaii, where the history's last calls fall.
    const early = new Date('2026-11-22T01:30:00Z');
    await seedDemo(db.url, { accounts: 300, now: early });
    const [row] = await query<{ future: string }>(
      db.url,
      `SELECT count(*) AS future FROM contact_attempts WHERE started_at > '${early.toISOString()}'::timestamptz`,
    );
    expect(Number(row!.future)).toBe(0);
  });

  it('is deterministic and realistic', async () => {
    const [one, two] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    dbs.push(one, two);
    await seedDemo(one.url, { accounts: 400, now: NOW });
    await seedDemo(two.url, { accounts: 400, now: NOW });
    const [h1] = await query<{ h: string }>(one.url, FINGERPRINT);
    const [h2] = await query<{ h: string }>(two.url, FINGERPRINT);
    expect(h1!.h).toBe(h2!.h);

    const [facts] = await query<Record<string, string>>(
      one.url,
      `SELECT
      (SELECT count(*) FROM accounts) AS accounts,
      (SELECT count(DISTINCT currency) FROM accounts) AS currencies,
      (SELECT count(DISTINCT split_part(time_zone, '/', 1)) FROM debtors) AS continents,
      (SELECT count(*) FROM debtors WHERE full_name ~ '[\\u4e00-\\u9fff]') AS chinese_names,
      (SELECT count(*) FROM accounts WHERE oldest_unpaid_due_date > DATE '2026-11-22') AS pre_due,
      (SELECT count(*) FROM accounts WHERE DATE '2026-11-22' - oldest_unpaid_due_date > 90) AS m4,
      (SELECT count(DISTINCT status) FROM promises) AS promise_statuses,
      (SELECT count(*) FROM payment_plans) AS plans,
      (SELECT count(*) FROM payments) AS payments,
      (SELECT count(*) FROM third_parties) AS third_parties,
      (SELECT count(*) FROM stop_flags) AS stop_flags,
      (SELECT min(started_at) FROM contact_attempts) AS first_contact,
      (SELECT count(*) FROM policies) AS policies`,
    );
    expect(Number(facts!.accounts)).toBe(400);
    expect(Number(facts!.currencies)).toBe(3);
    expect(Number(facts!.continents)).toBeGreaterThanOrEqual(4);
    expect(Number(facts!.chinese_names)).toBeGreaterThan(50);
    expect(Number(facts!.pre_due)).toBeGreaterThan(0);
    expect(Number(facts!.m4)).toBeGreaterThan(0);
    expect(Number(facts!.promise_statuses)).toBe(4);
    for (const key of ['plans', 'payments', 'third_parties', 'stop_flags'])
      expect(Number(facts![key])).toBeGreaterThan(0);
    expect(new Date(facts!.first_contact!).getTime()).toBeLessThan(NOW.getTime() - 90 * 86_400_000);
    expect(Number(facts!.policies)).toBe(6); // stage thresholds, US/UK/CN profiles, promise rules, queue weights

    // Practice attempts (issue 17, ADR 057) for collector1 and collector2, scored, each with a better later try.
    const practice = await query<{ username: string; scores: number[]; passed: boolean[]; locales: string[] }>(
      one.url,
      `SELECT u.username, array_agg(p.score ORDER BY p.started_at) AS scores, array_agg(p.passed ORDER BY p.started_at) AS passed,
              array_agg(DISTINCT s.locale::text) AS locales
         FROM practice_sessions p JOIN users u ON u.id = p.trainee_id
         JOIN practice_scenario_versions v ON v.id = p.scenario_version_id JOIN practice_scenarios s ON s.id = v.scenario_id
        GROUP BY u.username ORDER BY u.username`,
    );
    expect(practice.map((p) => [p.username, p.locales])).toEqual([
      ['collector1', ['en']],
      ['collector2', ['zh-CN']],
    ]);
    for (const p of practice) {
      expect(p.scores.length).toBeGreaterThanOrEqual(3);
      expect(p.scores[0]!).toBeLessThan(Math.max(...p.scores));
      expect(p.passed).toContain(true);
      expect(p.passed).toContain(false);
    }

    // Consent examples the demo shows (issue 13), each with its audit event.
    const [consent] = await query<Record<string, string>>(
      one.url,
      `SELECT
      (SELECT count(*) FROM contact_points WHERE opted_out_channels = ARRAY['sms']::"Channel"[] AND NOT opted_out) AS sms_only,
      (SELECT count(*) FROM contact_points WHERE kind = 'email' AND opted_out) AS email_opted_out,
      (SELECT count(*) FROM contact_points WHERE type = 'work' AND work_inconvenient) AS work_inconvenient,
      (SELECT count(*) FROM debtors d JOIN accounts a ON a.debtor_id = d.id
        WHERE a.compliance_profile = 'UK' AND jsonb_array_length(d.inconvenient_times) > 0) AS uk_inconvenient,
      (SELECT count(*) FROM debtors WHERE preferred_channel IS NOT NULL AND preferred_time_start IS NOT NULL) AS preferred,
      (SELECT count(*) FROM audit_events WHERE action = 'consent.sms_stop') AS stop_replies,
      (SELECT count(*) FROM third_parties WHERE do_not_contact AND do_not_contact_at IS NOT NULL) AS third_party_dnc,
      (SELECT count(*) FROM audit_events WHERE action LIKE 'consent.%') AS consent_events,
      (SELECT count(*) FROM users WHERE role = 'admin') AS admins,
      (SELECT count(*) FROM accounts a JOIN users u ON u.id = a.assigned_collector_id
        WHERE u.username = 'collector1' AND a.compliance_profile = 'CN'
          AND EXISTS (SELECT 1 FROM third_parties t WHERE t.debtor_id = a.debtor_id AND t.phone IS NOT NULL AND NOT t.do_not_contact)
          AND NOT EXISTS (SELECT 1 FROM contact_points p WHERE p.debtor_id = a.debtor_id AND p.kind = 'phone' AND p.status <> 'invalid'))
        AS cn_unreachable_with_third_party`,
    );
    for (const key of [
      'sms_only',
      'email_opted_out',
      'work_inconvenient',
      'uk_inconvenient',
      'preferred',
      'stop_replies',
      'third_party_dnc',
      'cn_unreachable_with_third_party',
    ])
      expect(Number(consent![key]), key).toBeGreaterThan(0);
    expect(Number(consent!.consent_events)).toBe(7);
    expect(Number(consent!.admins)).toBe(2);
    // A validation notice inside its period (collector1) and an open dispute holding collection (collector2).
    const notices = await query<{ username: string; sent_at: Date; ends: string; content: Buffer }>(
      one.url,
      `SELECT u.username, o.sent_at, n.validation_ends_on::text AS ends, doc.content
         FROM validation_notices n JOIN outbox_messages o ON o.id = n.outbox_message_id
         JOIN documents doc ON doc.id = o.document_id
         JOIN accounts a ON a.id = n.account_id JOIN users u ON u.id = a.assigned_collector_id ORDER BY u.username`,
    );
    expect(notices.map((n) => n.username)).toEqual(['collector1', 'collector2']);
    for (const n of notices) expect(n.ends > '2026-11-22').toBe(true);
    const text = execFileSync('pdftotext', ['-', '-'], { input: notices[0]!.content, encoding: 'utf8' });
    expect(text).toContain('is a debt collector');
    expect(text).toContain('www.cfpb.gov/debt-collection');
    const disputes = await query<{ status: string; hold: string; cleared: Date | null }>(
      one.url,
      `SELECT d.status, d.hold_basis AS hold, f.cleared_at AS cleared FROM disputes d JOIN stop_flags f ON f.id = d.stop_flag_id`,
    );
    expect(disputes).toEqual([{ status: 'open', hold: 'law', cleared: null }]);

    // Every demo user can sign in with the documented password.
    const db = createPrismaClient(one.appUrl);
    const app = await buildApp({ env: loadEnv({ LOG_LEVEL: 'silent', JOBS: 'off' }), db });
    let adminCookie = '';
    for (const u of DEMO_USERS) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: DEMO_PASSWORD },
      });
      expect(res.statusCode, u.username).toBe(200);
      expect(res.json().user.role).toBe(u.role);
      if (u.username === 'admin1') adminCookie = String(res.headers['set-cookie']).split(';')[0]!;
    }
    // A finished experiment (ADR 056) whose challenger wins significantly, read through the API.
    const list = await app.inject({ method: 'GET', url: '/api/experiments', headers: { cookie: adminCookie } });
    expect(list.json().items).toEqual([expect.objectContaining({ stage: 'm2', locale: 'en', status: 'stopped' })]);
    const experiment = (
      await app.inject({
        method: 'GET',
        url: `/api/experiments/${list.json().items[0].id}`,
        headers: { cookie: adminCookie },
      })
    ).json();
    expect(experiment.variants[1].verdict).toMatchObject({ kind: 'winner', winner: 'challenger' });
    expect(experiment.variants[0].results.rightPartyContacts).toBeGreaterThan(100);
    await app.close();
    await db.$disconnect();
  });
});
