import { z } from 'zod';
import {
  LINT_CATEGORIES,
  OBJECTION_CATEGORIES,
  OBJECTION_VERSION_STATUSES,
  SCRIPT_VERSION_STATUSES,
  STAGES,
  oneOf,
} from './code-lists.js';
import { localeSchema } from './fields.js';

export const lintRequestSchema = z.object({
  text: z.string().max(20_000, { message: 'must be at most 20000 characters' }),
  locale: localeSchema,
});
export type LintRequest = z.infer<typeof lintRequestSchema>;

export const lintFindingSchema = z.object({
  category: z.enum(LINT_CATEGORIES),
  /** Offsets into the text as sent (UTF-16 code units, as JavaScript strings count). */
  start: z.number().int(),
  end: z.number().int(),
  excerpt: z.string(),
  message: z.string(),
  suggestion: z.string(),
});
export const lintResponseSchema = z.object({ findings: z.array(lintFindingSchema) });
export type LintResponse = z.infer<typeof lintResponseSchema>;

export const scriptVersionStatusSchema = z.enum(SCRIPT_VERSION_STATUSES);
const scriptStepBodySchema = z.object({
  key: z.string().max(40),
  title: z.string().max(200),
  text: z.string().max(4000),
  branches: z
    .array(z.object({ key: z.string().max(40), title: z.string().max(200), text: z.string().max(4000) }))
    .max(5)
    .optional(),
});

export const scriptVersionSummarySchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: scriptVersionStatusSchema,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  justification: z.string().nullable(),
  /** Compliance findings when submitted; with findings a second admin (not the author) approves it (ADR 021). */
  findings: z.number().int(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** Who approved or rejected it, when, and the rejection note. */
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export type ScriptVersionSummary = z.infer<typeof scriptVersionSummarySchema>;
export const scriptListSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      stage: z.string(),
      locale: localeSchema,
      name: z.string(),
      versions: z.array(scriptVersionSummarySchema),
    }),
  ),
});
export type ScriptList = z.infer<typeof scriptListSchema>;

export const scriptVersionDetailSchema = scriptVersionSummarySchema.extend({
  scriptId: z.uuid(),
  stage: z.string(),
  locale: localeSchema,
  steps: z.array(scriptStepBodySchema),
});
export type ScriptVersionDetail = z.infer<typeof scriptVersionDetailSchema>;

export const scriptIdParamsSchema = z.object({ scriptId: z.uuid({ message: 'must be a UUID' }) });
export const scriptVersionIdParamsSchema = z.object({ versionId: z.uuid({ message: 'must be a UUID' }) });
/** A new draft: a copy of `fromVersionId` (restoring an earlier version) or of the published one. */
export const createDraftBodySchema = z.object({ fromVersionId: z.uuid({ message: 'must be a UUID' }).optional() });
export const updateDraftBodySchema = z.object({ steps: z.array(scriptStepBodySchema).max(12) });
export type UpdateDraftBody = z.infer<typeof updateDraftBodySchema>;
/**
 * Publishing a version with lint findings needs a justification of substance (domain
 * `justificationProblems`), stored and shown to reviewers; the version then awaits a second admin's approval.
 */
export const publishBodySchema = z.object({ justification: z.string().trim().max(2000).optional() });
/** Rejecting wording that awaits approval: why, for its author. */
export const rejectBodySchema = z.object({
  note: z
    .string()
    .trim()
    .min(10, { message: 'must say why, in at least 10 characters' })
    .max(2000, { message: 'must be at most 2000 characters' }),
});
export type RejectBody = z.infer<typeof rejectBodySchema>;

const stageCodes = z.enum(STAGES, { message: oneOf(STAGES) });

/** What an answer says and where it applies: the same in the answer in force and in each version. */
const objectionContentSchema = z.object({
  category: z.enum(OBJECTION_CATEGORIES),
  locale: localeSchema,
  customerSays: z.string(),
  answer: z.string(),
  stages: z.array(z.string()),
  active: z.boolean(),
});
const savedSchema = { version: z.number().int(), savedAt: z.string(), savedBy: z.string().nullable() };

/** An answer as it is in force, with its version and when and by whom that was saved. */
export const objectionSchema = objectionContentSchema.extend({
  id: z.uuid(),
  ...savedSchema,
  /** The version awaiting a second admin's approval (findings, justified), if any (ADR 021). */
  awaitingApproval: z.number().int().nullable(),
});
export type Objection = z.infer<typeof objectionSchema>;

/** One saved state of an objection answer (every save is a new version; none is ever changed). */
export const objectionVersionSchema = objectionContentSchema.extend({
  id: z.uuid(),
  ...savedSchema,
  findings: z.number().int(),
  justification: z.string().nullable(),
  restoredFrom: z.number().int().nullable(),
  /** approved (in force, or was), awaiting_approval (findings; a second admin decides), rejected. */
  status: z.enum(OBJECTION_VERSION_STATUSES),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export type ObjectionVersion = z.infer<typeof objectionVersionSchema>;
export const objectionVersionListSchema = z.object({ items: z.array(objectionVersionSchema) });
export const objectionVersionParamsSchema = z.object({
  objectionId: z.uuid({ message: 'must be a UUID' }),
  versionId: z.uuid({ message: 'must be a UUID' }),
});
export const restoreObjectionBodySchema = z.object({
  /** The version the admin was looking at; a newer one saved meanwhile makes the restore a 409. */
  expectedVersion: z.number().int().positive().optional(),
  justification: z.string().trim().max(2000).optional(),
});
export const objectionListSchema = z.object({ items: z.array(objectionSchema) });

export const objectionBodySchema = z.object({
  category: z.enum(OBJECTION_CATEGORIES, { message: oneOf(OBJECTION_CATEGORIES) }),
  locale: localeSchema,
  customerSays: z.string().trim().min(1, { message: 'is required' }).max(500),
  answer: z.string().trim().min(1, { message: 'is required' }).max(2000),
  stages: z.array(stageCodes).min(1, { message: 'must name at least one stage' }),
  active: z.boolean().default(true),
  /** Needed only when the answer has compliance findings; stored with the version. */
  justification: z.string().trim().max(2000).optional(),
  /** On edit: the version the admin started from; if someone saved a newer one meanwhile, 409. */
  expectedVersion: z.number().int().positive().optional(),
});
export type ObjectionBody = z.infer<typeof objectionBodySchema>;
export const objectionIdParamsSchema = z.object({ objectionId: z.uuid({ message: 'must be a UUID' }) });
