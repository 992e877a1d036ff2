import { z } from 'zod';
import { localeSchema } from './fields.js';

export const LINT_CATEGORY_CODES = [
  'arrest_or_crime',
  'impersonation',
  'false_legal_action',
  'false_urgency',
  'third_party_disclosure',
  'insult',
  'blacklist_or_relatives',
  'borrow_to_pay',
  'private_channel_or_fee',
  'visit_or_violence',
  'missing_disclosure',
] as const;

export const lintRequestSchema = z.object({
  text: z.string().max(20_000, { message: 'must be at most 20000 characters' }),
  locale: localeSchema,
});
export type LintRequest = z.infer<typeof lintRequestSchema>;

export const lintFindingSchema = z.object({
  category: z.enum(LINT_CATEGORY_CODES),
  /** Offsets into the text as sent (UTF-16 code units, as JavaScript strings count). */
  start: z.number().int(),
  end: z.number().int(),
  excerpt: z.string(),
  message: z.string(),
  suggestion: z.string(),
});
export const lintResponseSchema = z.object({ findings: z.array(lintFindingSchema) });
export type LintResponse = z.infer<typeof lintResponseSchema>;
