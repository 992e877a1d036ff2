import { z } from 'zod';
import { ACCOUNT_STATUSES } from './code-lists.js';
import { personal } from './personal-data.js';
import {
  storedAmountMinorSchema,
  currencySchema,
  isoDateSchema,
  limitSchema,
  complianceProfileSchema,
  stageSchema,
  uuidSchema,
} from './fields.js';

export const accountStatusSchema = z.enum(ACCOUNT_STATUSES);

export const accountSummarySchema = z.object({
  id: uuidSchema,
  externalId: z.string(),
  debtorName: personal(z.string()),
  creditorName: z.string(),
  product: z.string(),
  currency: currencySchema,
  balanceMinor: storedAmountMinorSchema,
  overdueMinor: storedAmountMinorSchema,
  oldestUnpaidDueDate: isoDateSchema.nullable(),
  daysPastDue: z.number().int(),
  stage: stageSchema,
  missedInstalments: z.number().int(),
  status: accountStatusSchema,
  complianceProfile: complianceProfileSchema,
  debtorTimeZone: z.string(),
  /** The customer's wall-clock time now (HH:mm), from their IANA time zone. */
  debtorLocalTime: z.string(),
  assignedCollector: z.object({ id: uuidSchema, displayName: z.string() }).nullable(),
  activeStopFlags: z.array(z.string()),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const listAccountsQuerySchema = z.object({
  /** Account number, part of the customer's name, or a phone number however written (digits compared). */
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: limitSchema,
});
export type ListAccountsQuery = z.infer<typeof listAccountsQuerySchema>;

export const listAccountsResponseSchema = z.object({
  items: z.array(accountSummarySchema),
  nextCursor: z.string().nullable(),
});
export type ListAccountsResponse = z.infer<typeof listAccountsResponseSchema>;

/** A creditor whose portfolio we collect, with how many of its accounts are open. */
export const creditorSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  complianceProfile: complianceProfileSchema,
  openAccounts: z.number().int(),
});
export type Creditor = z.infer<typeof creditorSchema>;
export const creditorListSchema = z.object({ items: z.array(creditorSchema) });
