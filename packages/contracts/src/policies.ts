import { z } from 'zod';
import { problem } from './problems.js';
import { COMPLIANCE_PROFILES, POLICY_KINDS, STOP_FLAG_TYPES, oneOf, type PolicyKindCode } from './code-lists.js';
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

const STAGE_ORDER = ['preDueMaxDpd', 'm1MaxDpd', 'm2MaxDpd', 'm3MaxDpd'] as const;
/**
 * Each bucket's highest days past due, increasing. Pre-due is "not yet past due": 0 (days past
 * due are never negative, so a negative value would only empty the bucket; ADR 016).
 */
export const stageThresholdsPolicySchema = z
  .object({
    preDueMaxDpd: count(0, 0),
    m1MaxDpd: count(1, 365),
    m2MaxDpd: count(2, 365),
    m3MaxDpd: count(3, 730),
  })
  .superRefine((t, ctx) => {
    for (let i = 1; i < STAGE_ORDER.length; i++) {
      const [prev, key] = [STAGE_ORDER[i - 1]!, STAGE_ORDER[i]!];
      if (t[key] <= t[prev])
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `must be greater than ${prev}`,
          params: problem('not_after_previous'),
        });
    }
  });
export const complianceProfilePolicySchema = z.object({
  profile: complianceProfileSchema,
  callWindow: z
    .object({ start: hhmm, end: hhmm })
    .refine((w) => w.start < w.end, { message: 'must start before it ends', path: ['end'] }),
  callCap: z.object({ maxCalls: count(1, 50), windowDays: count(1, 31) }).nullable(),
  dailyUnansweredCapPerContactPoint: count(1, 50).nullable(),
  quietDaysAfterConversation: count(0, 30),
  /** Days a customer's request counts as prior consent (Reg F: 7). Versions saved before it read as 7. */
  priorConsentDays: count(0, 30).default(7),
  /** Third-party rules (absent: the shipped profile's): US one location call per third party, CN only when unreachable. */
  thirdParty: z
    .object({ locationCallsPerThirdParty: count(1, 10).nullable(), onlyWhenCustomerUnreachable: z.boolean() })
    .optional(),
  stopFlags: z.array(z.enum(STOP_FLAG_TYPES)).max(STOP_FLAG_TYPES.length),
  /**
   * Validation notices (Reg F 1006.34): whether the profile sends them and adds a translation in the
   * customer's language. Absent: the US sends them with a translation, other profiles do not. The
   * US always sends them (the law), whatever this says.
   */
  validationNotice: z.object({ send: z.boolean(), translation: z.boolean() }).optional(),
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

/** The keys each kind of policy is stored under. */
export const POLICY_KEYS = {
  stage_thresholds: ['default'],
  compliance_profile: COMPLIANCE_PROFILES,
  promise_rules: ['default'],
  queue_weights: ['default'],
} as const satisfies Record<PolicyKindCode, readonly string[]>;

/** The one schema of each kind's document: what saving accepts is what reading accepts. */
export const policyDocumentSchemas = {
  stage_thresholds: stageThresholdsPolicySchema,
  compliance_profile: complianceProfilePolicySchema,
  promise_rules: promiseRulesPolicySchema,
  queue_weights: queueWeightsPolicySchema,
} as const satisfies Record<PolicyKindCode, z.ZodType>;
export type PolicyDocuments = { [K in PolicyKindCode]: z.infer<(typeof policyDocumentSchemas)[K]> };

export type PolicyDocumentResult<K extends PolicyKindCode> =
  { ok: true; data: PolicyDocuments[K] } | { ok: false; problems: { field: string; message: string }[] };

/**
 * Checks a policy document of `kind` stored (or to be stored) under `key`: its schema, and that a
 * compliance profile is the profile of its key. Problems name their field as `data.<path>`.
 */
export function parsePolicyDocument<K extends PolicyKindCode>(
  kind: K,
  key: string,
  data: unknown,
): PolicyDocumentResult<K> {
  const parsed = policyDocumentSchemas[kind].safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ field: ['data', ...i.path].join('.'), message: i.message })),
    };
  if (kind === 'compliance_profile' && (parsed.data as { profile: string }).profile !== key)
    return { ok: false, problems: [{ field: 'data.profile', message: `must be ${key}` }] };
  return { ok: true, data: parsed.data as PolicyDocuments[K] };
}

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
  /**
   * A stored compliance profile looser than the law (saved before floors existed, or written outside
   * the API): each field, the rule and what it must be. The gate applies the stricter of the two
   * until an admin saves a lawful version.
   */
  floorProblems: z.array(z.object({ field: z.string(), rule: z.string(), message: z.string() })).optional(),
});
export type PolicyItem = z.infer<typeof policySchema>;
export const policyListSchema = z.object({ items: z.array(policySchema) });
/** Every saved version of one policy, newest first, with the name of whoever saved it. */
export const policyVersionListSchema = z.object({
  items: z.array(policySchema.extend({ createdByName: z.string().nullable() })),
});
export type PolicyVersionList = z.infer<typeof policyVersionListSchema>;
