import { randomUUID } from 'node:crypto';
import { Prisma, type Db } from '@crm/db';
import { REBASELINE_SQL } from '@crm/db/account-figures';
import { inChunks } from '../../lib/in-chunks.js';
import { isoDay } from '../../lib/date-columns.js';
import type { Tx } from '../../lib/transaction.js';

const CHUNK = 5000;

export interface DebtorRecord {
  id: string;
  externalId: string;
  salutation: string;
  familyName: string;
  givenName: string;
  fullName: string;
  dateOfBirth: string | null;
  preferredLanguage: 'en' | 'zh-CN';
  timeZone: string;
}

export interface AccountRecord {
  id: string;
  externalId: string;
  debtorId: string;
  creditorId: string;
  product: string;
  currency: string;
  balanceMinor: number;
  overdueMinor: number;
  instalmentMinor: number;
  oldestUnpaidDueDate: string | null;
  missedInstalments: number;
  openedAt: string;
  status: string;
  assignedCollectorId: string | null;
  complianceProfile: string;
  /**
   * The file states the balance or the overdue amount: the creditor's figures become the
   * account's new baseline (ADR 009). Otherwise an existing account's figures are left alone.
   */
  statedFigures?: boolean;
}

export interface ContactPointRecord {
  debtorId: string;
  kind: 'phone' | 'email' | 'address';
  type: 'mobile' | 'home' | 'work' | 'other';
  value: string;
  /** Derived from the number (ADR 019), never the customer's zone copied. */
  timeZones: string[];
  zoneSource: 'number' | 'address' | null;
  /** Address parts (address contact points). */
  country?: string | null;
  postalCode?: string | null;
  region?: string | null;
}

export type PortfolioRepository = ReturnType<typeof createPortfolioRepository>;

/** Reads in batches and writes with one statement per 5,000 rows (unnest of arrays). */
export function createPortfolioRepository(db: Pick<Db, 'creditor' | 'user' | 'debtor' | 'account' | 'contactPoint'>) {
  return {
    creditors: () => db.creditor.findMany({ select: { id: true, code: true, complianceProfile: true } }),
    usersByUsername: (usernames: string[]) =>
      inChunks(usernames, CHUNK, (chunk) =>
        db.user.findMany({
          where: { username: { in: chunk } },
          select: { id: true, username: true, role: true, active: true },
        }),
      ),
    debtorsByExternalId: (externalIds: string[]) =>
      inChunks(externalIds, CHUNK, async (chunk) =>
        (await db.debtor.findMany({ where: { externalId: { in: chunk } } })).map((d): DebtorRecord => ({
          id: d.id,
          externalId: d.externalId,
          salutation: d.salutation,
          familyName: d.familyName,
          givenName: d.givenName,
          fullName: d.fullName,
          dateOfBirth: isoDay(d.dateOfBirth),
          preferredLanguage: d.preferredLanguage === 'zh_CN' ? 'zh-CN' : 'en',
          timeZone: d.timeZone,
        })),
      ),
    accountsByExternalId: (externalIds: string[]) =>
      inChunks(externalIds, CHUNK, async (chunk) =>
        (await db.account.findMany({ where: { externalId: { in: chunk } } })).map((a): AccountRecord => ({
          id: a.id,
          externalId: a.externalId,
          debtorId: a.debtorId,
          creditorId: a.creditorId,
          product: a.product,
          currency: a.currency,
          balanceMinor: Number(a.balanceMinor),
          overdueMinor: Number(a.overdueMinor),
          instalmentMinor: Number(a.instalmentMinor),
          oldestUnpaidDueDate: isoDay(a.oldestUnpaidDueDate),
          missedInstalments: a.missedInstalments,
          openedAt: isoDay(a.openedAt),
          status: a.status,
          assignedCollectorId: a.assignedCollectorId,
          complianceProfile: a.complianceProfile,
          statedFigures: false,
        })),
      ),
    contactValuesOf: (debtorIds: string[]) =>
      inChunks(debtorIds, CHUNK, (chunk) =>
        db.contactPoint.findMany({
          where: { debtorId: { in: chunk } },
          select: { debtorId: true, kind: true, value: true },
        }),
      ),

    /**
     * Writes new and changed debtors, accounts and new contact points in the caller's transaction
     * (the whole file is one: it lands, with its audit event, or it does not).
     * Debtors and accounts are upserts by external id, so a customer created meanwhile by
     * someone else is updated, never duplicated; an account never moves to another debtor.
     */
    async write(
      tx: Tx,
      debtors: DebtorRecord[],
      accounts: AccountRecord[],
      contactPoints: ContactPointRecord[],
      now: Date,
    ) {
      const debtorIds = new Map<string, string>();
      const byId = <T extends { id: string }>(rows: T[]) =>
        [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      // Rows are locked in id order (customers, then accounts), like every writer of many rows (ADR 009).
      const orderedDebtors = byId(debtors);
      for (let i = 0; i < orderedDebtors.length; i += CHUNK) {
        const c = orderedDebtors.slice(i, i + CHUNK);
        const rows = await tx.$queryRaw<{ id: string; external_id: string }[]>(Prisma.sql`
          INSERT INTO debtors (id, external_id, salutation, family_name, given_name, full_name, date_of_birth, preferred_language, time_zone, updated_at)
          SELECT u.id, u.external_id, u.salutation, u.family_name, u.given_name, u.full_name, u.date_of_birth, u.preferred_language, u.time_zone, ${now}::timestamptz
          FROM unnest(${c.map((d) => d.id)}::uuid[], ${c.map((d) => d.externalId)}::text[], ${c.map((d) => d.salutation)}::"Salutation"[],
                      ${c.map((d) => d.familyName)}::text[], ${c.map((d) => d.givenName)}::text[], ${c.map((d) => d.fullName)}::text[],
                      ${c.map((d) => d.dateOfBirth)}::date[], ${c.map((d) => d.preferredLanguage)}::"Locale"[], ${c.map((d) => d.timeZone)}::text[])
               AS u(id, external_id, salutation, family_name, given_name, full_name, date_of_birth, preferred_language, time_zone)
          ON CONFLICT (external_id) DO UPDATE SET
            salutation = EXCLUDED.salutation, family_name = EXCLUDED.family_name, given_name = EXCLUDED.given_name,
            full_name = EXCLUDED.full_name, date_of_birth = EXCLUDED.date_of_birth,
            preferred_language = EXCLUDED.preferred_language, time_zone = EXCLUDED.time_zone, updated_at = EXCLUDED.updated_at
          RETURNING id, external_id`);
        for (const r of rows) debtorIds.set(r.external_id, r.id);
      }
      // A debtor id chosen for a new debtor may have lost a race: use the stored one.
      const debtorId = (id: string, externalId: string) => debtorIds.get(externalId) ?? id;
      const debtorExternal = new Map(debtors.map((d) => [d.id, d.externalId]));
      const resolve = (id: string) => (debtorExternal.has(id) ? debtorId(id, debtorExternal.get(id)!) : id);

      let accountsWritten = 0;
      const ordered = byId(accounts);
      for (let i = 0; i < ordered.length; i += CHUNK) {
        const c = ordered.slice(i, i + CHUNK);
        // A new account's figures are its baseline; an existing account's figures move only below.
        accountsWritten += await tx.$executeRaw(Prisma.sql`
          INSERT INTO accounts (id, external_id, debtor_id, creditor_id, product, currency, balance_minor, overdue_minor, instalment_minor,
                                oldest_unpaid_due_date, missed_instalments, opened_at, status, assigned_collector_id, compliance_profile, updated_at,
                                balance_baseline_minor, overdue_baseline_minor)
          SELECT u.*, ${now}::timestamptz, u.balance_minor, u.overdue_minor
          FROM unnest(${c.map((a) => a.id)}::uuid[], ${c.map((a) => a.externalId)}::text[], ${c.map((a) => resolve(a.debtorId))}::uuid[],
                      ${c.map((a) => a.creditorId)}::uuid[], ${c.map((a) => a.product)}::text[], ${c.map((a) => a.currency)}::text[],
                      ${c.map((a) => String(a.balanceMinor))}::bigint[], ${c.map((a) => String(a.overdueMinor))}::bigint[], ${c.map((a) => String(a.instalmentMinor))}::bigint[],
                      ${c.map((a) => a.oldestUnpaidDueDate)}::date[], ${c.map((a) => a.missedInstalments)}::int[], ${c.map((a) => a.openedAt)}::date[],
                      ${c.map((a) => a.status)}::"AccountStatus"[], ${c.map((a) => a.assignedCollectorId)}::uuid[], ${c.map((a) => a.complianceProfile)}::"ComplianceProfile"[])
               AS u(id, external_id, debtor_id, creditor_id, product, currency, balance_minor, overdue_minor, instalment_minor,
                    oldest_unpaid_due_date, missed_instalments, opened_at, status, assigned_collector_id, compliance_profile)
          ON CONFLICT (external_id) DO UPDATE SET
            product = EXCLUDED.product,
            instalment_minor = EXCLUDED.instalment_minor, oldest_unpaid_due_date = EXCLUDED.oldest_unpaid_due_date,
            missed_instalments = EXCLUDED.missed_instalments, status = EXCLUDED.status,
            assigned_collector_id = EXCLUDED.assigned_collector_id, updated_at = EXCLUDED.updated_at
          WHERE accounts.debtor_id = EXCLUDED.debtor_id AND accounts.currency = EXCLUDED.currency`);
      }
      if (accountsWritten !== accounts.length) {
        // Another import moved an account under our feet: write nothing rather than half.
        throw new Error(
          `portfolio import: ${accounts.length - accountsWritten} account(s) changed owner during the import`,
        );
      }
      // Figures the creditor stated are the new baseline: payments recorded before are in them.
      const restated = ordered.filter((a) => a.statedFigures);
      for (let i = 0; i < restated.length; i += CHUNK) {
        const c = restated.slice(i, i + CHUNK);
        await tx.$executeRawUnsafe(
          `UPDATE accounts SET ${REBASELINE_SQL('u.balance', 'u.overdue')}
           FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS u(id, balance, overdue) WHERE accounts.id = u.id`,
          c.map((a) => a.id),
          c.map((a) => String(a.balanceMinor)),
          c.map((a) => String(a.overdueMinor)),
        );
      }
      for (let i = 0; i < contactPoints.length; i += CHUNK) {
        const c = contactPoints.slice(i, i + CHUNK);
        await tx.$executeRaw(Prisma.sql`
          INSERT INTO contact_points (id, debtor_id, kind, type, value, time_zones, zone_source, country, postal_code, region, status, source)
          SELECT u.id, u.debtor_id, u.kind, u.type, u.value, string_to_array(u.zones, ','), u.zone_source,
                 u.country, u.postal_code, u.region, 'unverified'::"ContactPointStatus", 'import'
          FROM unnest(${c.map(() => randomUUID())}::uuid[], ${c.map((p) => resolve(p.debtorId))}::uuid[], ${c.map((p) => p.kind)}::"ContactPointKind"[],
                      ${c.map((p) => p.type)}::"ContactPointType"[], ${c.map((p) => p.value)}::text[],
                      ${c.map((p) => p.timeZones.join(','))}::text[], ${c.map((p) => p.zoneSource)}::"ZoneSource"[],
                      ${c.map((p) => p.country ?? null)}::text[], ${c.map((p) => p.postalCode ?? null)}::text[], ${c.map((p) => p.region ?? null)}::text[])
               AS u(id, debtor_id, kind, type, value, zones, zone_source, country, postal_code, region)`);
      }
    },
  };
}
