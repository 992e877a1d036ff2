import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ImportReport, PortfolioCounts, SessionUser } from '@crm/contracts';
import {
  PORTFOLIO_REQUIRED_COLUMNS,
  composeFullName,
  localDate,
  missingForNewAccount,
  missingForNewDebtor,
  normalisePhone,
  parsePortfolioRow,
  type PortfolioDebtorFields,
  type PortfolioRow,
} from '@crm/domain';
import { deriveZones, PROFILE_COUNTRY } from '@crm/zones';
import type { Clock } from '../../lib/clock.js';
import type { Tx, UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { createProblemList, readCsv } from './csv-import.js';
import type { ImportProgress } from './import-progress.js';
import type { AccountRecord, ContactPointRecord, DebtorRecord, PortfolioRepository } from './portfolio.repository.js';

export interface PortfolioImportDeps {
  portfolio: PortfolioRepository;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  clock: Clock;
}

type Line = PortfolioRow & { line: number };
/** A whole portfolio file is one transaction (with its audit event): a file either lands or it does not. */
const WRITE_TIMEOUT_MS = 15 * 60_000;
const DEBTOR_FIELDS: [keyof PortfolioDebtorFields, string][] = [
  ['salutation', 'salutation'],
  ['familyName', 'family_name'],
  ['givenName', 'given_name'],
  ['fullName', 'full_name'],
  ['dateOfBirth', 'date_of_birth'],
  ['preferredLanguage', 'preferred_language'],
  ['timeZone', 'time_zone'],
];

const sameDebtor = (a: DebtorRecord, b: DebtorRecord) => DEBTOR_FIELDS.every(([k]) => a[k] === b[k]);
const ACCOUNT_KEYS = [
  'product',
  'balanceMinor',
  'overdueMinor',
  'instalmentMinor',
  'oldestUnpaidDueDate',
  'missedInstalments',
  'status',
  'assignedCollectorId',
] as const;
const sameAccount = (a: AccountRecord, b: AccountRecord) => ACCOUNT_KEYS.every((k) => a[k] === b[k]);
const contactKey = (debtorId: string, kind: string, value: string) =>
  `${debtorId}|${kind}|${kind === 'phone' ? normalisePhone(value) : value.toLowerCase()}`;

/**
 * Portfolio files from a creditor: one row per account with its customer. New customers and
 * accounts are created, existing ones (by external id) updated; a customer is never duplicated,
 * whether they appear on several rows or already exist. Phone numbers, e-mail and postal addresses are
 * added when the customer does not have them yet (each with the zones it places the customer in, ADR 019); nothing is removed. Every row is checked
 * first; nothing is written unless every row is valid or the caller asked for the valid rows,
 * and what is written is written in one transaction.
 */
export function createPortfolioImportService({ portfolio, uow, audit, clock }: PortfolioImportDeps) {
  return {
    async run(
      user: Pick<SessionUser, 'id'>,
      file: Readable,
      opts: {
        mode: 'validate' | 'all' | 'valid';
        requestId: string;
        progress?: ImportProgress;
        maxErrors?: number;
        /** The last step of the writing transaction (the import marked succeeded): commits with the data. */
        finish?: (tx: Tx, report: ImportReport) => Promise<void>;
      },
    ): Promise<ImportReport> {
      const progress = opts.progress ?? { update: () => {} };
      const started = Date.now();
      const problems = createProblemList(opts.maxErrors);
      const rows: Line[] = [];
      const accountLine = new Map<string, number>();
      // Each kept row's cells as the file has them, so a problem found later shows the value it is about.
      const raw = new Map<number, Record<string, string>>();
      const failRow = (line: number, field: string, message: string) =>
        problems.fail(line, field, message, raw.get(line)?.[field]);

      const total = await readCsv(
        file,
        PORTFOLIO_REQUIRED_COLUMNS,
        problems,
        (record, line) => {
          const { row, problems: cells } = parsePortfolioRow(record);
          for (const p of cells) problems.fail(line, p.field, p.message);
          if (!row) return;
          const first = accountLine.get(row.accountExternalId);
          if (first !== undefined) return problems.fail(line, 'account_external_id', `repeats line ${first}`);
          accountLine.set(row.accountExternalId, line);
          rows.push({ ...row, line });
          raw.set(line, record);
        },
        progress,
      );
      progress.update({ phase: 'checking' });

      // Everything the rows refer to, looked up in batches.
      const creditors = new Map((await portfolio.creditors()).map((c) => [c.code, c]));
      const users = new Map(
        (
          await portfolio.usersByUsername([
            ...new Set(rows.flatMap((r) => (r.account.assignedCollector ? [r.account.assignedCollector] : []))),
          ])
        ).map((u) => [u.username, u]),
      );
      const debtors = new Map(
        (await portfolio.debtorsByExternalId([...new Set(rows.map((r) => r.debtorExternalId))])).map((d) => [
          d.externalId,
          d,
        ]),
      );
      const accounts = new Map(
        (await portfolio.accountsByExternalId(rows.map((r) => r.accountExternalId))).map((a) => [a.externalId, a]),
      );
      const debtorById = new Map([...debtors.values()].map((d) => [d.id, d]));
      const existingContacts = new Set(
        (await portfolio.contactValuesOf([...debtorById.keys()])).map((c) => contactKey(c.debtorId, c.kind, c.value)),
      );

      // Each row's account against the database.
      const accountOf = new Map<number, AccountRecord>();
      const checked: Line[] = [];
      for (const r of rows) {
        const bad = (field: string, message: string) => failRow(r.line, field, message);
        const before = problems.count;
        const existing = accounts.get(r.accountExternalId);
        const debtor = debtors.get(r.debtorExternalId);
        const a = r.account;
        const creditor = a.creditorCode ? creditors.get(a.creditorCode) : undefined;
        if (a.creditorCode && !creditor) bad('creditor_code', `no creditor ${a.creditorCode}`);
        // Born by today in any zone on earth (UTC+14 is the first to reach a date).
        if (r.debtor.dateOfBirth && r.debtor.dateOfBirth > localDate(clock.now(), 'Pacific/Kiritimati'))
          bad('date_of_birth', 'is in the future');
        let collectorId: string | null | undefined;
        if (a.assignedCollector) {
          const u = users.get(a.assignedCollector);
          if (!u) bad('assigned_collector', `no user ${a.assignedCollector}`);
          else if (u.role !== 'collector' || !u.active)
            bad('assigned_collector', `${a.assignedCollector} is not an active collector`);
          else collectorId = u.id;
        }
        if (existing) {
          const owner = debtorById.get(existing.debtorId);
          if (!debtor || existing.debtorId !== debtor.id)
            bad(
              'debtor_external_id',
              `account ${r.accountExternalId} belongs to customer ${owner?.externalId ?? 'another customer'}`,
            );
          if (existing.currency !== r.currency) bad('currency', `must be ${existing.currency}, the account's currency`);
          if (creditor && creditor.id !== existing.creditorId)
            bad('creditor_code', 'cannot change for an existing account');
        } else {
          for (const field of missingForNewAccount(a)) bad(field, 'is required for a new account');
        }
        if (problems.count > before) continue;

        const overdueMinor = a.overdueMinor ?? existing!.overdueMinor;
        const merged: AccountRecord = {
          id: existing?.id ?? randomUUID(),
          externalId: r.accountExternalId,
          debtorId: debtor?.id ?? '',
          creditorId: existing?.creditorId ?? creditor!.id,
          product: a.product ?? existing!.product,
          currency: r.currency,
          balanceMinor: a.balanceMinor ?? existing!.balanceMinor,
          overdueMinor,
          instalmentMinor: a.instalmentMinor ?? existing!.instalmentMinor,
          // Nothing overdue: nothing is unpaid, whatever the file says about dates.
          oldestUnpaidDueDate:
            overdueMinor === 0 ? null : (a.oldestUnpaidDueDate ?? existing?.oldestUnpaidDueDate ?? null),
          missedInstalments: a.missedInstalments ?? (overdueMinor === 0 ? 0 : (existing?.missedInstalments ?? 0)),
          openedAt: existing?.openedAt ?? a.openedAt!,
          status: a.status ?? existing?.status ?? 'open',
          assignedCollectorId: collectorId !== undefined ? collectorId : (existing?.assignedCollectorId ?? null),
          complianceProfile: existing?.complianceProfile ?? creditor!.complianceProfile,
          statedFigures: a.balanceMinor !== undefined || a.overdueMinor !== undefined,
        };
        if (merged.overdueMinor > merged.balanceMinor) bad('overdue', 'cannot be more than the balance');
        else if (merged.overdueMinor > 0 && !merged.oldestUnpaidDueDate)
          bad('oldest_unpaid_due_date', 'is required when an amount is overdue');
        else if (a.openedAt && existing && a.openedAt !== existing.openedAt)
          bad('opened_at', 'cannot change for an existing account');
        if (problems.count > before) continue;
        accountOf.set(r.line, merged);
        checked.push(r);
      }

      // Customers: the rows of one customer must agree; a new customer needs a name and a zone.
      const byDebtor = new Map<string, Line[]>();
      for (const r of checked) byDebtor.set(r.debtorExternalId, [...(byDebtor.get(r.debtorExternalId) ?? []), r]);
      const debtorWrites: DebtorRecord[] = [];
      const accountWrites: AccountRecord[] = [];
      const contactWrites: ContactPointRecord[] = [];
      const counts: PortfolioCounts = {
        debtorsCreated: 0,
        debtorsUpdated: 0,
        accountsCreated: 0,
        accountsUpdated: 0,
        contactPointsAdded: 0,
      };
      let validRows = 0;
      for (const [externalId, group] of byDebtor) {
        const given: PortfolioDebtorFields = {};
        const from: Partial<Record<keyof PortfolioDebtorFields, number>> = {};
        const kept: Line[] = [];
        for (const r of group) {
          const conflict = DEBTOR_FIELDS.find(
            ([k]) => r.debtor[k] !== undefined && given[k] !== undefined && r.debtor[k] !== given[k],
          );
          if (conflict) {
            failRow(r.line, conflict[1], `differs from line ${from[conflict[0]]} for the same customer`);
            continue;
          }
          for (const [k] of DEBTOR_FIELDS) {
            if (r.debtor[k] !== undefined && given[k] === undefined) {
              (given as Record<string, unknown>)[k] = r.debtor[k];
              from[k] = r.line;
            }
          }
          kept.push(r);
        }
        if (!kept.length) continue;
        const existing = debtors.get(externalId);
        if (!existing) {
          const missing = missingForNewDebtor(given);
          if (missing.length) {
            for (const r of kept) for (const field of missing) failRow(r.line, field, 'is required for a new customer');
            continue;
          }
        }
        const language = given.preferredLanguage ?? existing?.preferredLanguage ?? 'en';
        const familyName = given.familyName ?? existing!.familyName;
        const givenName = given.givenName ?? existing!.givenName;
        const renamed = !existing || familyName !== existing.familyName || givenName !== existing.givenName;
        const debtor: DebtorRecord = {
          id: existing?.id ?? randomUUID(),
          externalId,
          salutation: given.salutation ?? existing?.salutation ?? 'none',
          familyName,
          givenName,
          fullName: given.fullName ?? (renamed ? composeFullName(familyName, givenName, language) : existing!.fullName),
          dateOfBirth: given.dateOfBirth ?? existing?.dateOfBirth ?? null,
          preferredLanguage: language,
          timeZone: given.timeZone ?? existing!.timeZone,
        };
        if (!existing) counts.debtorsCreated++;
        else if (!sameDebtor(existing, debtor)) counts.debtorsUpdated++;
        if (!existing || !sameDebtor(existing, debtor)) debtorWrites.push(debtor);

        for (const r of kept) {
          validRows++;
          const account = { ...accountOf.get(r.line)!, debtorId: debtor.id };
          const before = accounts.get(r.accountExternalId);
          if (!before) counts.accountsCreated++;
          else if (!sameAccount(before, account)) counts.accountsUpdated++;
          if (!before || !sameAccount(before, account)) accountWrites.push(account);
          const points: ContactPointRecord[] = [
            // Each number's own zones, from its country and area code (ADR 019): a Hawaii number of a
            // New York customer is in Hawaii. A number without a country code is read in the
            // country of the account's profile.
            ...r.phones.map((p) => ({
              debtorId: debtor.id,
              kind: 'phone' as const,
              type: p.type,
              value: p.value,
              ...deriveZones({
                kind: 'phone',
                value: p.value,
                defaultCountry: PROFILE_COUNTRY[account.complianceProfile],
              }),
            })),
            ...(r.email
              ? [
                  {
                    debtorId: debtor.id,
                    kind: 'email' as const,
                    type: 'other' as const,
                    value: r.email,
                    timeZones: [],
                    zoneSource: null,
                  },
                ]
              : []),
            // The postal address and its zones (a one-zone country, else the ZIP or the state).
            ...(r.address
              ? [
                  {
                    debtorId: debtor.id,
                    kind: 'address' as const,
                    type: 'home' as const,
                    value: r.address.value,
                    country: r.address.country,
                    postalCode: r.address.postalCode,
                    region: r.address.region,
                    ...deriveZones({ kind: 'address', ...r.address }),
                  },
                ]
              : []),
          ];
          for (const p of points) {
            const key = contactKey(p.debtorId, p.kind, p.value);
            if (existingContacts.has(key)) continue;
            existingContacts.add(key);
            contactWrites.push(p);
          }
        }
      }
      counts.contactPointsAdded = contactWrites.length;

      const report = (committed: boolean): ImportReport => ({
        committed,
        totalRows: total,
        validRows,
        duplicateRows: 0,
        writtenRows: committed ? validRows : 0,
        errorCount: problems.count,
        problemRows: problems.rows,
        errors: problems.sorted(),
        changedPromises: 0,
        portfolio: counts,
        ms: Date.now() - started,
      });
      if (opts.mode === 'validate' || (opts.mode === 'all' && problems.count > 0) || validRows === 0) {
        progress.update({ phase: 'done' });
        return report(false);
      }
      progress.update({ phase: 'writing', rowsToWrite: validRows });
      await uow(
        async (tx) => {
          await portfolio.write(tx, debtorWrites, accountWrites, contactWrites, clock.now());
          await audit.record(
            {
              actorId: user.id,
              action: 'import.portfolio',
              entityType: 'import',
              entityId: null,
              requestId: opts.requestId,
              data: { rows: total, valid: validRows, errors: problems.count, ...counts },
            },
            tx,
          );
          await opts.finish?.(tx, report(true));
        },
        { timeoutMs: WRITE_TIMEOUT_MS },
      );
      progress.update({ phase: 'done', rowsWritten: validRows });
      return report(true);
    },
  };
}

export type PortfolioImportService = ReturnType<typeof createPortfolioImportService>;
