import { z } from 'zod';
import { problem } from './problems.js';
import { COMPLIANCE_PROFILES, LOCALES, ROLES, STAGES } from './code-lists.js';
import { MAX_AMOUNT_MINOR } from './constants.js';
// Readable messages for every check that does not give its own (a side effect: set once for zod).
import './zod-messages.js';

// Reusable field schemas with readable messages (one place for each rule).

export const uuidSchema = z.uuid({ message: 'must be a UUID' });

/** Calendar dates and instants the product accepts: years 1900 to 2999 (PostgreSQL has no year 0). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD within the accepted years (no 2026-02-30, no 0000-01-01). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The one date schema: a real calendar date, never shifted (2026-02-30 is refused, not read as March 2). */
export const isoDateSchema = z
  .string()
  .regex(ISO_DATE, { message: 'must be a date written YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, {
    message: `must be a real calendar date between ${MIN_YEAR}-01-01 and ${MAX_YEAR}-12-31`,
    params: problem('invalid_date'),
    abort: true,
  });

/** An instant with its offset; the calendar part must be a real date within the accepted years. */
export const isoDateTimeSchema = z.iso
  .datetime({
    offset: true,
    message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-11-22T15:00:00Z',
    abort: true,
  })
  .refine((v) => isCalendarDate(v.slice(0, 10)), {
    message: `must be between ${MIN_YEAR} and ${MAX_YEAR}`,
    params: problem('invalid_date'),
    abort: true,
  });

/** Integer minor units (cents, fen, pence). Never a float; at most MAX_AMOUNT_MINOR either way. */
export const amountMinorSchema = z
  .number({ message: 'must be a number' })
  .int({ message: 'must be a whole number of minor units (e.g. cents)' })
  .min(-MAX_AMOUNT_MINOR, { message: `must be at least -${MAX_AMOUNT_MINOR} minor units` })
  .max(MAX_AMOUNT_MINOR, { message: `must be at most ${MAX_AMOUNT_MINOR} minor units` });

/**
 * An amount as the API reports it (a balance, a promise, a payment): any safe integer. Inputs are
 * bounded by MAX_AMOUNT_MINOR, but a figure stored before that bound, or derived from several
 * inputs (an overpaid account's credit), may be larger; answering it must never fail.
 */
export const storedAmountMinorSchema = z
  .number()
  .int()
  .refine(Number.isSafeInteger, { message: 'must be a safe integer' });

/**
 * A total of many amounts (a report over a portfolio): a decimal string of minor units, exact at
 * any size. A JSON number would lose cents past 2^53 (about 90 trillion dollars in cents).
 */
export const totalMinorSchema = z
  .string()
  .regex(/^-?\d+$/, { message: 'must be a whole number of minor units written as a decimal string' });

/** A total per currency; totals are never added across currencies. */
export const moneyTotalSchema = z.object({ currency: z.string().regex(/^[A-Z]{3}$/), amountMinor: totalMinorSchema });
export type MoneyTotal = z.infer<typeof moneyTotalSchema>;

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, { message: 'must be a 3-letter ISO 4217 code' });

export const localeSchema = z.enum(LOCALES, { message: 'must be en or zh-CN' });
export type Locale = z.infer<typeof localeSchema>;

/** `service`: integrations (payment feeds) that sign in through the API only. */
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

export const complianceProfileSchema = z.enum(COMPLIANCE_PROFILES);

export const limitSchema = z.coerce
  .number({ message: 'must be a number' })
  .int({ message: 'must be a whole number' })
  .min(1, { message: 'must be at least 1' })
  .max(200, { message: 'must be at most 200' })
  .default(50);
