import { z } from 'zod';

// Reusable field schemas with readable messages (one place for each rule).

export const uuidSchema = z.uuid({ message: 'must be a UUID' });

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD' });

export const isoDateTimeSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/** Integer minor units (cents, fen, pence). Never a float. */
export const amountMinorSchema = z
  .number({ message: 'must be a number' })
  .int({ message: 'must be a whole number of minor units (e.g. cents)' })
  .refine(Number.isSafeInteger, { message: 'is too large' });

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, { message: 'must be a 3-letter ISO 4217 code' });

export const localeSchema = z.enum(['en', 'zh-CN'], { message: 'must be en or zh-CN' });
export type Locale = z.infer<typeof localeSchema>;

/** `service`: integrations (payment feeds) that sign in through the API only. */
export const roleSchema = z.enum(['collector', 'supervisor', 'admin', 'service']);
export type Role = z.infer<typeof roleSchema>;

export const stageSchema = z.enum(['pre_due', 'm1', 'm2', 'm3', 'm4_plus']);
export type Stage = z.infer<typeof stageSchema>;
/** The stages in order, for pickers and tables. */
export const STAGES = stageSchema.options;

export const complianceProfileSchema = z.enum(['US', 'UK', 'CN']);

export const limitSchema = z.coerce
  .number({ message: 'must be a number' })
  .int({ message: 'must be a whole number' })
  .min(1, { message: 'must be at least 1' })
  .max(200, { message: 'must be at most 200' })
  .default(50);
