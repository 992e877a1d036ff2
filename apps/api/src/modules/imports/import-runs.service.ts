import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ImportList, ImportQueued, ImportReport, ImportView, SessionUser } from '@crm/contracts';
import { z } from 'zod';
import type { Clock } from '../../lib/clock.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { AppError, BadRequestError, NotFoundError } from '../../lib/errors.js';
import type { Tx, UnitOfWork } from '../../lib/transaction.js';
import type { JobsRepository } from '../../jobs/jobs.repository.js';
import type { ImportProgress } from './import-progress.js';
import type { ImportClaim, ImportRunsRepository, ProgressPatch } from './import-runs.repository.js';
import type { PaymentsImportService } from './payments-import.service.js';
import type { PortfolioImportService } from './portfolio-import.service.js';

/** The job that runs one import, and the recurring one that rescues imports whose worker died. */
export const IMPORT_RUN_JOB = 'imports.run';
export const IMPORT_RECOVER_JOB = 'imports.recover';
export const importJobPayloadSchema = z.object({ importId: z.uuid() });

/** The uploaded file is stored in pieces of this size (one bytea each). */
const CHUNK_BYTES = 1024 * 1024;
/** A running import beats this often; one silent for STALE_MS is taken to be dead. */
export const HEARTBEAT_MS = 15_000;
export const STALE_MS = 2 * 60_000;
/** Progress is written at most this often (plus every phase change). */
const PROGRESS_MS = 500;
/** Runs of one import before it is given up. */
export const MAX_IMPORT_ATTEMPTS = 3;

export interface ImportRunsDeps {
  runs: ImportRunsRepository;
  jobs: Pick<JobsRepository, 'add'>;
  uow: UnitOfWork;
  paymentsImport: Pick<PaymentsImportService, 'run'>;
  portfolioImport: Pick<PortfolioImportService, 'run'>;
  clock: Clock;
}

class PayloadTooLargeError extends AppError {
  constructor(limit: number) {
    super('payload_too_large', 413, `The file is larger than ${limit.toLocaleString('en')} bytes.`, [
      { field: 'body', message: `is larger than ${limit.toLocaleString('en')} bytes` },
    ]);
  }
}

const cursorShape = z.tuple([z.iso.datetime(), z.uuid()]);

/**
 * Imports as jobs (ADR 042). The upload stores the file and the import and adds its job in one
 * transaction, and answers at once; a worker (any process) runs it, writing its progress to the
 * row; its data and its "succeeded" commit together. Any instance reads where it is.
 */
export function createImportRunsService({ runs, jobs, uow, paymentsImport, portfolioImport, clock }: ImportRunsDeps) {
  return {
    async upload(
      user: Pick<SessionUser, 'id'>,
      kind: 'payments' | 'portfolio',
      options: { mode: 'validate' | 'all' | 'valid'; source?: string },
      file: Readable,
      requestId: string,
      maxBytes: number,
    ): Promise<ImportQueued> {
      // The body is read whole before anything is stored (the file and the job commit together).
      const chunks: Buffer[] = [];
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let bytes = 0;
      for await (const piece of file as AsyncIterable<Buffer | string>) {
        const buf = typeof piece === 'string' ? Buffer.from(piece) : piece;
        bytes += buf.length;
        if (bytes > maxBytes) {
          file.resume();
          throw new PayloadTooLargeError(maxBytes);
        }
        pending.push(buf);
        pendingBytes += buf.length;
        while (pendingBytes >= CHUNK_BYTES) {
          const all = Buffer.concat(pending);
          chunks.push(all.subarray(0, CHUNK_BYTES));
          pending = [all.subarray(CHUNK_BYTES)];
          pendingBytes = all.length - CHUNK_BYTES;
        }
      }
      if (pendingBytes > 0) chunks.push(Buffer.concat(pending));
      if (bytes === 0)
        throw new BadRequestError('body is required: the CSV file (Content-Type text/csv)', [
          { field: 'body', message: 'is required: the CSV file (Content-Type text/csv)' },
        ]);
      const id = randomUUID();
      await uow(async (tx) => {
        await runs.create(
          tx,
          {
            id,
            kind,
            mode: options.mode,
            source: kind === 'payments' ? (options.source ?? 'import') : null,
            startedById: user.id,
            requestId,
            fileBytes: bytes,
          },
          chunks,
          clock.now(),
        );
        await jobs.add({ task: IMPORT_RUN_JOB, payload: { importId: id } }, tx);
      });
      return { id, status: 'queued' };
    },

    /**
     * The job: claims the import (a repeated or superseded job finds it not queued and does
     * nothing), runs the import on the stored file, beating and writing progress, and finishes it
     * in the transaction that writes its data. An error fails it with the reason, nothing written.
     */
    async run(importId: string): Promise<'done' | 'skipped'> {
      const claim = await runs.claim(importId, clock.now());
      if (!claim) return 'skipped';
      const writer = progressWriter(claim);
      const beat = setInterval(() => writer.beat(), HEARTBEAT_MS);
      try {
        const file = Readable.from(runs.file(claim.id));
        const finish = (tx: Tx, report: ImportReport) => runs.succeed(tx, claim, report, clock.now());
        const common = {
          mode: claim.mode,
          requestId: claim.requestId,
          progress: writer.progress,
          finish,
        };
        const user = { id: claim.startedById };
        const report =
          claim.kind === 'payments'
            ? await paymentsImport.run(user, file, { ...common, source: claim.source ?? 'import' })
            : await portfolioImport.run(user, file, common);
        clearInterval(beat);
        await writer.flush();
        // Nothing was written (a check, or nothing valid to write): finished here.
        if (!report.committed) await runs.succeed(undefined, claim, report, clock.now());
        return 'done';
      } catch (err) {
        clearInterval(beat);
        await writer.flush().catch(() => {});
        const message = err instanceof Error ? err.message : String(err);
        await runs.fail(
          claim.id,
          claim.attempt,
          `The import stopped with an error; nothing was written. ${message}`,
          clock.now(),
        );
        return 'done';
      } finally {
        clearInterval(beat);
      }
    },

    /**
     * The recurring rescue: an import running without a heartbeat for STALE_MS lost its worker
     * (graphile-worker would keep that job locked for 4 hours). It is queued again with a new job,
     * or failed after MAX_IMPORT_ATTEMPTS runs. Its data was never half-applied: the dead run's
     * transaction rolled back, and a late finish by it is refused (it no longer holds the attempt).
     */
    async recoverStale(): Promise<{ requeued: number; failed: number }> {
      const now = clock.now();
      const before = new Date(now.getTime() - STALE_MS);
      let requeued = 0;
      let failed = 0;
      for (const stale of await runs.stale(before)) {
        if (stale.attempts >= MAX_IMPORT_ATTEMPTS) {
          const gaveUp = await runs.fail(
            stale.id,
            stale.attempts,
            `The worker running this import stopped responding ${stale.attempts} times; nothing was written. Upload the file again.`,
            now,
          );
          if (gaveUp) failed++;
          continue;
        }
        const again = await uow(async (tx) => {
          if (!(await runs.requeue(tx, stale.id, stale.attempts, before, now))) return false;
          await jobs.add({ task: IMPORT_RUN_JOB, payload: { importId: stale.id } }, tx);
          return true;
        });
        if (again) requeued++;
      }
      return { requeued, failed };
    },

    async get(importId: string): Promise<ImportView> {
      const found = await runs.get(importId);
      if (!found) throw new NotFoundError('No import with this id.');
      return found;
    },

    async list(limit: number, cursor: string | undefined): Promise<ImportList> {
      const after = cursor ? decodeCursor(cursor, cursorShape) : null;
      const items = await runs.list(limit + 1, after);
      const page = items.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page,
        nextCursor: items.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null,
      };
    },
  };

  /** Progress to the row at most every PROGRESS_MS (a phase change at once), and the heartbeat. */
  function progressWriter(claim: ImportClaim) {
    let patch: ProgressPatch = {};
    let lastWrite = 0;
    let writing: Promise<void> = Promise.resolve();
    const write = () => {
      const p = patch;
      patch = {};
      lastWrite = Date.now();
      writing = writing.then(() => runs.progress(claim, p, clock.now())).catch(() => {});
      return writing;
    };
    const progress: ImportProgress = {
      update(next) {
        patch = { ...patch, ...next };
        if (next.phase || Date.now() - lastWrite >= PROGRESS_MS) void write();
      },
    };
    return { progress, beat: () => void write(), flush: () => write() };
  }
}

export type ImportRunsService = ReturnType<typeof createImportRunsService>;
