import { z } from 'zod';
import { IMPORT_KINDS, IMPORT_STATUSES } from './code-lists.js';

export const importModeSchema = z.object({
  /** validate: report only; all: write only when every row is valid; valid: write the valid rows. */
  mode: z.enum(['validate', 'all', 'valid'], { message: 'must be validate, all or valid' }).default('validate'),
  source: z.string().trim().min(1).max(50).default('import'),
});
export const portfolioImportQuerySchema = importModeSchema.omit({ source: true });

export const importRowErrorSchema = z.object({
  line: z.number().int(),
  field: z.string(),
  message: z.string(),
  /** The cell as the file has it, when the problem is about one cell. */
  value: z.string().optional(),
});

export const portfolioCountsSchema = z.object({
  debtorsCreated: z.number().int(),
  debtorsUpdated: z.number().int(),
  accountsCreated: z.number().int(),
  accountsUpdated: z.number().int(),
  contactPointsAdded: z.number().int(),
});
export type PortfolioCounts = z.infer<typeof portfolioCountsSchema>;

export const importReportSchema = z.object({
  committed: z.boolean(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  /** Rows whose (source, reference) was imported before: skipped, not errors. */
  duplicateRows: z.number().int(),
  writtenRows: z.number().int(),
  /** Every problem (a row can have several). */
  errorCount: z.number().int(),
  /** Data rows with at least one problem: totalRows = validRows + problemRows for a file that could be read. */
  problemRows: z.number().int(),
  /** The first 1,000 problems, each with its line number in the file. */
  errors: z.array(importRowErrorSchema),
  changedPromises: z.number().int(),
  /** Portfolio imports: what the rows create or update (when checked) or created and updated (when committed). */
  portfolio: portfolioCountsSchema.optional(),
  ms: z.number().int(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** Where an import is. `failed`: it ended with an error (the import's `error` says which; nothing was written). */
export const importPhaseSchema = z.enum(['reading', 'checking', 'writing', 'evaluating', 'done', 'failed']);
export type ImportPhase = z.infer<typeof importPhaseSchema>;
export const importStatusSchema = z.enum(IMPORT_STATUSES);
export type ImportStatus = z.infer<typeof importStatusSchema>;
export const importKindSchema = z.enum(IMPORT_KINDS);

/** An import run as a job (ADR 042): any API instance answers with it, from the database. */
export const importViewSchema = z.object({
  id: z.uuid(),
  kind: importKindSchema,
  mode: z.enum(['validate', 'all', 'valid']),
  source: z.string().nullable(),
  startedBy: z.object({ id: z.uuid(), username: z.string().nullable() }),
  /** queued (waiting for a worker), running, succeeded (the report is final), failed (see error). */
  status: importStatusSchema,
  phase: importPhaseSchema,
  rowsRead: z.number().int(),
  rowsToWrite: z.number().int(),
  rowsWritten: z.number().int(),
  fileBytes: z.number().int(),
  attempts: z.number().int(),
  /** The report once succeeded (as the upload answered before imports were jobs). */
  report: importReportSchema.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ImportView = z.infer<typeof importViewSchema>;
/** The upload's answer (202): the import is queued; follow it at `Location` (GET /api/imports/{id}). */
export const importQueuedSchema = z.object({ id: z.uuid(), status: importStatusSchema });
export type ImportQueued = z.infer<typeof importQueuedSchema>;
export const importParamsSchema = z.object({ id: z.uuid({ message: 'must be a UUID' }) });
export const importListQuerySchema = z.object({
  limit: z.coerce
    .number({ message: 'must be a number from 1 to 100' })
    .int({ message: 'must be a number from 1 to 100' })
    .min(1, { message: 'must be a number from 1 to 100' })
    .max(100, { message: 'must be a number from 1 to 100' })
    .default(20),
  cursor: z.string().max(500).optional(),
});
export const importListSchema = z.object({ items: z.array(importViewSchema), nextCursor: z.string().nullable() });
export type ImportList = z.infer<typeof importListSchema>;
