import type { ImportReport, ImportView } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import type { Tx } from '../../lib/transaction.js';

export type ImportRunsRepository = ReturnType<typeof createImportRunsRepository>;

export interface NewImport {
  id: string;
  kind: 'payments' | 'portfolio';
  mode: 'validate' | 'all' | 'valid';
  source: string | null;
  startedById: string;
  requestId: string;
  fileBytes: number;
}

/** A run's claim on an import: only the latest attempt may write its progress or finish it. */
export type ImportClaim = Omit<NewImport, 'fileBytes'> & { attempt: number };

export interface ProgressPatch {
  phase?: string;
  rowsRead?: number;
  rowsToWrite?: number;
  rowsWritten?: number;
}

const VIEW = {
  id: true,
  kind: true,
  mode: true,
  source: true,
  startedById: true,
  status: true,
  phase: true,
  rowsRead: true,
  rowsToWrite: true,
  rowsWritten: true,
  fileBytes: true,
  attempts: true,
  report: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  updatedAt: true,
} as const;
type Row = Prisma.ImportGetPayload<{ select: typeof VIEW }>;

/** Imports as rows (ADR 042): the uploaded file in chunks, the state any instance reads, the claims of runs. */
export function createImportRunsRepository(db: Db) {
  const toView = async (rows: Row[]): Promise<ImportView[]> => {
    const users = new Map(
      (
        await db.user.findMany({
          where: { id: { in: [...new Set(rows.map((r) => r.startedById))] } },
          select: { id: true, username: true },
        })
      ).map((u) => [u.id, u.username]),
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      mode: r.mode as ImportView['mode'],
      source: r.source,
      startedBy: { id: r.startedById, username: users.get(r.startedById) ?? null },
      status: r.status,
      phase: r.phase as ImportView['phase'],
      rowsRead: r.rowsRead,
      rowsToWrite: r.rowsToWrite,
      rowsWritten: r.rowsWritten,
      fileBytes: r.fileBytes,
      attempts: r.attempts,
      report: (r.report as ImportReport | null) ?? null,
      error: r.error,
      createdAt: r.createdAt.toISOString(),
      startedAt: r.startedAt?.toISOString() ?? null,
      finishedAt: r.finishedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
    }));
  };

  return {
    /** In the caller's transaction: the import row and its file, in order. */
    async create(tx: Tx, row: NewImport, chunks: Buffer[], now: Date): Promise<void> {
      await tx.import.create({ data: { ...row, createdAt: now, updatedAt: now } });
      for (let seq = 0; seq < chunks.length; seq++)
        await tx.importFileChunk.create({ data: { importId: row.id, seq, data: new Uint8Array(chunks[seq]!) } });
    },
    /** The file, one chunk at a time (never the whole file in one query). */
    async *file(importId: string): AsyncGenerator<Buffer> {
      for (let seq = 0; ; seq++) {
        const chunk = await db.importFileChunk.findUnique({
          where: { importId_seq: { importId, seq } },
          select: { data: true },
        });
        if (!chunk) return;
        yield Buffer.from(chunk.data);
      }
    },
    /**
     * Takes a queued import for one run: running, one more attempt, beating now. Null when it is
     * not queued (another run has it, or it is finished): a repeated job does nothing.
     */
    async claim(importId: string, now: Date): Promise<ImportClaim | null> {
      const rows = await db.$queryRaw<
        {
          id: string;
          kind: ImportClaim['kind'];
          mode: string;
          source: string | null;
          started_by_id: string;
          request_id: string;
          attempts: number;
        }[]
      >(Prisma.sql`
        UPDATE imports SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, ${now}),
               heartbeat_at = ${now}, updated_at = ${now}, phase = 'reading', rows_read = 0, rows_to_write = 0, rows_written = 0
        WHERE id = ${importId}::uuid AND status = 'queued'
        RETURNING id, kind::text AS kind, mode, source, started_by_id, request_id, attempts`);
      const r = rows[0];
      return r
        ? {
            id: r.id,
            kind: r.kind,
            mode: r.mode as ImportClaim['mode'],
            source: r.source,
            startedById: r.started_by_id,
            requestId: r.request_id,
            attempt: r.attempts,
          }
        : null;
    },
    /** The run's progress and heartbeat; ignored once another attempt has it or it is finished. */
    async progress(claim: ImportClaim, patch: ProgressPatch, now: Date): Promise<void> {
      await db.import.updateMany({
        where: { id: claim.id, status: 'running', attempts: claim.attempt },
        data: { ...patch, heartbeatAt: now, updatedAt: now },
      });
    },
    /**
     * Finishes the run: succeeded with its report, the file dropped. Given the transaction that
     * wrote the data, both commit together; throws (so that transaction rolls back) when this
     * run no longer holds the import (re-queued meanwhile, or finished by another).
     */
    async succeed(tx: Tx | undefined, claim: ImportClaim, report: ImportReport, now: Date): Promise<void> {
      const client = tx ?? db;
      const done = await client.import.updateMany({
        where: { id: claim.id, status: 'running', attempts: claim.attempt },
        data: {
          status: 'succeeded',
          phase: 'done',
          report: report as unknown as Prisma.InputJsonValue,
          // The final counts (a throttled progress write may still be waiting behind this transaction).
          rowsRead: report.totalRows,
          rowsToWrite: report.writtenRows,
          rowsWritten: report.writtenRows,
          finishedAt: now,
          heartbeatAt: now,
          updatedAt: now,
        },
      });
      if (done.count !== 1) throw new ImportRunSupersededError(claim);
      await client.importFileChunk.deleteMany({ where: { importId: claim.id } });
    },
    /** Failed with the reason (nothing of it was written: the writing transaction rolled back). */
    async fail(importId: string, attempt: number | null, error: string, now: Date): Promise<boolean> {
      const done = await db.import.updateMany({
        where: {
          id: importId,
          status: { in: ['running', 'queued'] },
          ...(attempt === null ? {} : { attempts: attempt }),
        },
        data: { status: 'failed', phase: 'failed', error, finishedAt: now, updatedAt: now },
      });
      if (done.count) await db.importFileChunk.deleteMany({ where: { importId } });
      return done.count === 1;
    },
    /** Running imports whose run has not beaten since `before` (its worker died or hangs). */
    stale: (before: Date) =>
      db.import.findMany({
        where: { status: 'running', heartbeatAt: { lt: before } },
        select: { id: true, attempts: true },
        orderBy: { heartbeatAt: 'asc' },
        take: 100,
      }),
    /** In the caller's transaction: back to queued for a new run, if still stale and on that attempt. */
    async requeue(tx: Tx, importId: string, attempt: number, before: Date, now: Date): Promise<boolean> {
      const done = await tx.import.updateMany({
        where: { id: importId, status: 'running', attempts: attempt, heartbeatAt: { lt: before } },
        data: { status: 'queued', phase: 'reading', updatedAt: now },
      });
      return done.count === 1;
    },
    async get(importId: string): Promise<ImportView | null> {
      const row = await db.import.findUnique({ where: { id: importId }, select: VIEW });
      return row ? (await toView([row]))[0]! : null;
    },
    /** Newest first, keyset-paged on (created_at, id). */
    async list(limit: number, after: [string, string] | null): Promise<ImportView[]> {
      const rows = await db.import.findMany({
        where: after
          ? {
              OR: [{ createdAt: { lt: new Date(after[0]) } }, { createdAt: new Date(after[0]), id: { lt: after[1] } }],
            }
          : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
        select: VIEW,
      });
      return toView(rows);
    },
  };
}

/** The run lost its claim (it was re-queued as stale, or another run finished it): its writes roll back. */
export class ImportRunSupersededError extends Error {
  constructor(claim: ImportClaim) {
    super(`import ${claim.id}: attempt ${claim.attempt} no longer holds it; its writes are rolled back`);
  }
}
