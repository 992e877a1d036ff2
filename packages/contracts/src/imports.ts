import { z } from 'zod';

export const importModeSchema = z.object({
  /** validate: report only; all: write only when every row is valid; valid: write the valid rows. */
  mode: z.enum(['validate', 'all', 'valid'], { message: 'must be validate, all or valid' }).default('validate'),
  source: z.string().trim().min(1).max(50).default('import'),
});

export const importRowErrorSchema = z.object({ line: z.number().int(), field: z.string(), message: z.string() });

export const importReportSchema = z.object({
  committed: z.boolean(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  /** Rows whose (source, reference) was imported before: skipped, not errors. */
  duplicateRows: z.number().int(),
  writtenRows: z.number().int(),
  errorCount: z.number().int(),
  /** The first 1,000 problems, each with its line number in the file. */
  errors: z.array(importRowErrorSchema),
  changedPromises: z.number().int(),
  ms: z.number().int(),
});
export type ImportReport = z.infer<typeof importReportSchema>;
