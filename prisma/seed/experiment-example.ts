import { DEFAULT_SCRIPTS, bucketRanges, experimentBucket } from '@crm/domain';
import type pg from 'pg';
import { createRandom } from './demo-data.js';

/**
 * What the seeded experiment's challenger says at the close (lawful: no compliance finding). It
 * still reads the promise back (the desk fills the promise's terms in, and a promoted challenger is
 * what every later M2 English call reads); what it adds is the written confirmation.
 */
const CHALLENGER_CLOSING =
  'So, to confirm: you will pay {{promiseAmount}} on {{promiseDate}} by {{promiseChannel}}. You will receive a written confirmation of what we agreed today. If anything changes, please call us before the date. Thank you for working this out with me, {{customerName}}.';

/**
 * A finished champion/challenger experiment for the demo (issue 17, ADR 056): the M2 English
 * script's published version 1 against a version 2 with a different close, 50/50, run from 60 to
 * 14 days ago and stopped, not yet promoted (the admin promotes the winner in the demo). Its
 * history is calls on English accounts (recorded at M2), each account on its variant by the same bucket the API
 * uses, with promise rates 18% (champion) and 32% (challenger) per right-party contact: a
 * significant difference. Deterministic (its own random source, accounts by external id) and
 * small (at most about 500 calls).
 */
export async function seedExperimentExample(
  client: pg.PoolClient,
  { now, adminId, collectorIds }: { now: Date; adminId: string; collectorIds: string[] },
): Promise<string | null> {
  const r = createRandom(17_056);
  const script = await client.query<{ id: string; champion: string; next: number }>(
    `SELECT s.id, v.id AS champion, (SELECT max(version) + 1 FROM script_versions WHERE script_id = s.id) AS next
     FROM scripts s JOIN script_versions v ON v.script_id = s.id AND v.status = 'published'
     WHERE s.stage = 'm2' AND s.locale = 'en'`,
  );
  const row = script.rows[0];
  if (!row) return null;
  const accounts = await client.query<{ id: string; debtor_id: string; currency: string; phone: string }>(
    `SELECT a.id, a.debtor_id, a.currency::text AS currency, p.id AS phone
     FROM accounts a JOIN debtors d ON d.id = a.debtor_id
     JOIN LATERAL (SELECT id FROM contact_points WHERE debtor_id = a.debtor_id AND kind = 'phone' ORDER BY id LIMIT 1) p ON true
     WHERE d.preferred_language = 'en' AND a.compliance_profile IN ('US', 'UK')
     ORDER BY a.external_id LIMIT 120`,
  );
  if (accounts.rows.length < 20) return null;

  const day = 86_400_000;
  const experimentId = r.uuid();
  const challengerVersionId = r.uuid();
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
  const base = DEFAULT_SCRIPTS.find((s) => s.stage === 'm2' && s.locale === 'en')!;
  const steps = base.steps.map((s, i) => (i === base.steps.length - 1 ? { ...s, text: CHALLENGER_CLOSING } : s));
  await client.query(
    `INSERT INTO script_versions (id, script_id, version, status, steps, created_by_id, created_at, reviewed_at)
     VALUES ($1, $2, $3, 'approved', $4::jsonb, $5, $6, $7)`,
    [challengerVersionId, row.id, row.next, JSON.stringify(steps), adminId, at(62), at(60)],
  );
  await client.query(
    `INSERT INTO experiments (id, name, stage, locale, status, created_by_id, created_at, started_at, started_by_id, ended_at, ended_by_id)
     VALUES ($1, 'M2 close: written confirmation', 'm2', 'en', 'stopped', $2, $3, $4, $2, $5, $2)`,
    [experimentId, adminId, at(61), at(60), at(14)],
  );
  const { ranges } = bucketRanges([50, 50]);
  const variants = [
    { id: r.uuid(), versionId: row.champion, champion: true, ...ranges[0]! },
    { id: r.uuid(), versionId: challengerVersionId, champion: false, ...ranges[1]! },
  ];
  for (const [position, v] of variants.entries())
    await client.query(
      `INSERT INTO experiment_variants (id, experiment_id, script_version_id, champion, position, share, bucket_from, bucket_to)
       VALUES ($1, $2, $3, $4, $5, 50, $6, $7)`,
      [v.id, experimentId, v.versionId, v.champion, position, v.bucketFrom, v.bucketTo],
    );
  for (const [action, daysAgo] of [
    ['experiment.create', 61],
    ['experiment.start', 60],
    ['experiment.stop', 14],
  ] as const)
    await client.query(
      `INSERT INTO audit_events (at, actor_id, action, entity_type, entity_id, account_ids, purpose, data)
       VALUES ($1, $2, $3, 'experiment', $4, ARRAY[]::uuid[], NULL, '{}'::jsonb)`,
      [at(daysAgo), adminId, action, experimentId],
    );

  // Calls: 4 per account over the experiment's weeks; the nth call on a variant makes a promise
  // when n mod 50 < 9 (champion, 18%) or n mod 25 < 8 (challenger, 32%).
  const made = new Map<string, number>();
  for (const [k, a] of accounts.rows.entries()) {
    const bucket = experimentBucket(experimentId, a.id);
    const variant = variants.find((v) => bucket >= v.bucketFrom && bucket <= v.bucketTo)!;
    for (let call = 0; call < 4; call++) {
      const n = made.get(variant.id) ?? 0;
      made.set(variant.id, n + 1);
      const promised = variant.champion ? n % 50 < 9 : n % 25 < 8;
      const daysAgo = 58 - call * 10 - (k % 7);
      const startedAt = new Date(at(daysAgo).getTime() + r.int(0, 6 * 3600) * 1000);
      const attemptId = r.uuid();
      const collectorId = collectorIds[k % collectorIds.length]!;
      await client.query(
        `INSERT INTO contact_attempts (id, account_id, debtor_id, collector_id, channel, direction, contact_point_id,
           party_reached, disposition, notes, started_at, ended_at, stage, script_version_id, experiment_variant_id)
         VALUES ($1, $2, $3, $4, 'phone', 'outbound', $5, 'debtor', $6, $7, $8, $9, 'm2', $10, $11)`,
        [
          attemptId,
          a.id,
          a.debtor_id,
          collectorId,
          a.phone,
          promised ? 'promise_to_pay' : 'right_party_contact',
          promised
            ? 'Customer agreed to pay; restated amount, date and channel before closing.'
            : 'Spoke with the customer; no commitment today.',
          startedAt.toISOString(),
          new Date(startedAt.getTime() + r.int(120, 600) * 1000).toISOString(),
          variant.versionId,
          variant.id,
        ],
      );
      if (!promised) continue;
      // Judged by now (due at least 4 days before the experiment ended): 3 in 4 kept, with the payment.
      const amount = r.int(50, 400) * 100;
      const due = new Date(startedAt.getTime() + 5 * day);
      const kept = (n + k) % 4 !== 0;
      await client.query(
        `INSERT INTO promises (id, account_id, contact_attempt_id, amount_minor, currency, due_date, channel, status,
           paid_minor, created_by_id, created_at, status_changed_at, stage, script_version_id)
         VALUES ($1, $2, $3, $4, $5, $6::date, 'bank_transfer', $7, $8, $9, $10, $11, 'm2', $12)`,
        [
          r.uuid(),
          a.id,
          attemptId,
          amount,
          a.currency,
          due.toISOString().slice(0, 10),
          kept ? 'kept' : 'broken',
          kept ? amount : 0,
          collectorId,
          startedAt.toISOString(),
          new Date(due.getTime() + 4 * day).toISOString(),
          variant.versionId,
        ],
      );
      if (kept)
        await client.query(
          `INSERT INTO payments (id, account_id, amount_minor, currency, paid_at, channel, source, reference)
           VALUES ($1, $2, $3, $4, $5, 'bank_transfer', 'demo', $6)`,
          [
            r.uuid(),
            a.id,
            amount,
            a.currency,
            new Date(due.getTime() - day).toISOString(),
            `DEMO-X-${attemptId.slice(0, 13)}`,
          ],
        );
    }
  }
  return experimentId;
}
