import { z } from 'zod';
import { isoDateSchema, limitSchema, uuidSchema } from './fields.js';
import { personal } from './personal-data.js';

/**
 * Why a customer's data was read or changed. Reads take the reader's role by default
 * (a collector works the account, a supervisor supervises, an admin administers, a service
 * integrates); some routes declare their own (previewing a script, reviewing the audit trail).
 */
export const AUDIT_PURPOSES = [
  'collection',
  'supervision',
  'administration',
  'integration',
  'script_preview',
  'audit_review',
] as const;
export const auditPurposeSchema = z.enum(AUDIT_PURPOSES);
export type AuditPurpose = z.infer<typeof auditPurposeSchema>;

/**
 * Actions the API records, for the audit screen's suggestions. Reads of personal data that were
 * refused (403/404) are recorded as the read's action plus ".denied"; filtering by an action
 * finds its denied attempts too ("case_file.view" also finds "case_file.view.denied").
 */
export const KNOWN_AUDIT_ACTIONS = [
  'accounts.list',
  'case_file.view',
  'queue.view',
  'script.suggested',
  'script.preview',
  'contacts.view',
  'contacts.export',
  'messages.view',
  'audit.search',
  'audit.export',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'contact_attempt.recorded',
  'contact_gate.override',
  'stop_flag.set',
  'stop_flag.cleared',
  'stop_flag.crisis_ended',
  'stop_flags.view',
  'contact.review',
  'payment.posted',
  'payment.reversed',
  'accounts.assign',
  'import.payments',
  'import.portfolio',
  'user.create',
  'user.update',
  'user.reset_password',
  'team.create',
  'team.update',
  'policy.save',
  'script.draft',
  'script.edit',
  'script.publish',
  'objection.create',
  'objection.update',
  'objection.restore',
  'practice_scenario.save',
  'practice.start',
  'practice.line',
  'practice.outcome',
  'practice.finish',
  'practice.case_file',
  'practice.suggested_script',
] as const;

/** Kinds of thing an event is about, for the audit screen's picker. */
export const AUDIT_ENTITY_TYPES = [
  'account',
  'queue',
  'contact_log',
  'message_log',
  'audit_trail',
  'contact_attempt',
  'user',
  'team',
  'policy',
  'script_version',
  'objection',
  'import',
  'practice_scenario',
  'practice_session',
] as const;

const periodInOrder = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;

/** Filters of the audit trail. Dates are calendar days in the signed-in admin's time zone, both included. */
const auditFilterFields = z.object({
  actorId: uuidSchema.optional(),
  action: z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(100, { message: 'must be at most 100 characters' })
    .regex(/^[a-z0-9_.]+$/, { message: 'must be an action like case_file.view (lower-case letters, digits, _ and .)' })
    .optional(),
  /** An account's id or its account number (external id). */
  account: z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(64, { message: 'must be at most 64 characters' })
    .optional(),
  entityType: z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(50, { message: 'must be at most 50 characters' })
    .regex(/^[a-z0-9_]+$/, { message: 'must be an entity type like account or user' })
    .optional(),
  entityId: z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(100, { message: 'must be at most 100 characters' })
    .optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** Request ids that start with this text (paste the id an error message showed). */
  requestId: z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(100, { message: 'must be at most 100 characters' })
    .regex(/^[A-Za-z0-9-]+$/, { message: 'must be a request id (letters, digits and -)' })
    .optional(),
});
export const auditFiltersSchema = auditFilterFields.refine(periodInOrder, {
  message: 'must not be before from',
  path: ['to'],
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export const auditQuerySchema = auditFilterFields
  .extend({ cursor: z.string().max(200).optional(), limit: limitSchema })
  .refine(periodInOrder, { message: 'must not be before from', path: ['to'] });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One audit event, newest first. */
export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: uuidSchema, username: z.string(), displayName: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  purpose: z.string().nullable(),
  requestId: z.string().nullable(),
  /** How many accounts the event concerns, and the first of them with their account numbers. */
  accountCount: z.number().int(),
  accounts: z.array(z.object({ id: uuidSchema, externalId: z.string().nullable() })),
  /** What else was recorded: the route, the search text or filters, a payment's reference... */
  data: personal(z.record(z.string(), z.unknown())),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditResponseSchema = z.object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() });
export type AuditResponse = z.infer<typeof auditResponseSchema>;

/** How many account numbers an event shows in the list (the CSV export has them all). */
export const AUDIT_ACCOUNTS_SHOWN = 5;
