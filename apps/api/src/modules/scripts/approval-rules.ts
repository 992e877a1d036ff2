import type { SessionUser } from '@crm/contracts';
import { justificationProblems } from '@crm/domain';
import { BadRequestError, ForbiddenError } from '../../lib/errors.js';

/**
 * Wording with compliance findings (scripts, objection answers) goes live only with a
 * justification of substance and a second person's approval (ADR 021).
 */

/** 400 naming `justification` when it is a placeholder ("ok") rather than a reason. */
export function requireSubstantialJustification(justification: string | undefined) {
  const problems = justificationProblems(justification);
  if (problems.length > 0)
    throw new BadRequestError(
      'The justification does not say why the wording is lawful or needed.',
      problems.map((message) => ({ field: 'justification', message })),
    );
}

/** 403 unless `user` is none of `involved` (the author and who submitted it). */
export function requireSecondPerson(user: SessionUser, involved: (string | null)[]) {
  if (involved.includes(user.id))
    throw new ForbiddenError(
      'Wording with compliance findings must be approved by a second admin, not by its author or whoever submitted it.',
    );
}
