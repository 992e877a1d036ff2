import type { Readable } from 'node:stream';
import type { ImportReport, SessionUser } from '@crm/contracts';
import { MAX_AMOUNT_MINOR, isoDateTimeSchema, postPaymentBodySchema } from '@crm/contracts';
import {
  formatMoney,
  isCurrencyCode,
  isIsoDate,
  parseAmountToMinor,
  paymentConflicts,
  paymentInstantProblem,
} from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { lockAccounts, type Tx, type UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { PromisesService } from '../promises/promises.service.js';
import { resolveClaimedPayments } from '../verification/verification.repository.js';
import { createProblemList, readCsv } from './csv-import.js';
import type { ImportProgress } from './import-progress.js';
import type { ImportsRepository } from './imports.repository.js';

export interface PaymentsImportDeps {
  uow: UnitOfWork;
  imports: ImportsRepository;
  promises: Pick<PromisesService, 'reevaluateMany'>;
  audit: Pick<AuditRepository, 'record'>;
  clock: Clock;
}

interface Row {
  line: number;
  externalId: string;
  amountMinor: number;
  currency: string;
  paidAt: Date;
  channel: string;
  reference: string;
}

const REQUIRED = ['account_external_id', 'amount', 'currency', 'paid_at', 'channel', 'reference'] as const;
const BATCH = 2000;
/** Accounts re-judged per statement batch after an import. */
const REEVALUATION_BATCH = 500;
/** A whole payments file is one transaction (ADR 042): it lands whole or not at all. */
const WRITE_TIMEOUT_MS = 15 * 60_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Payment files: UTF-8 with or without BOM, comma or semicolon, a header row with
 * account_external_id, amount (major units, e.g. 120.50), currency, paid_at (YYYY-MM-DD or an
 * ISO date-time), channel, reference. One streaming pass validates every row; nothing is
 * written unless every row is valid, or the caller asked to write the valid rows.
 */
export function createPaymentsImportService({ uow, imports, promises, audit, clock }: PaymentsImportDeps) {
  return {
    async run(
      user: Pick<SessionUser, 'id'>,
      file: Readable,
      opts: {
        mode: 'validate' | 'all' | 'valid';
        source: string;
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
      const fail = problems.fail;
      const rows: Row[] = [];
      const seen = new Map<string, number>();
      // Each kept row's cells as the file has them, so a problem found later shows the value it is about.
      const raw = new Map<number, Record<string, string>>();

      const total = await readCsv(
        file,
        REQUIRED,
        problems,
        (record, line) => {
          let ok = true;
          const bad = (field: string, message: string) => {
            ok = false;
            fail(line, field, message);
          };
          const currency = (record.currency ?? '').toUpperCase();
          if (!isCurrencyCode(currency)) bad('currency', 'must be a 3-letter ISO 4217 code');
          const amountMinor = isCurrencyCode(currency) ? parseAmountToMinor(record.amount ?? '', currency) : null;
          if (amountMinor === null || amountMinor <= 0)
            bad(
              'amount',
              `must be a positive amount like 120.50, at most ${isCurrencyCode(currency) ? formatMoney({ amountMinor: MAX_AMOUNT_MINOR, currency }, 'en') : MAX_AMOUNT_MINOR + ' minor units'}`,
            );
          // The same date rules as the API: a real calendar date, or an ISO date-time with its offset.
          const rawDate = record.paid_at ?? '';
          const dateOnly = DATE_ONLY.test(rawDate);
          const paidAt = new Date(dateOnly ? `${rawDate}T12:00:00Z` : rawDate);
          if (dateOnly ? !isIsoDate(rawDate) : !isoDateTimeSchema.safeParse(rawDate).success)
            bad(
              'paid_at',
              'must be a real date (YYYY-MM-DD) or an ISO date-time with an offset, between 1900 and 2999',
            );
          else if (paymentInstantProblem(paidAt, clock.now()))
            bad('paid_at', paymentInstantProblem(paidAt, clock.now())!);
          // Channel and reference follow the API's own field rules (one source for both doors).
          for (const field of ['channel', 'reference'] as const) {
            const parsed = postPaymentBodySchema.shape[field].safeParse(record[field] ?? '');
            if (!parsed.success) bad(field, parsed.error.issues[0]!.message);
          }
          const reference = record.reference ?? '';
          if (reference && seen.has(reference)) bad('reference', `repeats line ${seen.get(reference)}`);
          else if (reference) seen.set(reference, line);
          if (!record.account_external_id) bad('account_external_id', 'is required');
          if (ok) raw.set(line, record);
          if (ok)
            rows.push({
              line,
              externalId: record.account_external_id!,
              amountMinor: amountMinor!,
              currency,
              paidAt,
              channel: record.channel!,
              reference,
            });
        },
        progress,
      );
      progress.update({ phase: 'checking' });

      // Accounts and earlier imports, looked up in batches (never one query per row).
      const accounts = new Map(
        (await imports.accountsByExternalId([...new Set(rows.map((r) => r.externalId))])).map((a) => [a.externalId, a]),
      );
      const existing = new Map(
        (
          await imports.existingReferences(
            opts.source,
            rows.map((r) => r.reference),
          )
        ).map((p) => [p.reference, p]),
      );
      const failRow = (line: number, field: string, message: string) =>
        fail(line, field, message, raw.get(line)?.[field]);
      const valid: (Row & { accountId: string })[] = [];
      let duplicates = 0;
      for (const r of rows) {
        const account = accounts.get(r.externalId);
        const earlier = existing.get(r.reference);
        if (!account) failRow(r.line, 'account_external_id', `no account ${r.externalId}`);
        else if (account.currency !== r.currency)
          failRow(r.line, 'currency', `must be ${account.currency}, the account's currency`);
        else if (earlier) {
          // The same payment again is a duplicate to skip; another payment under a used reference is
          // refused, as the API refuses it (ADR 009), never silently dropped.
          const column = {
            accountId: 'account_external_id',
            amountMinor: 'amount',
            currency: 'currency',
            paidAt: 'paid_at',
            channel: 'channel',
            reversalOfId: 'a reversal',
          } as const;
          const differs = paymentConflicts(earlier, {
            accountId: account.id,
            amountMinor: BigInt(r.amountMinor),
            currency: r.currency,
            paidAt: r.paidAt,
            channel: r.channel,
            reversalOfId: null,
          }).map((f) => column[f]);
          if (differs.length === 0) duplicates++;
          else
            failRow(
              r.line,
              'reference',
              `was already used by ${opts.source} for a different payment (${differs.join(', ')} differ)`,
            );
        } else valid.push({ ...r, accountId: account.id });
      }

      const report = (committed: boolean, written: number, changed: number): ImportReport => ({
        committed,
        totalRows: total,
        validRows: valid.length + duplicates,
        duplicateRows: duplicates,
        writtenRows: written,
        errorCount: problems.count,
        problemRows: problems.rows,
        errors: problems.sorted(),
        changedPromises: changed,
        ms: Date.now() - started,
      });
      if (opts.mode === 'validate' || (opts.mode === 'all' && problems.count > 0) || valid.length === 0) {
        progress.update({ phase: 'done' });
        return report(false, 0, 0);
      }

      // One transaction for the whole file (ADR 042): its payments, the balances they move, an audit
      // event per batch of 2,000 (ADR 018), the promises and "I already paid" claims re-judged, and
      // (finish) the import marked succeeded. A failure anywhere leaves nothing written. Every
      // account is locked first, in id order, like every multi-account writer (ADR 009).
      progress.update({ phase: 'writing', rowsToWrite: valid.length });
      const writeBatches = Math.ceil(valid.length / BATCH);
      const accountIds = [...new Set(valid.map((r) => r.accountId))].sort();
      const changed = await uow(
        async (tx) => {
          await lockAccounts(tx, accountIds);
          for (let i = 0; i < valid.length; i += BATCH) {
            const rows = valid.slice(i, i + BATCH);
            const written = await imports.insertPayments(
              tx,
              opts.source,
              rows.map((r) => ({
                accountId: r.accountId,
                amountMinor: r.amountMinor,
                currency: r.currency,
                paidAt: r.paidAt,
                channel: r.channel,
                reference: r.reference,
              })),
            );
            await audit.record(
              {
                actorId: user.id,
                action: 'import.payments',
                entityType: 'import',
                entityId: null,
                requestId: opts.requestId,
                data: {
                  rows: total,
                  written,
                  errors: problems.count,
                  source: opts.source,
                  batch: i / BATCH + 1,
                  batches: writeBatches,
                  lines: [rows[0]!.line, rows.at(-1)!.line],
                },
              },
              tx,
            );
            progress.update({ rowsWritten: Math.min(valid.length, i + BATCH) });
          }
          progress.update({ phase: 'evaluating' });
          // Promises and claims are re-judged only where there is something to judge, a batch of
          // accounts at a time (their locks are already held).
          const found = await imports.accountsToReevaluate(accountIds, tx);
          const withClaims = new Set(found.filter((f) => f.claims).map((f) => f.accountId));
          const toJudge = [...new Set(found.map((f) => f.accountId))].sort();
          let judged = 0;
          for (let i = 0; i < toJudge.length; i += REEVALUATION_BATCH) {
            const batch = toJudge.slice(i, i + REEVALUATION_BATCH);
            judged += (await promises.reevaluateMany(tx, batch, 'payment_posted', null)).length;
            for (const accountId of batch)
              if (withClaims.has(accountId)) await resolveClaimedPayments(tx, accountId, clock.now());
          }
          await opts.finish?.(tx, report(true, valid.length, judged));
          return judged;
        },
        { timeoutMs: WRITE_TIMEOUT_MS },
      );
      progress.update({ phase: 'done' });
      return report(true, valid.length, changed);
    },
  };
}

export type PaymentsImportService = ReturnType<typeof createPaymentsImportService>;
