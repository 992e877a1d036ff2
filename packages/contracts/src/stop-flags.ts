import { z } from 'zod';
import { STOP_FLAG_TYPES, oneOf } from './code-lists.js';
import { isoDateSchema, uuidSchema } from './fields.js';
import { personal } from './personal-data.js';

// ---- Stop-flag lifecycle (compliance.md "Disputes and validation"; ADR 023) ----------------------

export const STOP_FLAG_STATUSES = ['active', 'expired', 'cleared'] as const;
export type StopFlagStatusCode = (typeof STOP_FLAG_STATUSES)[number];

const flagTypeSchema = z.enum(STOP_FLAG_TYPES, { message: oneOf(STOP_FLAG_TYPES) });

/** Setting a flag outside a call: why, and what was seen or received that shows it. */
export const setStopFlagBodySchema = z.object({
  type: flagTypeSchema,
  reason: z.string().trim().min(3, { message: 'must explain why (3+ characters)' }).max(1000),
  /** What was seen or received (the adviser's notice, a letter, what the customer said). */
  evidence: z.string().trim().min(3, { message: 'must say what was seen or received (3+ characters)' }).max(2000),
  /** Its reference (the Insolvency Service's breathing-space reference, a letter id...). */
  evidenceReference: z.string().trim().min(1).max(200).optional(),
  /** Breathing space: the start date the debt adviser gave (default: today, the customer's day). */
  startsOn: isoDateSchema.optional(),
});
export type SetStopFlagBody = z.infer<typeof setStopFlagBodySchema>;

export const clearStopFlagBodySchema = z.object({
  reason: z.string().trim().min(3, { message: 'must explain why the flag is lifted (3+ characters)' }).max(1000),
});
export type ClearStopFlagBody = z.infer<typeof clearStopFlagBodySchema>;

export const endCrisisBodySchema = z.object({
  /** The day the crisis treatment ended (the customer's calendar), as the mental-health professional said. */
  endedOn: isoDateSchema,
  note: z.string().trim().min(3, { message: 'must say who confirmed it (3+ characters)' }).max(1000),
});
export type EndCrisisBody = z.infer<typeof endCrisisBodySchema>;

export const stopFlagParamsSchema = z.object({
  id: z.uuid({ message: 'must be a UUID' }),
  flagId: z.uuid({ message: 'must be a UUID' }),
});

const personRef = z.object({ id: uuidSchema, name: z.string() }).nullable();

export const stopFlagSchema = z.object({
  id: uuidSchema,
  type: flagTypeSchema,
  status: z.enum(STOP_FLAG_STATUSES),
  /** null: the customer's flag, for all their accounts. */
  accountId: uuidSchema.nullable(),
  reason: personal(z.string()),
  evidence: personal(z.string()).nullable(),
  evidenceReference: z.string().nullable(),
  setAt: z.string(),
  setBy: personRef,
  startsOn: z.string().nullable(),
  expiresAt: z.string().nullable(),
  reviewAt: z.string().nullable(),
  crisisEndedOn: z.string().nullable(),
  clearedAt: z.string().nullable(),
  /** null with clearedAt: cleared by the system (a dispute answered by verification). */
  clearedBy: personRef,
  clearReason: personal(z.string()).nullable(),
});
export type StopFlagDto = z.infer<typeof stopFlagSchema>;

/** What a write answers: the flag without the customer's words (they are read, audited, through the list). */
export const stopFlagWriteResultSchema = stopFlagSchema.omit({ reason: true, evidence: true, clearReason: true });
export type StopFlagWriteResult = z.infer<typeof stopFlagWriteResultSchema>;

/** An account's flags and the customer's, newest first: active, expired and cleared (the history). */
export const stopFlagListSchema = z.object({
  accountId: uuidSchema,
  flags: z.array(stopFlagSchema),
  /** The types that can be set on this account (its profile's stop flags, and do-not-contact). */
  settableTypes: z.array(flagTypeSchema),
});
export type StopFlagList = z.infer<typeof stopFlagListSchema>;
