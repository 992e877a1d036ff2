import type { LintFinding } from '@crm/domain';
import { AppError } from '../../lib/errors.js';

/**
 * Wording with compliance findings is published or saved only with a justification (stored and
 * shown to reviewers). Without one: a 409 naming the `justification` field and listing every
 * finding with its excerpt (and step, for scripts).
 */
export function requireJustification(
  findings: (LintFinding & { step?: string })[],
  justification: string | undefined,
  text: { message: string; field: string },
) {
  if (findings.length === 0 || justification) return;
  throw new AppError(
    'conflict',
    409,
    text.message,
    [{ field: 'justification', message: text.field }],
    findings.map((f) => ({
      code: f.category,
      message: f.message,
      params: { excerpt: f.excerpt, ...(f.step !== undefined ? { step: f.step } : {}) },
    })),
  );
}
