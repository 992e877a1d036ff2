import type { ComplianceProfilePolicy, StageCode } from '@crm/domain';
import type { AccessFacts } from '../accounts/account-access.js';
import { assembleGateFacts, type GateFactRows, type GateFacts } from '../compliance/gate-facts.repository.js';
import type { ProfileCode } from '../policies/policies.repository.js';
import type { Tx } from '../../lib/transaction.js';

/**
 * Outcome recording in three statements (ADR 048): `lock` takes the gate's locks and the
 * Idempotency-Key's; `load` reads, in a statement of its own taken after the locks (so its
 * snapshot holds every contact committed before they were granted), everything the rules decide
 * on; `write` writes the attempt and all it carries, the lease release and the audit rows as one
 * statement of data-modifying CTEs. Hand-written because the ORM would send each of these as 5 to
 * 15 statements; the rows are typed here.
 */

/** The name an Idempotency-Key is locked under (the same as lockName('contact-idempotency', ...)). */
export const idempotencyLockName = (collectorId: string, key: string) =>
  `contact-idempotency:${JSON.stringify([collectorId, key])}`;

/** The first recording made with a key, as a replay answers it. */
export interface StoredRecording {
  id: string;
  accountId: string;
  startedAt: Date;
  disposition: string;
  overrideReasonCode: string | null;
  idempotencyFingerprint: string | null;
  promiseIds: string[];
  planId: string | null;
  callbackId: string | null;
}

/** What the recording's rules decide on, read under the locks. */
export interface RecordingFacts {
  account: {
    debtorId: string;
    currency: string;
    balanceMinor: bigint;
    complianceProfile: ProfileCode;
    /** YYYY-MM-DD or null. */
    oldestUnpaidDueDate: string | null;
    timeZone: string;
  };
  access: AccessFacts;
  facts: GateFacts;
  existing: StoredRecording | null;
  /** The stage the named script version's script serves; undefined when none was named, null when it does not exist. */
  scriptStage: StageCode | null | undefined;
}

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

interface LoadRow {
  id: string | null;
  debtorId: string;
  currency: string;
  balanceMinor: bigint;
  complianceProfile: ProfileCode;
  oldestUnpaidDueDate: string | null;
  timeZone: string;
  inconvenientTimes: unknown;
  assignedCollectorId: string | null;
  leasedById: string | null;
  leaseExpiresAt: Date | null;
  collectorActive: boolean | null;
  teamId: string | null;
  teamSupervisorId: string | null;
  points: Json<GateFactRows['points'][number]>[];
  flags: Json<GateFactRows['flags'][number]>[];
  attempts: Json<GateFactRows['attempts'][number]>[];
  callbacks: Json<GateFactRows['callbacks'][number]>[];
  scriptFound: boolean | null;
  scriptStage: StageCode | null;
  existing: Json<StoredRecording> | null;
}

const date = (s: string) => new Date(s);
const dateOrNull = (s: string | null) => (s === null ? null : new Date(s));

export interface NewOutcome {
  attemptId: string;
  accountId: string;
  debtorId: string;
  collectorId: string;
  currency: string;
  startedAt: Date;
  stage: StageCode;
  requestId: string;
  attempt: {
    channel: string;
    direction: string;
    contactPointId: string | null;
    thirdPartyId: string | null;
    partyReached: string;
    rightPartyVerifiedAt: Date | null;
    rightPartyMethod: string | null;
    disposition: string;
    notes: string | null;
    objections: string[];
    scriptVersionId: string | null;
    scriptBranch: string | null;
    customerRequested: boolean;
    claimedPayment: unknown;
    overrideReasonCode: string | null;
    overrideNote: string | null;
    idempotencyKey: string | null;
    idempotencyFingerprint: string | null;
  };
  /** The plan the instalments belong to, when the outcome is a plan. */
  planId: string | null;
  /** The single promise or the plan's instalments, in order; the first supersedes the pending single promise. */
  promises: {
    id: string;
    amountMinor: number;
    dueDate: string;
    channel: string;
    planId: string | null;
    sequence: number | null;
  }[];
  /** The customer-requested callback this attempt honoured (marked done). */
  honouredCallbackId: string | null;
  /** The agreed new callback (any earlier pending one is cancelled). */
  callback: { id: string; dueAt: Date; requestedByCustomer: boolean } | null;
  /** The contact point used: reached the customer (valid, last success now) or a wrong number (invalid). */
  contactPoint: { id: string; reachedDebtor: boolean; wrongNumber: boolean } | null;
  /** Audit rows after the attempt's (the superseded promises' row, when any, is written first by the statement). */
  audits: { action: string; data: Record<string, unknown> }[];
}

export type OutcomeRepository = ReturnType<typeof createOutcomeRepository>;

export function createOutcomeRepository() {
  return {
    /**
     * The customer, then the account (FOR NO KEY UPDATE, the gate's order, ADR 009), then the
     * key's advisory lock, in one statement: the account's CTE waits for the customer's lock
     * (its EXISTS, an init plan over the materialized customer CTE, is evaluated before its row
     * is locked) and the key is locked per locked account row. Says whether the account exists.
     */
    async lock(tx: Tx, accountId: string, keyLock: string | null): Promise<boolean> {
      const rows = await tx.$queryRaw<{ id: string }[]>`/* prepared */
        WITH d AS MATERIALIZED (
          SELECT id FROM debtors WHERE id = (SELECT debtor_id FROM accounts WHERE id = ${accountId}::uuid)
          FOR NO KEY UPDATE
        ), a AS MATERIALIZED (
          SELECT id FROM accounts WHERE id = ${accountId}::uuid AND EXISTS (SELECT 1 FROM d)
          FOR NO KEY UPDATE
        )
        SELECT a.id, CASE WHEN ${keyLock}::text IS NULL THEN NULL
                          ELSE pg_advisory_xact_lock(hashtextextended(${keyLock}::text, 0))::text END AS k
        FROM a`;
      return rows.length > 0;
    },

    /** Everything the rules decide on, in one statement through the locked transaction. */
    async load(
      tx: Tx,
      q: {
        accountId: string;
        collectorId: string;
        idempotencyKey: string | null;
        scriptVersionId: string | null;
        now: Date;
        /** How far back the gate reads attempts (domain gateLookbackStart). */
        since: Date;
        profiles: Record<ProfileCode, ComplianceProfilePolicy>;
      },
    ): Promise<RecordingFacts | null> {
      const [r] = await tx.$queryRaw<LoadRow[]>`/* prepared */
        SELECT a.id, a.debtor_id AS "debtorId", a.currency, a.balance_minor AS "balanceMinor",
               a.compliance_profile::text AS "complianceProfile", a.oldest_unpaid_due_date::text AS "oldestUnpaidDueDate",
               d.time_zone AS "timeZone", d.inconvenient_times AS "inconvenientTimes",
               a.assigned_collector_id AS "assignedCollectorId", a.leased_by_id AS "leasedById",
               a.lease_expires_at AS "leaseExpiresAt", u.active AS "collectorActive", tm.id AS "teamId",
               tm.supervisor_id AS "teamSupervisorId",
               (SELECT coalesce(json_agg(json_build_object(
                         'id', p.id, 'debtorId', p.debtor_id, 'value', p.value, 'source', p.source, 'kind', p.kind,
                         'type', p.type, 'status', p.status, 'optedOut', p.opted_out,
                         'optedOutChannels', p.opted_out_channels, 'workInconvenient', p.work_inconvenient,
                         'timeZones', p.time_zones, 'zoneSource', p.zone_source, 'label', p.label,
                         'statusReason', p.status_reason, 'lastSuccessAt', p.last_success_at)
                       ORDER BY p.kind, p.type, p.id), '[]')
                FROM contact_points p WHERE p.debtor_id = a.debtor_id) AS points,
               (SELECT coalesce(json_agg(json_build_object(
                         'id', f.id, 'accountId', f.account_id, 'debtorId', f.debtor_id, 'type', f.type,
                         'reason', f.reason, 'setAt', f.set_at, 'expiresAt', f.expires_at)
                       ORDER BY f.set_at DESC, f.id), '[]')
                FROM stop_flags f
                WHERE f.cleared_at IS NULL AND (f.expires_at IS NULL OR f.expires_at > ${q.now}::timestamptz)
                  AND (f.account_id = a.id OR (f.account_id IS NULL AND f.debtor_id = a.debtor_id))) AS flags,
               (SELECT coalesce(json_agg(json_build_object(
                         'accountId', t.account_id, 'startedAt', t.started_at, 'channel', t.channel,
                         'direction', t.direction, 'contactPointId', t.contact_point_id,
                         'partyReached', t.party_reached, 'disposition', t.disposition,
                         'customerRequested', t.customer_requested)), '[]')
                FROM contact_attempts t WHERE t.account_id = a.id AND t.started_at >= ${q.since}::timestamptz) AS attempts,
               (SELECT coalesce(json_agg(json_build_object(
                         'id', c.id, 'accountId', c.account_id, 'dueAt', c.due_at,
                         'requestedByCustomer', c.requested_by_customer, 'createdAt', c.created_at)), '[]')
                FROM (SELECT * FROM callbacks WHERE account_id = a.id AND status = 'pending'
                      ORDER BY due_at, id LIMIT 1) c) AS callbacks,
               (SELECT true FROM script_versions v WHERE v.id = ${q.scriptVersionId}::uuid) AS "scriptFound",
               (SELECT s.stage::text FROM script_versions v JOIN scripts s ON s.id = v.script_id
                WHERE v.id = ${q.scriptVersionId}::uuid) AS "scriptStage",
               (SELECT json_build_object(
                         'id', e.id, 'accountId', e.account_id, 'startedAt', e.started_at,
                         'disposition', e.disposition, 'overrideReasonCode', e.override_reason_code,
                         'idempotencyFingerprint', e.idempotency_fingerprint,
                         'promiseIds', (SELECT coalesce(json_agg(pr.id ORDER BY pr.sequence NULLS FIRST, pr.created_at, pr.id), '[]')
                                        FROM promises pr WHERE pr.contact_attempt_id = e.id),
                         'planId', (SELECT pl.id FROM payment_plans pl WHERE pl.contact_attempt_id = e.id ORDER BY pl.id LIMIT 1),
                         'callbackId', (SELECT cb.id FROM callbacks cb WHERE cb.contact_attempt_id = e.id ORDER BY cb.id LIMIT 1))
                FROM contact_attempts e
                WHERE e.collector_id = ${q.collectorId}::uuid AND e.idempotency_key = ${q.idempotencyKey}::text) AS existing
        FROM (SELECT 1) one
        LEFT JOIN accounts a ON a.id = ${q.accountId}::uuid
        LEFT JOIN debtors d ON d.id = a.debtor_id
        LEFT JOIN users u ON u.id = a.assigned_collector_id
        LEFT JOIN teams tm ON tm.id = u.team_id`;
      if (!r) return null;
      const existing: StoredRecording | null = r.existing
        ? { ...r.existing, startedAt: date(r.existing.startedAt) }
        : null;
      if (r.id === null) return existing ? ({ existing } as RecordingFacts) : null;
      const facts = assembleGateFacts({
        accounts: [
          {
            id: r.id,
            debtorId: r.debtorId,
            complianceProfile: r.complianceProfile,
            timeZone: r.timeZone,
            inconvenientTimes: r.inconvenientTimes,
          },
        ],
        profiles: q.profiles,
        points: r.points.map((p) => ({ ...p, lastSuccessAt: dateOrNull(p.lastSuccessAt) })),
        flags: r.flags.map((f) => ({ ...f, setAt: date(f.setAt), expiresAt: dateOrNull(f.expiresAt) })),
        attempts: r.attempts.map((t) => ({ ...t, startedAt: date(t.startedAt) })),
        callbacks: r.callbacks.map((c) => ({ ...c, dueAt: date(c.dueAt), createdAt: date(c.createdAt) })),
      }).get(r.id)!;
      return {
        account: {
          debtorId: r.debtorId,
          currency: r.currency,
          balanceMinor: r.balanceMinor,
          complianceProfile: r.complianceProfile,
          oldestUnpaidDueDate: r.oldestUnpaidDueDate,
          timeZone: r.timeZone,
        },
        access: {
          assignedCollectorId: r.assignedCollectorId,
          leasedById: r.leasedById,
          leaseExpiresAt: r.leaseExpiresAt,
          assignedCollector:
            r.assignedCollectorId === null || r.collectorActive === null
              ? null
              : {
                  active: r.collectorActive,
                  team: r.teamId === null ? null : { supervisorId: r.teamSupervisorId },
                },
        },
        facts,
        existing,
        scriptStage: q.scriptVersionId === null ? undefined : r.scriptFound ? r.scriptStage : null,
      };
    },

    /**
     * The attempt, its promise or plan and instalments, the pending single promise superseded
     * (with its status change), the honoured callback done and any earlier pending one cancelled,
     * the new callback, the contact point's state, the collector's lease released and the audit
     * rows: one statement (data-modifying CTEs all run, in one snapshot; the foreign keys between
     * them are checked at its end). Returns the ids of the promises superseded.
     */
    async write(tx: Tx, n: NewOutcome): Promise<string[]> {
      const a = n.attempt;
      const first = n.promises[0]?.id ?? null;
      const cp = n.contactPoint;
      const rows = await tx.$queryRaw<{ superseded: string[] | null }[]>`/* prepared */
        WITH attempt AS (
          INSERT INTO contact_attempts (id, account_id, debtor_id, collector_id, channel, direction, contact_point_id,
            third_party_id, party_reached, right_party_verified_at, right_party_method, disposition, notes, objections,
            script_version_id, script_branch, stage, started_at, customer_requested, claimed_payment,
            override_reason_code, override_note, idempotency_key, idempotency_fingerprint, experiment_variant_id)
          VALUES (${n.attemptId}::uuid, ${n.accountId}::uuid, ${n.debtorId}::uuid, ${n.collectorId}::uuid,
            ${a.channel}::"Channel", ${a.direction}::"Direction", ${a.contactPointId}::uuid, ${a.thirdPartyId}::uuid,
            ${a.partyReached}::"PartyReached", ${a.rightPartyVerifiedAt}::timestamptz,
            ${a.rightPartyMethod}::"RightPartyMethod", ${a.disposition}::"Disposition", ${a.notes}::text,
            ${a.objections}::text[], ${a.scriptVersionId}::uuid, ${a.scriptBranch}::"ScriptBranch",
            ${n.stage}::"Stage", ${n.startedAt}::timestamptz, ${a.customerRequested}::boolean,
            ${a.claimedPayment === null ? null : JSON.stringify(a.claimedPayment)}::jsonb,
            ${a.overrideReasonCode}::text, ${a.overrideNote}::text, ${a.idempotencyKey}::text,
            ${a.idempotencyFingerprint}::text,
            -- The experiment variant (ADR 056): the running experiment's variant of this script
            -- version whose buckets hold the account, the one suggested-script showed.
            (SELECT ev.id FROM experiment_variants ev JOIN experiments e ON e.id = ev.experiment_id
             WHERE e.status = 'running' AND ev.script_version_id = ${a.scriptVersionId}::uuid
               AND experiment_bucket(e.id, ${n.accountId}::uuid) BETWEEN ev.bucket_from AND ev.bucket_to))
        ), plan AS (
          INSERT INTO payment_plans (id, account_id, contact_attempt_id, created_by_id, created_at)
          SELECT ${n.planId}::uuid, ${n.accountId}::uuid, ${n.attemptId}::uuid, ${n.collectorId}::uuid, ${n.startedAt}::timestamptz
          WHERE ${n.planId}::uuid IS NOT NULL
        ), new_promises AS (
          INSERT INTO promises (id, account_id, contact_attempt_id, plan_id, sequence, amount_minor, currency, due_date,
            channel, created_by_id, stage, script_version_id, created_at, status_changed_at)
          SELECT x.id, ${n.accountId}::uuid, ${n.attemptId}::uuid, x."planId", x.sequence, x."amountMinor",
                 ${n.currency}::char(3), x."dueDate", x.channel, ${n.collectorId}::uuid, ${n.stage}::"Stage",
                 ${a.scriptVersionId}::uuid, ${n.startedAt}::timestamptz, ${n.startedAt}::timestamptz
          FROM jsonb_to_recordset(${JSON.stringify(n.promises)}::jsonb)
               AS x(id uuid, "amountMinor" bigint, "dueDate" date, channel text, "planId" uuid, sequence int)
        ), superseded AS (
          -- A new promise or plan supersedes the pending single promise: never two pending (ADR 027).
          UPDATE promises SET status = 'superseded', superseded_by_id = ${first}::uuid,
                 status_changed_at = ${n.startedAt}::timestamptz
          WHERE ${first}::uuid IS NOT NULL AND account_id = ${n.accountId}::uuid AND status = 'pending'
            AND plan_id IS NULL AND id <> ${first}::uuid
          RETURNING id, paid_minor
        ), superseded_changes AS (
          INSERT INTO promise_status_changes (id, promise_id, from_status, to_status, paid_minor, cause, actor_id, reason, at)
          SELECT gen_random_uuid(), s.id, 'pending', 'superseded', s.paid_minor, 'superseded', ${n.collectorId}::uuid,
                 'a new promise was recorded', ${n.startedAt}::timestamptz
          FROM superseded s
        ), callbacks_closed AS (
          -- The honoured callback is done; a new agreed time cancels any other pending one.
          UPDATE callbacks SET status = CASE WHEN id = ${n.honouredCallbackId}::uuid THEN 'done' ELSE 'cancelled' END::"CallbackStatus"
          WHERE id = ${n.honouredCallbackId}::uuid
             OR (${n.callback !== null}::boolean AND account_id = ${n.accountId}::uuid AND status = 'pending')
        ), new_callback AS (
          INSERT INTO callbacks (id, account_id, collector_id, contact_attempt_id, due_at, requested_by_customer, created_at)
          SELECT ${n.callback?.id ?? null}::uuid, ${n.accountId}::uuid, ${n.collectorId}::uuid, ${n.attemptId}::uuid,
                 ${n.callback?.dueAt ?? null}::timestamptz, ${n.callback?.requestedByCustomer ?? false}::boolean,
                 ${n.startedAt}::timestamptz
          WHERE ${n.callback !== null}::boolean
        ), point AS (
          UPDATE contact_points SET
            last_success_at = CASE WHEN ${cp?.reachedDebtor ?? false}::boolean THEN ${n.startedAt}::timestamptz ELSE last_success_at END,
            status = CASE WHEN ${cp?.wrongNumber ?? false}::boolean THEN 'invalid'
                          WHEN ${cp?.reachedDebtor ?? false}::boolean THEN 'valid' ELSE status END::"ContactPointStatus"
          WHERE id = ${cp?.id ?? null}::uuid AND (${cp?.reachedDebtor ?? false}::boolean OR ${cp?.wrongNumber ?? false}::boolean)
        ), lease AS (
          -- Recording the outcome ends the collector's lease on the account.
          UPDATE accounts SET leased_by_id = NULL, lease_expires_at = NULL, updated_at = now()
          WHERE id = ${n.accountId}::uuid AND leased_by_id = ${n.collectorId}::uuid
        ), audit AS (
          INSERT INTO audit_events (at, actor_id, action, entity_type, entity_id, request_id, data)
          SELECT ${n.startedAt}::timestamptz, ${n.collectorId}::uuid, e.action, 'account', ${n.accountId}::text,
                 ${n.requestId}::text, e.data
          FROM (
            SELECT 0::bigint AS ord, 'promise.superseded' AS action,
                   jsonb_build_object('promiseIds', (SELECT jsonb_agg(id ORDER BY id) FROM superseded), 'by', ${first}::text) AS data
            WHERE EXISTS (SELECT 1 FROM superseded)
            UNION ALL
            SELECT j.ord, j.item->>'action', j.item->'data'
            FROM jsonb_array_elements(${JSON.stringify(n.audits)}::jsonb) WITH ORDINALITY AS j(item, ord)
          ) e
          ORDER BY e.ord
        )
        SELECT (SELECT array_agg(id::text ORDER BY id) FROM superseded) AS superseded`;
      return rows[0]?.superseded ?? [];
    },
  };
}
