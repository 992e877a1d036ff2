import type { ContactLogFilters, SessionUser } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import { collectorScopeSql } from '../accounts/account-scope.repository.js';

export interface ContactLogRow {
  id: string;
  started_at: Date;
  collector_id: string | null;
  collector_name: string | null;
  account_id: string;
  external_id: string;
  currency: string;
  full_name: string;
  channel: string;
  direction: string;
  party_reached: string;
  disposition: string;
  stage: string | null;
  script_version_id: string | null;
  script_label: string | null;
  notes: string | null;
  override_reason_code: string | null;
  review: {
    checks: Record<string, boolean>;
    score: number;
    failed: boolean;
    comment: string | null;
    coaching: boolean;
    reviewerName: string;
    reviewedAt: string;
  } | null;
  promises: { id: string; amountMinor: number; currency: string; dueDate: string; status: string; paidMinor: number }[];
}

export interface ContactLogPage {
  filters: ContactLogFilters;
  /** The instants the from/to dates span in the viewer's time zone. */
  start: Date | null;
  end: Date | null;
  after: { startedAt: string; id: string } | null;
  limit: number;
}

const optional = (value: unknown, condition: Prisma.Sql) =>
  value === undefined || value === null ? Prisma.empty : Prisma.sql` AND ${condition}`;

/** The SQL of one page of the contact log (exported so the benchmark can time the same SQL). */
export function contactLogPageSql(user: SessionUser, p: ContactLogPage): Prisma.Sql {
  const f = p.filters;
  const reached =
    f.reached === undefined
      ? Prisma.empty
      : f.reached === 'anyone'
        ? Prisma.sql` AND ca.party_reached <> 'nobody'`
        : Prisma.sql` AND ca.party_reached = ${f.reached}::"PartyReached"`;
  const promiseFilter =
    f.promiseDueFrom || f.promiseDueTo || f.promiseStatus
      ? Prisma.sql` AND EXISTS (SELECT 1 FROM promises fp WHERE fp.contact_attempt_id = ca.id
          ${optional(f.promiseDueFrom, Prisma.sql`fp.due_date >= ${f.promiseDueFrom}::date`)}
          ${optional(f.promiseDueTo, Prisma.sql`fp.due_date <= ${f.promiseDueTo}::date`)}
          ${f.promiseStatus ? Prisma.sql` AND fp.status = ${f.promiseStatus}::"PromiseStatus"` : Prisma.sql` AND fp.status <> 'cancelled'`})`
      : Prisma.empty;
  return Prisma.sql`
    SELECT ca.id, ca.started_at, ca.collector_id, u.display_name AS collector_name, a.id AS account_id, a.external_id, a.currency, d.full_name,
           ca.channel::text, ca.direction::text, ca.party_reached::text, ca.disposition::text, ca.stage::text, ca.script_version_id,
           CASE WHEN sv.id IS NULL THEN NULL ELSE s.stage || ' · ' || s.locale::text || ' · v' || sv.version END AS script_label,
           ca.notes, ca.override_reason_code,
           CASE WHEN cr.id IS NULL THEN NULL ELSE json_build_object(
             'checks', json_build_object('identifiedSelfAndCreditor', cr.identified_self_and_creditor, 'verifiedRightParty', cr.verified_right_party,
                                         'disclosureGiven', cr.disclosure_given, 'noProhibitedLanguage', cr.no_prohibited_language, 'clearSummary', cr.clear_summary),
             'score', cr.score, 'failed', NOT cr.no_prohibited_language, 'comment', cr.comment, 'coaching', cr.coaching, 'reviewerName', ru.display_name, 'reviewedAt', cr.updated_at) END AS review,
           COALESCE((SELECT json_agg(json_build_object('id', p.id, 'amountMinor', p.amount_minor, 'currency', p.currency, 'dueDate', p.due_date,
                                                      'status', p.status, 'paidMinor', p.paid_minor) ORDER BY p.due_date)
                     FROM promises p WHERE p.contact_attempt_id = ca.id), '[]'::json) AS promises
    FROM contact_attempts ca
    JOIN accounts a ON a.id = ca.account_id
    JOIN debtors d ON d.id = ca.debtor_id
    LEFT JOIN users u ON u.id = ca.collector_id
    LEFT JOIN script_versions sv ON sv.id = ca.script_version_id
    LEFT JOIN scripts s ON s.id = sv.script_id
    LEFT JOIN contact_reviews cr ON cr.contact_attempt_id = ca.id
    LEFT JOIN users ru ON ru.id = cr.reviewer_id
    WHERE ${collectorScopeSql(user, Prisma.sql`ca.collector_id`)}
      ${optional(p.start, Prisma.sql`ca.started_at >= ${p.start}`)}
      ${optional(p.end, Prisma.sql`ca.started_at < ${p.end}`)}
      ${optional(f.collectorId, Prisma.sql`ca.collector_id = ${f.collectorId}::uuid`)}
      ${optional(f.teamId, Prisma.sql`u.team_id = ${f.teamId}::uuid`)}
      ${optional(f.accountId, Prisma.sql`ca.account_id = ${f.accountId}::uuid`)}
      ${optional(f.scriptVersionId, Prisma.sql`ca.script_version_id = ${f.scriptVersionId}::uuid`)}
      ${optional(f.channel, Prisma.sql`ca.channel = ${f.channel}::"Channel"`)}
      ${optional(f.disposition, Prisma.sql`ca.disposition = ${f.disposition}::"Disposition"`)}
      ${optional(f.stage, Prisma.sql`ca.stage = ${f.stage}::"Stage"`)}
      ${reached}
      ${optional(f.hasPromise, f.hasPromise ? Prisma.sql`EXISTS (SELECT 1 FROM promises hp WHERE hp.contact_attempt_id = ca.id)` : Prisma.sql`NOT EXISTS (SELECT 1 FROM promises hp WHERE hp.contact_attempt_id = ca.id)`)}
      ${optional(f.overrideUsed, f.overrideUsed ? Prisma.sql`ca.override_reason_code IS NOT NULL` : Prisma.sql`ca.override_reason_code IS NULL`)}
      ${promiseFilter}
      ${optional(f.reviewed, f.reviewed ? Prisma.sql`cr.id IS NOT NULL` : Prisma.sql`cr.id IS NULL`)}
      ${optional(f.coaching, Prisma.sql`COALESCE(cr.coaching, FALSE) = ${f.coaching ?? false}`)}
      ${optional(p.after, Prisma.sql`(ca.started_at, ca.id) < (${p.after?.startedAt}::timestamptz, ${p.after?.id}::uuid)`)}
    ORDER BY ca.started_at DESC, ca.id DESC
    LIMIT ${p.limit}`;
}

export type ContactLogRepository = ReturnType<typeof createContactLogRepository>;

/** The contact log: newest first, keyset-paged on (started_at, id), every filter in SQL. */
export function createContactLogRepository(db: Pick<Db, '$queryRaw'>) {
  return {
    page: (user: SessionUser, p: ContactLogPage) => db.$queryRaw<ContactLogRow[]>(contactLogPageSql(user, p)),
  };
}
