import { z } from 'zod';

export const importModeSchema = z.object({
  /** validate: report only; all: write only when every row is valid; valid: write the valid rows. */
  mode: z.enum(['validate', 'all', 'valid'], { message: 'must be validate, all or valid' }).default('validate'),
  source: z.string().trim().min(1).max(50).default('import'),
  /** Chosen by the client to follow the import's progress at GET /api/imports/progress/:importId. */
  importId: z.uuid({ message: 'must be a UUID' }).optional(),
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

/** `failed`: the request ended with an error (it answered with the error; what was written is said there). */
export const importPhaseSchema = z.enum(['reading', 'checking', 'writing', 'evaluating', 'done', 'failed']);
export const importProgressSchema = z.object({
  phase: importPhaseSchema,
  rowsRead: z.number().int(),
  rowsToWrite: z.number().int(),
  rowsWritten: z.number().int(),
  updatedAt: z.string(),
});
export type ImportProgressState = z.infer<typeof importProgressSchema>;
export const importProgressParamsSchema = z.object({ importId: z.uuid({ message: 'must be a UUID' }) });
