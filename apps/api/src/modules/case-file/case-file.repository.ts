import type {
  Account,
  ContactAttempt,
  Db,
  Debtor,
  Dispute,
  OutboxMessage,
  Payment,
  PaymentPlan,
  PaymentPromise,
  ValidationNotice,
  VerificationTask,
} from '@crm/db';
import { directSql, PREPARED } from '@crm/db';
import { gateLookbackStart } from '@crm/domain';
import { gateFactsOf, type GateFacts, type ThirdPartyFacts } from '../compliance/gate-facts.repository.js';
import { noticeFileName } from '../disputes/disputes.repository.js';
import { policiesInForce, type PolicyRow } from '../policies/policies.repository.js';

export type CaseFileRepository = ReturnType<typeof createCaseFileRepository>;

/*
 * The case file in ONE statement (ADR 047): the access facts, every record the page shows, the
 * contact gate's facts and the policies the gate and the figures need, as one JSON document built
 * by PostgreSQL (json_build_object / json_agg over correlated subqueries), so the request costs one
 * round trip however long the history is. The rules (access, the gate, promise evaluation) still
 * run in TypeScript on what it returns. Timestamps come back as ISO strings with their offset,
 * `date` columns as YYYY-MM-DD and BigInt columns as text (exact), and are turned back here into
 * the Date and bigint values the ORM would have given, so the service reads the same shapes.
 *
 * `$2` (now) is the request's clock: the stop flags in force are those of that instant.
 */
export const CASE_FILE_SQL = `${PREPARED}
SELECT json_build_object(
  'account', json_build_object(
    'id', a.id, 'externalId', a.external_id, 'debtorId', a.debtor_id, 'product', a.product, 'currency', a.currency,
    'balanceMinor', a.balance_minor::text, 'overdueMinor', a.overdue_minor::text,
    'balanceBaselineMinor', a.balance_baseline_minor::text, 'overdueBaselineMinor', a.overdue_baseline_minor::text,
    'paidSinceBaselineMinor', a.paid_since_baseline_minor::text, 'instalmentMinor', a.instalment_minor::text,
    'oldestUnpaidDueDate', a.oldest_unpaid_due_date, 'status', a.status, 'complianceProfile', a.compliance_profile,
    'assignedCollectorId', a.assigned_collector_id, 'leasedById', a.leased_by_id, 'leaseExpiresAt', a.lease_expires_at,
    'creditorName', c.name,
    'assignedCollector', CASE WHEN ac.id IS NULL THEN NULL ELSE json_build_object(
      'id', ac.id, 'displayName', ac.display_name, 'active', ac.active, 'supervisorId', tm.supervisor_id) END,
    'leasedBy', CASE WHEN lb.id IS NULL THEN NULL ELSE json_build_object('id', lb.id, 'displayName', lb.display_name) END),
  'debtor', json_build_object(
    'id', d.id, 'salutation', d.salutation, 'fullName', d.full_name, 'familyName', d.family_name,
    'givenName', d.given_name, 'dateOfBirth', d.date_of_birth, 'preferredLanguage', d.preferred_language,
    'timeZone', d.time_zone, 'employmentNotes', d.employment_notes, 'householdNotes', d.household_notes,
    'preferredChannel', d.preferred_channel, 'preferredTimeStart', d.preferred_time_start,
    'preferredTimeEnd', d.preferred_time_end, 'inconvenientTimes', d.inconvenient_times),
  'otherAccounts', COALESCE((
    SELECT json_agg(json_build_object(
      'id', o.id, 'externalId', o.external_id, 'product', o.product, 'currency', o.currency,
      'balanceMinor', o.balance_minor::text, 'overdueMinor', o.overdue_minor::text,
      'balanceBaselineMinor', o.balance_baseline_minor::text, 'overdueBaselineMinor', o.overdue_baseline_minor::text,
      'paidSinceBaselineMinor', o.paid_since_baseline_minor::text, 'instalmentMinor', o.instalment_minor::text,
      'oldestUnpaidDueDate', o.oldest_unpaid_due_date, 'status', o.status, 'creditorName', oc.name
    ) ORDER BY o.external_id)
    FROM accounts o JOIN creditors oc ON oc.id = o.creditor_id
    WHERE o.debtor_id = a.debtor_id AND o.id <> a.id), '[]'),
  'attempts', COALESCE((
    SELECT json_agg(json_build_object(
      'id', x.id, 'startedAt', x.started_at, 'channel', x.channel, 'direction', x.direction,
      'partyReached', x.party_reached, 'disposition', x.disposition, 'notes', x.notes, 'objections', x.objections,
      'collectorName', xu.display_name, 'contactPointId', x.contact_point_id, 'contactPointValue', xp.value,
      'overrideReasonCode', x.override_reason_code, 'scriptBranch', x.script_branch,
      'customerRequested', x.customer_requested
    ) ORDER BY x.started_at DESC, x.id DESC)
    FROM contact_attempts x
    LEFT JOIN users xu ON xu.id = x.collector_id
    LEFT JOIN contact_points xp ON xp.id = x.contact_point_id
    WHERE x.account_id = a.id), '[]'),
  'promises', COALESCE((
    SELECT json_agg(json_build_object(
      'id', p.id, 'createdAt', p.created_at, 'amountMinor', p.amount_minor::text, 'currency', p.currency,
      'dueDate', p.due_date, 'channel', p.channel, 'status', p.status, 'paidMinor', p.paid_minor::text,
      'planId', p.plan_id, 'sequence', p.sequence
    ) ORDER BY p.created_at DESC, p.id DESC)
    FROM promises p WHERE p.account_id = a.id), '[]'),
  'payments', COALESCE((
    SELECT json_agg(json_build_object(
      'id', y.id, 'paidAt', y.paid_at, 'amountMinor', y.amount_minor::text, 'currency', y.currency,
      'channel', y.channel, 'reference', y.reference, 'reversalOfId', y.reversal_of_id
    ) ORDER BY y.paid_at DESC, y.id DESC)
    FROM payments y WHERE y.account_id = a.id), '[]'),
  'plans', COALESCE((
    SELECT json_agg(json_build_object(
      'id', pl.id, 'createdAt', pl.created_at, 'status', pl.status,
      'promises', COALESCE((SELECT json_agg(json_build_object('amountMinor', pp.amount_minor::text, 'currency', pp.currency)
                                            ORDER BY pp.sequence, pp.id)
                            FROM promises pp WHERE pp.plan_id = pl.id), '[]')
    ) ORDER BY pl.created_at DESC, pl.id DESC)
    FROM payment_plans pl WHERE pl.account_id = a.id), '[]'),
  'claims', COALESCE((
    SELECT json_agg(json_build_object(
      'id', v.id, 'claimedPaidOn', v.claimed_paid_on, 'claimedAmountMinor', v.claimed_amount_minor::text,
      'claimedChannel', v.claimed_channel, 'claimedReference', v.claimed_reference, 'status', v.status,
      'matchedPaymentId', v.matched_payment_id
    ) ORDER BY v.created_at DESC, v.id DESC)
    FROM verification_tasks v WHERE v.account_id = a.id), '[]'),
  'reminders', COALESCE((
    SELECT json_agg(json_build_object(
      'id', m.id, 'channel', m.channel, 'recipient', m.recipient, 'status', m.status, 'sendAfter', m.send_after,
      'sentAt', m.sent_at, 'body', m.body, 'lastError', m.last_error
    ) ORDER BY m.send_after DESC, m.id DESC)
    FROM outbox_messages m WHERE m.account_id = a.id AND m.kind = 'promise_reminder'), '[]'),
  'thirdParties', COALESCE((
    SELECT json_agg(json_build_object(
      'id', tp.id, 'name', tp.name, 'relationship', tp.relationship, 'phone', tp.phone, 'source', tp.source,
      'doNotContact', tp.do_not_contact, 'moreContactRequested', tp.more_contact_requested,
      'callsMade', (SELECT count(*) FROM contact_attempts tx
                    WHERE tx.third_party_id = tp.id AND tx.direction = 'outbound' AND tx.channel = 'phone')
    ) ORDER BY tp.created_at, tp.id)
    FROM third_parties tp WHERE tp.debtor_id = a.debtor_id), '[]'),
  -- The customer's latest attempts on their own contact points, any debt (the third-party rules read 50).
  'customerAttempts', COALESCE((
    SELECT json_agg(json_build_object(
      'at', ca.started_at, 'channel', ca.channel, 'direction', ca.direction, 'partyReached', ca.party_reached
    ) ORDER BY ca.started_at DESC, ca.id DESC)
    FROM (SELECT id, started_at, channel, direction, party_reached FROM contact_attempts
          WHERE debtor_id = a.debtor_id AND contact_point_id IS NOT NULL
          ORDER BY started_at DESC, id DESC LIMIT 50) ca), '[]'),
  'contactPoints', COALESCE((
    SELECT json_agg(json_build_object(
      'id', cp.id, 'value', cp.value, 'source', cp.source, 'kind', cp.kind, 'type', cp.type, 'status', cp.status,
      'optedOut', cp.opted_out, 'optedOutChannels', cp.opted_out_channels, 'workInconvenient', cp.work_inconvenient,
      'timeZones', cp.time_zones, 'zoneSource', cp.zone_source, 'label', cp.label, 'statusReason', cp.status_reason,
      'lastSuccessAt', cp.last_success_at
    ) ORDER BY cp.kind, cp.type, cp.id)
    FROM contact_points cp WHERE cp.debtor_id = a.debtor_id), '[]'),
  -- In force only: a cleared or expired flag stops nothing (ADR 023).
  'stopFlags', COALESCE((
    SELECT json_agg(json_build_object(
      'id', sf.id, 'accountId', sf.account_id, 'type', sf.type, 'reason', sf.reason, 'setAt', sf.set_at,
      'expiresAt', sf.expires_at
    ) ORDER BY sf.set_at DESC, sf.id)
    FROM stop_flags sf
    WHERE sf.cleared_at IS NULL AND (sf.expires_at IS NULL OR sf.expires_at > $2::timestamptz)
      AND (sf.account_id = a.id OR (sf.account_id IS NULL AND sf.debtor_id = a.debtor_id))), '[]'),
  'callback', (
    SELECT json_build_object('id', cb.id, 'dueAt', cb.due_at, 'requestedByCustomer', cb.requested_by_customer,
                             'requestedAt', cb.created_at)
    FROM callbacks cb WHERE cb.account_id = a.id AND cb.status = 'pending' ORDER BY cb.due_at, cb.id LIMIT 1),
  'notices', COALESCE((
    SELECT json_agg(json_build_object(
      'id', n.id, 'accountId', n.account_id, 'locales', n.locales, 'itemizationDate', n.itemization_date,
      'currency', n.currency, 'amountOnItemizationMinor', n.amount_on_itemization_minor::text,
      'interestSinceMinor', n.interest_since_minor::text, 'feesSinceMinor', n.fees_since_minor::text,
      'paymentsCreditsSinceMinor', n.payments_credits_since_minor::text,
      'currentAmountMinor', n.current_amount_minor::text, 'validationEndsOn', n.validation_ends_on,
      'createdAt', n.created_at,
      'outboxMessage', json_build_object('id', nm.id, 'status', nm.status, 'sentAt', nm.sent_at, 'lastError', nm.last_error)
    ) ORDER BY n.created_at DESC, n.id DESC)
    FROM validation_notices n JOIN outbox_messages nm ON nm.id = n.outbox_message_id
    WHERE n.account_id = a.id), '[]'),
  'disputes', COALESCE((
    SELECT json_agg(json_build_object(
      'id', ds.id, 'accountId', ds.account_id, 'status', ds.status, 'method', ds.method,
      'amountMinor', ds.amount_minor::text, 'currency', ds.currency, 'description', ds.description,
      'receivedAt', ds.received_at, 'timing', ds.timing, 'holdBasis', ds.hold_basis, 'stopFlagId', ds.stop_flag_id,
      'contactAttemptId', ds.contact_attempt_id, 'verificationSentAt', ds.verification_sent_at,
      'verificationSummary', ds.verification_summary
    ) ORDER BY ds.received_at DESC, ds.id DESC)
    FROM disputes ds WHERE ds.account_id = a.id), '[]'),
  -- The newest version of each policy the page needs (the profiles, the stage thresholds, the promise rules).
  'policies', COALESCE((
    SELECT json_agg(json_build_object('kind', po.kind, 'key', po.key, 'version', po.version, 'data', po.data))
    FROM (SELECT DISTINCT ON (kind, key) kind, key, version, data FROM policies
          WHERE kind = 'compliance_profile' OR (kind IN ('stage_thresholds', 'promise_rules') AND key = 'default')
          ORDER BY kind, key, version DESC) po), '[]')
) AS "caseFile"
FROM accounts a
JOIN debtors d ON d.id = a.debtor_id
JOIN creditors c ON c.id = a.creditor_id
LEFT JOIN users ac ON ac.id = a.assigned_collector_id
LEFT JOIN teams tm ON tm.id = ac.team_id
LEFT JOIN users lb ON lb.id = a.leased_by_id
WHERE a.id = $1::uuid`;

type Json<T> = {
  [K in keyof T]: T[K] extends Date
    ? string
    : T[K] extends Date | null
      ? string | null
      : T[K] extends bigint
        ? string
        : T[K] extends bigint | null
          ? string | null
          : T[K];
};

type AccountFields = Pick<
  Account,
  | 'id'
  | 'externalId'
  | 'product'
  | 'currency'
  | 'balanceMinor'
  | 'overdueMinor'
  | 'balanceBaselineMinor'
  | 'overdueBaselineMinor'
  | 'paidSinceBaselineMinor'
  | 'instalmentMinor'
  | 'oldestUnpaidDueDate'
  | 'status'
> & { creditorName: string };
type MainAccount = AccountFields &
  Pick<Account, 'debtorId' | 'complianceProfile' | 'assignedCollectorId' | 'leasedById' | 'leaseExpiresAt'> & {
    assignedCollector: { id: string; displayName: string; active: boolean; supervisorId: string | null } | null;
    leasedBy: { id: string; displayName: string } | null;
  };
type DebtorFields = Pick<
  Debtor,
  | 'id'
  | 'salutation'
  | 'fullName'
  | 'familyName'
  | 'givenName'
  | 'dateOfBirth'
  | 'preferredLanguage'
  | 'timeZone'
  | 'employmentNotes'
  | 'householdNotes'
  | 'preferredChannel'
  | 'preferredTimeStart'
  | 'preferredTimeEnd'
  | 'inconvenientTimes'
>;
type AttemptFields = Pick<
  ContactAttempt,
  | 'id'
  | 'startedAt'
  | 'channel'
  | 'direction'
  | 'partyReached'
  | 'disposition'
  | 'notes'
  | 'objections'
  | 'contactPointId'
  | 'overrideReasonCode'
  | 'scriptBranch'
  | 'customerRequested'
> & { collectorName: string | null; contactPointValue: string | null };
type PromiseFields = Pick<
  PaymentPromise,
  | 'id'
  | 'createdAt'
  | 'amountMinor'
  | 'currency'
  | 'dueDate'
  | 'channel'
  | 'status'
  | 'paidMinor'
  | 'planId'
  | 'sequence'
>;
type PaymentFields = Pick<
  Payment,
  'id' | 'paidAt' | 'amountMinor' | 'currency' | 'channel' | 'reference' | 'reversalOfId'
>;
type ClaimFields = Pick<
  VerificationTask,
  'id' | 'claimedPaidOn' | 'claimedAmountMinor' | 'claimedChannel' | 'claimedReference' | 'status' | 'matchedPaymentId'
>;
type DisputeFields = Pick<
  Dispute,
  | 'id'
  | 'accountId'
  | 'status'
  | 'method'
  | 'amountMinor'
  | 'currency'
  | 'description'
  | 'receivedAt'
  | 'timing'
  | 'holdBasis'
  | 'stopFlagId'
  | 'contactAttemptId'
  | 'verificationSentAt'
  | 'verificationSummary'
>;
type GateFactsPoint = GateFacts['contactPoints'][number];
type GateFactsFlag = Omit<GateFacts['stopFlags'][number], 'debtorId'>;

/** The statement's one row as PostgreSQL returns it (JSON: timestamps and bigints as strings). */
interface CaseFileDocument {
  account: Json<Omit<MainAccount, 'assignedCollector' | 'leasedBy'>> &
    Pick<MainAccount, 'assignedCollector' | 'leasedBy'>;
  debtor: Json<DebtorFields>;
  otherAccounts: Json<AccountFields>[];
  attempts: Json<AttemptFields>[];
  promises: Json<PromiseFields>[];
  payments: Json<PaymentFields>[];
  plans: (Json<Pick<PaymentPlan, 'id' | 'createdAt' | 'status'>> & {
    promises: { amountMinor: string; currency: string }[];
  })[];
  claims: Json<ClaimFields>[];
  reminders: Json<
    Pick<OutboxMessage, 'id' | 'channel' | 'recipient' | 'status' | 'sendAfter' | 'sentAt' | 'body' | 'lastError'>
  >[];
  thirdParties: (Omit<ThirdPartyFacts['thirdParties'][number], 'callsMade'> & { callsMade: number | string })[];
  customerAttempts: Json<ThirdPartyFacts['customerAttempts'][number]>[];
  contactPoints: Json<GateFactsPoint>[];
  stopFlags: Json<GateFactsFlag>[];
  callback: { id: string; dueAt: string; requestedByCustomer: boolean; requestedAt: string } | null;
  notices: (Json<Omit<NoticeFields, 'outboxMessage'>> & { outboxMessage: Json<NoticeFields['outboxMessage']> })[];
  disputes: Json<DisputeFields>[];
  policies: PolicyRow[];
}
type NoticeFields = Pick<
  ValidationNotice,
  | 'id'
  | 'accountId'
  | 'locales'
  | 'itemizationDate'
  | 'currency'
  | 'amountOnItemizationMinor'
  | 'interestSinceMinor'
  | 'feesSinceMinor'
  | 'paymentsCreditsSinceMinor'
  | 'currentAmountMinor'
  | 'validationEndsOn'
  | 'createdAt'
> & { outboxMessage: Pick<OutboxMessage, 'id' | 'status' | 'sentAt' | 'lastError'> };

const date = (s: string) => new Date(s);
const dateOrNull = (s: string | null) => (s === null ? null : new Date(s));
const big = (s: string) => BigInt(s);
const bigOrNull = (s: string | null) => (s === null ? null : BigInt(s));

function accountFields<T extends Json<AccountFields>>(a: T) {
  return {
    ...a,
    balanceMinor: big(a.balanceMinor),
    overdueMinor: big(a.overdueMinor),
    balanceBaselineMinor: big(a.balanceBaselineMinor),
    overdueBaselineMinor: big(a.overdueBaselineMinor),
    paidSinceBaselineMinor: big(a.paidSinceBaselineMinor),
    instalmentMinor: big(a.instalmentMinor),
    oldestUnpaidDueDate: dateOrNull(a.oldestUnpaidDueDate),
  };
}

/** The statement's document as the values the ORM would have given (Date, bigint). */
function parse(doc: CaseFileDocument, now: Date) {
  const { account: a } = doc;
  const account = {
    ...accountFields(a),
    leaseExpiresAt: dateOrNull(a.leaseExpiresAt),
    debtor: { ...doc.debtor, dateOfBirth: dateOrNull(doc.debtor.dateOfBirth) },
  };
  const attempts = doc.attempts.map((x) => ({ ...x, startedAt: date(x.startedAt) }));
  const profiles = policiesInForce(doc.policies);
  const since = gateLookbackStart(now, Object.values(profiles.complianceProfiles));
  const gate = gateFactsOf({
    account: {
      id: a.id,
      debtorId: a.debtorId,
      complianceProfile: a.complianceProfile,
      timeZone: doc.debtor.timeZone,
      inconvenientTimes: doc.debtor.inconvenientTimes,
    },
    profiles: profiles.complianceProfiles,
    contactPoints: doc.contactPoints.map((p) => ({ ...p, lastSuccessAt: dateOrNull(p.lastSuccessAt) })),
    stopFlags: doc.stopFlags.map((f) => ({
      ...f,
      debtorId: a.debtorId,
      setAt: date(f.setAt),
      expiresAt: dateOrNull(f.expiresAt),
    })),
    // The gate's look-back (the longest window of any profile in force) out of the whole history.
    attempts: attempts
      .filter((x) => x.startedAt.getTime() >= since.getTime())
      .map((x) => ({
        accountId: a.id,
        startedAt: x.startedAt,
        channel: x.channel,
        direction: x.direction,
        contactPointId: x.contactPointId,
        partyReached: x.partyReached,
        disposition: x.disposition,
        customerRequested: x.customerRequested,
      })),
    callback: doc.callback
      ? {
          id: doc.callback.id,
          dueAt: date(doc.callback.dueAt),
          requestedByCustomer: doc.callback.requestedByCustomer,
          createdAt: date(doc.callback.requestedAt),
        }
      : undefined,
  });
  return {
    /** Who may open it (accounts/account-access.ts `assertMayOpen`). */
    access: {
      assignedCollectorId: a.assignedCollectorId,
      leasedById: a.leasedById,
      leaseExpiresAt: account.leaseExpiresAt,
      assignedCollector: a.assignedCollector
        ? { active: a.assignedCollector.active, team: { supervisorId: a.assignedCollector.supervisorId } }
        : null,
    },
    account,
    otherAccounts: doc.otherAccounts.map(accountFields),
    attempts,
    promises: doc.promises.map((p) => ({
      ...p,
      createdAt: date(p.createdAt),
      amountMinor: big(p.amountMinor),
      dueDate: date(p.dueDate),
      paidMinor: big(p.paidMinor),
    })),
    payments: doc.payments.map((p) => ({ ...p, paidAt: date(p.paidAt), amountMinor: big(p.amountMinor) })),
    plans: doc.plans.map((p) => ({
      ...p,
      createdAt: date(p.createdAt),
      promises: p.promises.map((x) => ({ ...x, amountMinor: big(x.amountMinor) })),
    })),
    claims: doc.claims.map((c) => ({
      ...c,
      claimedPaidOn: date(c.claimedPaidOn),
      claimedAmountMinor: big(c.claimedAmountMinor),
    })),
    reminders: doc.reminders.map((r) => ({ ...r, sendAfter: date(r.sendAfter), sentAt: dateOrNull(r.sentAt) })),
    thirdParties: {
      thirdParties: doc.thirdParties.map((t) => ({ ...t, callsMade: Number(t.callsMade) })),
      customerAttempts: doc.customerAttempts.map((x) => ({ ...x, at: date(x.at) })),
    } satisfies ThirdPartyFacts,
    gate,
    stageThresholds: profiles.stageThresholds,
    promiseRules: profiles.promiseRules,
    notices: doc.notices.map((n) => ({
      ...n,
      itemizationDate: date(n.itemizationDate),
      amountOnItemizationMinor: big(n.amountOnItemizationMinor),
      interestSinceMinor: big(n.interestSinceMinor),
      feesSinceMinor: big(n.feesSinceMinor),
      paymentsCreditsSinceMinor: big(n.paymentsCreditsSinceMinor),
      currentAmountMinor: big(n.currentAmountMinor),
      validationEndsOn: date(n.validationEndsOn),
      createdAt: date(n.createdAt),
      outboxMessage: { ...n.outboxMessage, sentAt: dateOrNull(n.outboxMessage.sentAt) },
      fileName: noticeFileName(a.externalId),
    })),
    disputes: doc.disputes.map((d) => ({
      ...d,
      amountMinor: bigOrNull(d.amountMinor),
      receivedAt: date(d.receivedAt),
      verificationSentAt: dateOrNull(d.verificationSentAt),
    })),
  };
}

export type LoadedCaseFile = ReturnType<typeof parse>;

/**
 * The whole case file in one statement (`CASE_FILE_SQL`), however long the history: the access
 * facts, the page's records, the gate's facts (the same fields and rules as `loadGateFacts`, ADR
 * 016) and the policies in force. null when the account does not exist.
 */
export function createCaseFileRepository(db: Db) {
  // Straight to the pool, prepared (ADR 052): the one statement is the whole request's database work.
  const sql = directSql(db);
  return {
    async load(accountId: string, now: Date): Promise<LoadedCaseFile | null> {
      const rows = await sql.$queryRawUnsafe<{ caseFile: CaseFileDocument }[]>(CASE_FILE_SQL, accountId, now);
      const doc = rows[0]?.caseFile;
      return doc ? parse(doc, now) : null;
    },
  };
}
