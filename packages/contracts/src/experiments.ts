import { z } from 'zod';
import { EXPERIMENT_STATUSES } from './code-lists.js';
import { localeSchema, stageSchema, uuidSchema } from './fields.js';

/** Champion/challenger experiments on a stage's script (ADR 056). */

export const experimentStatusSchema = z.enum(EXPERIMENT_STATUSES);

const share = z
  .number({ message: 'must be a whole percent from 1 to 99' })
  .int({ message: 'must be a whole percent from 1 to 99' })
  .min(1, { message: 'must be a whole percent from 1 to 99' })
  .max(99, { message: 'must be a whole percent from 1 to 99' });

export const createExperimentBodySchema = z.object({
  name: z.string().trim().min(1, { message: 'is required' }).max(200, { message: 'must be at most 200 characters' }),
  stage: stageSchema,
  locale: localeSchema,
  /** The published version of the stage's script in that language. */
  champion: z.object({ scriptVersionId: uuidSchema, share }),
  /** Versions that passed the same lint and approval as a published one (status draft without findings, approved or archived). */
  challengers: z
    .array(z.object({ scriptVersionId: uuidSchema, share }))
    .min(1, { message: 'needs at least one challenger' })
    .max(3, { message: 'at most 3 challengers' }),
});
export type CreateExperimentBody = z.infer<typeof createExperimentBodySchema>;

export const experimentIdParamsSchema = z.object({ experimentId: uuidSchema });
export const promoteExperimentBodySchema = z.object({ variantId: uuidSchema });

const rate = z.object({
  /** Successes and trials the rate is made of. */
  successes: z.number().int(),
  trials: z.number().int(),
  rate: z.number().nullable(),
  /** Wilson score interval at 95%. */
  low: z.number().nullable(),
  high: z.number().nullable(),
});

export const experimentVerdictSchema = z.object({
  kind: z.enum(['winner', 'not_yet', 'no_data']),
  winner: z.enum(['champion', 'challenger']).optional(),
  pValue: z.number().nullable(),
  moreContactsPerVariant: z.number().int().nullable(),
  /** The sentence in English (the web words it in the reader's language from the fields above). */
  sentence: z.string(),
});

export const experimentVariantSchema = z.object({
  id: uuidSchema,
  scriptVersionId: uuidSchema,
  version: z.number().int(),
  /** The version's status in the library now (published once promoted). */
  versionStatus: z.string(),
  champion: z.boolean(),
  share: z.number().int(),
  results: z.object({
    attempts: z.number().int(),
    rightPartyContacts: z.number().int(),
    /** Promises made per right-party contact. */
    promiseRate: rate,
    /** Of the promises judged (due and settled: kept, partly kept, broken), those kept in full. */
    keptRate: rate,
    /** Money per currency of the accounts (never added across currencies). */
    money: z.array(
      z.object({
        currency: z.string(),
        rightPartyContacts: z.number().int(),
        /** Judged promises: amount promised and paid towards them; kept by amount = paid / promised. */
        judgedMinor: z.string(),
        paidMinor: z.string(),
        keptAmountRate: z.number().nullable(),
        /** Payments attributed to the variant's attempts (last touch, ADR 045), and per right-party contact. */
        collectedMinor: z.string(),
        collectedPerRpcMinor: z.number().nullable(),
      }),
    ),
  }),
  /** Against the champion, promise rate per right-party contact (null for the champion). */
  verdict: experimentVerdictSchema.nullable(),
});

export const experimentSummarySchema = z.object({
  id: uuidSchema,
  name: z.string(),
  stage: stageSchema,
  locale: localeSchema,
  status: experimentStatusSchema,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endedBy: z.string().nullable(),
  winnerVariantId: uuidSchema.nullable(),
});
export type ExperimentSummary = z.infer<typeof experimentSummarySchema>;
export const experimentListSchema = z.object({ items: z.array(experimentSummarySchema) });
export type ExperimentList = z.infer<typeof experimentListSchema>;

export const experimentDetailSchema = experimentSummarySchema.extend({
  variants: z.array(experimentVariantSchema),
});
export type ExperimentDetail = z.infer<typeof experimentDetailSchema>;
export type ExperimentVariantView = z.infer<typeof experimentVariantSchema>;
