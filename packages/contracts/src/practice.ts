import { z } from 'zod';
import {
  COMPLIANCE_PROFILES,
  DISPOSITIONS,
  OBJECTION_CATEGORIES,
  PARTIES_REACHED,
  SALUTATIONS,
  STAGES,
  oneOf,
} from './code-lists.js';
import { isoDateSchema, localeSchema, uuidSchema } from './fields.js';
import { lintFindingSchema } from './scripts.js';
import { recordContactBodySchema } from './workstation.js';

// Practice mode (issue 17, ADR 057): scenarios with synthetic customers, practice sessions, debriefs.

/** The kinds of customer a scenario plays (issue 17). */
export const PRACTICE_PERSONAS = [
  'forgetful',
  'cash_flow',
  'angry',
  'already_paid',
  'cheque_in_mail',
  'disputes_debt',
  'asks_for_plan',
  'unwilling',
  'relative_answers',
  'wrong_number',
  'job_loss',
  'call_later',
  'never_received_bill',
] as const;
export type PracticePersona = (typeof PRACTICE_PERSONAS)[number];

/** What a trainee's line did, as the scenario engine reads it (packages/domain practice.ts). */
export const PRACTICE_INTENTS = [
  'identified_self',
  'named_creditor',
  'verify_identity',
  'disclosure',
  'debt_detail',
  'ask_payment',
  'offer_plan',
  'commitment',
  'summary',
  'empathy',
  'ask_payment_details',
  'prohibited',
] as const;
export type PracticeIntent = (typeof PRACTICE_INTENTS)[number];

/** The debrief checklist: the quality review's checks plus a concrete commitment. */
export const PRACTICE_CHECKS = [
  'identifiedSelfAndCreditor',
  'verifiedRightParty',
  'disclosureGiven',
  'noProhibitedLanguage',
  'concreteCommitment',
  'clearSummary',
] as const;
export type PracticeCheck = (typeof PRACTICE_CHECKS)[number];

export const PRACTICE_SESSION_STATUSES = ['in_progress', 'finished'] as const;

const text = (max: number) => z.string().trim().min(1, { message: 'is required' }).max(max);
const turnKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'must be a turn key: lower case letters, digits and _, up to 40' });
const minorSchema = z.number().int().min(0).max(1_000_000_000_000);

export const practiceTurnSchema = z.object({
  key: turnKeySchema,
  /** What the customer says. */
  text: text(2000),
  /** The person answering confirms (or denies) being the customer in this turn. */
  identity: z.enum(['confirmed', 'denied']).optional(),
  /** Taken in order: the first whose intents all occurred in the trainee's line. */
  branches: z
    .array(
      z.object({
        when: z
          .array(z.enum(PRACTICE_INTENTS, { message: oneOf(PRACTICE_INTENTS) }))
          .min(1)
          .max(6),
        next: turnKeySchema.nullable(),
      }),
    )
    .max(8),
  /** The turn after any other line; null ends the call. */
  next: turnKeySchema.nullable(),
});
export type PracticeTurn = z.infer<typeof practiceTurnSchema>;

/** A scenario version's content: the whole of what the engine and the synthetic case file need. */
export const practiceScenarioContentSchema = z.object({
  title: text(200),
  persona: z.enum(PRACTICE_PERSONAS, { message: oneOf(PRACTICE_PERSONAS) }),
  stage: z.enum(STAGES, { message: oneOf(STAGES) }),
  locale: localeSchema,
  /** What the trainee is told before the call. */
  briefing: text(2000),
  customer: z.object({
    salutation: z.enum(SALUTATIONS, { message: oneOf(SALUTATIONS) }),
    familyName: text(100),
    givenName: text(100),
    dateOfBirth: isoDateSchema,
    timeZone: text(60),
    phone: text(40),
  }),
  account: z.object({
    creditorName: text(200),
    product: text(100),
    complianceProfile: z.enum(COMPLIANCE_PROFILES, { message: oneOf(COMPLIANCE_PROFILES) }),
    currency: z.string().regex(/^[A-Z]{3}$/, { message: 'must be a 3-letter ISO 4217 code' }),
    balanceMinor: minorSchema,
    overdueMinor: minorSchema,
    instalmentMinor: minorSchema,
    daysPastDue: z.number().int().min(-30).max(3650),
    missedInstalments: z.number().int().min(0).max(120),
  }),
  /** The objection library's categories this customer raises. */
  objections: z.array(z.enum(OBJECTION_CATEGORIES, { message: oneOf(OBJECTION_CATEGORIES) })).max(9),
  expected: z.object({
    partyReached: z.enum(PARTIES_REACHED, { message: oneOf(PARTIES_REACHED) }),
    disposition: z.enum(DISPOSITIONS, { message: oneOf(DISPOSITIONS) }),
  }),
  start: turnKeySchema,
  turns: z.array(practiceTurnSchema).min(1).max(30),
});
export type PracticeScenarioContent = z.infer<typeof practiceScenarioContentSchema>;

export const practiceScenarioSummarySchema = z.object({
  id: uuidSchema,
  key: z.string(),
  locale: localeSchema,
  version: z.number().int(),
  versionId: uuidSchema,
  title: z.string(),
  persona: z.enum(PRACTICE_PERSONAS),
  stage: z.enum(STAGES),
  briefing: z.string(),
});
export type PracticeScenarioSummary = z.infer<typeof practiceScenarioSummarySchema>;
export const practiceScenarioListSchema = z.object({ items: z.array(practiceScenarioSummarySchema) });
export const practiceScenarioQuerySchema = z.object({ locale: localeSchema.optional() });
export const practiceScenarioDetailSchema = practiceScenarioSummarySchema.extend({
  content: practiceScenarioContentSchema,
});
export type PracticeScenarioDetail = z.infer<typeof practiceScenarioDetailSchema>;
export const practiceScenarioParamsSchema = z.object({ scenarioId: uuidSchema });
export const savePracticeScenarioBodySchema = z.object({ content: practiceScenarioContentSchema });

export const practiceLogEntrySchema = z.discriminatedUnion('speaker', [
  z.object({
    speaker: z.literal('customer'),
    turnKey: z.string(),
    text: z.string(),
    identity: z.enum(['confirmed', 'denied']).optional(),
  }),
  z.object({
    speaker: z.literal('trainee'),
    text: z.string(),
    intents: z.array(z.enum(PRACTICE_INTENTS)),
    findings: z.array(lintFindingSchema),
  }),
]);
export type PracticeLogEntry = z.infer<typeof practiceLogEntrySchema>;

/** The outcome a trainee records: the workstation's outcome body, less what only a real account has. */
export const practiceOutcomeBodySchema = recordContactBodySchema.omit({
  contactPointId: true,
  scriptVersionId: true,
  thirdPartyId: true,
  override: true,
  direction: true,
  channel: true,
});
export type PracticeOutcomeBody = z.infer<typeof practiceOutcomeBodySchema>;

export const practiceFindingSchema = z.object({
  check: z.enum(PRACTICE_CHECKS),
  /** null: the check does not apply to this scenario (a commitment from a wrong number). */
  met: z.boolean().nullable(),
  /** The turn log index the finding points at (the line that met or broke it), when there is one. */
  turn: z.number().int().nullable(),
  note: z.string(),
});
export type PracticeFinding = z.infer<typeof practiceFindingSchema>;

export const practiceDebriefSchema = z.object({
  score: z.number().int(),
  failed: z.boolean(),
  passed: z.boolean(),
  findings: z.array(practiceFindingSchema),
  outcome: z.object({
    expected: z.object({ partyReached: z.enum(PARTIES_REACHED), disposition: z.enum(DISPOSITIONS) }),
    recorded: z.object({ partyReached: z.enum(PARTIES_REACHED), disposition: z.enum(DISPOSITIONS) }).nullable(),
    matches: z.boolean(),
  }),
});
export type PracticeDebrief = z.infer<typeof practiceDebriefSchema>;

export const practiceSessionSchema = z.object({
  id: uuidSchema,
  status: z.enum(PRACTICE_SESSION_STATUSES),
  trainee: z.object({ id: uuidSchema, displayName: z.string() }),
  assignedBy: z.object({ id: uuidSchema, displayName: z.string() }).nullable(),
  scenario: practiceScenarioSummarySchema,
  log: z.array(practiceLogEntrySchema),
  ended: z.boolean(),
  outcome: practiceOutcomeBodySchema.nullable(),
  debrief: practiceDebriefSchema.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type PracticeSession = z.infer<typeof practiceSessionSchema>;

export const startPracticeBodySchema = z.object({
  scenarioId: uuidSchema,
  /** The collector who practises; a supervisor assigns to a collector of their teams. Default: the caller. */
  traineeId: uuidSchema.optional(),
});
export const practiceSessionParamsSchema = z.object({ sessionId: uuidSchema });
export const practiceLineBodySchema = z.object({ text: text(2000) });
export const practiceLineResponseSchema = z.object({
  /** The trainee's line as logged, with its intents and the linter's findings. */
  line: practiceLogEntrySchema,
  /** The customer's next turn; null when the call ended. */
  customer: practiceLogEntrySchema.nullable(),
  ended: z.boolean(),
});
export type PracticeLineResponse = z.infer<typeof practiceLineResponseSchema>;

export const practiceSessionListQuerySchema = z.object({ traineeId: uuidSchema.optional() });
export const practiceSessionSummarySchema = z.object({
  id: uuidSchema,
  status: z.enum(PRACTICE_SESSION_STATUSES),
  trainee: z.object({ id: uuidSchema, displayName: z.string() }),
  scenario: practiceScenarioSummarySchema.pick({ id: true, key: true, title: true, persona: true, locale: true }),
  score: z.number().int().nullable(),
  passed: z.boolean().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export const practiceSessionListSchema = z.object({ items: z.array(practiceSessionSummarySchema) });
