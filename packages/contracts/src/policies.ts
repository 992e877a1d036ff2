import { z } from 'zod';
import { POLICY_KINDS, STOP_FLAG_TYPES, oneOf } from './code-lists.js';
import { complianceProfileSchema } from './fields.js';

const hhmm = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'must be a time HH:mm between 00:00 and 24:00' });
const count = (min: number, max: number) =>
  z
    .number()
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

export const stageThresholdsPolicySchema = z.object({
  preDueMaxDpd: count(-30, 0),
  m1MaxDpd: count(1, 365),
  m2MaxDpd: count(2, 365),
  m3MaxDpd: count(3, 730),
});
export const complianceProfilePolicySchema = z.object({
  profile: complianceProfileSchema,
  callWindow: z
    .object({ start: hhmm, end: hhmm })
    .refine((w) => w.start < w.end, { message: 'must start before it ends', path: ['end'] }),
  callCap: z.object({ maxCalls: count(1, 50), windowDays: count(1, 31) }).nullable(),
  dailyUnansweredCapPerContactPoint: count(1, 50).nullable(),
  quietDaysAfterConversation: count(0, 30),
  stopFlags: z.array(z.enum(STOP_FLAG_TYPES)).max(STOP_FLAG_TYPES.length),
  overrideAllowed: z.boolean(),
  retentionYears: count(1, 10),
});
export const promiseRulesPolicySchema = z.object({
  graceDays: count(0, 30),
  minAmountMinor: count(0, 100_000_000),
  maxHorizonDays: count(1, 730),
});

/** Points each queue reason is worth (see packages/domain queuePriority); 0 switches a reason off. */
export const queueWeightsPolicySchema = z.object({
  callbackDue: count(0, 10_000),
  promiseDueToday: count(0, 10_000),
  promiseBrokenRecently: count(0, 10_000),
  rollsToNextStage: count(0, 10_000),
  balancePerLog10: count(0, 1_000),
  perDaySinceContact: count(0, 1_000),
  maxDaysSinceContact: count(1, 365),
  bestTimeToCall: count(0, 10_000),
  retryAfterMinutes: count(0, 24 * 60),
});

export const policyParamsSchema = z.object({
  kind: z.enum(POLICY_KINDS, { message: oneOf(POLICY_KINDS) }),
  key: z.string().regex(/^(default|US|UK|CN)$/, { message: 'must be default, US, UK or CN' }),
});
/** The document is validated against the kind's schema by the service (400 naming data.<field>). */
export const policyBodySchema = z.object({ data: z.record(z.string(), z.unknown()) });

export const policySchema = z.object({
  kind: z.enum(POLICY_KINDS),
  key: z.string(),
  version: z.number().int(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export type PolicyItem = z.infer<typeof policySchema>;
export const policyListSchema = z.object({ items: z.array(policySchema) });
/** Every saved version of one policy, newest first, with the name of whoever saved it. */
export const policyVersionListSchema = z.object({
  items: z.array(policySchema.extend({ createdByName: z.string().nullable() })),
});
export type PolicyVersionList = z.infer<typeof policyVersionListSchema>;
