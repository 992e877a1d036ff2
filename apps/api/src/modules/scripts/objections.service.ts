import type { Objection, ObjectionBody, SessionUser } from '@crm/contracts';
import { lintText } from '@crm/domain';
import { AppError, NotFoundError } from '../../lib/errors.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { fromDbLocale, toDbLocale } from '../auth/auth.repository.js';
import type { ObjectionsRepository } from './objections.repository.js';

type Row = { id: string; category: string; locale: 'en' | 'zh_CN'; customerSays: string; answer: string; stages: string[]; active: boolean };
const toDto = (r: Row): Objection => ({ ...r, category: r.category as Objection['category'], locale: fromDbLocale(r.locale) });

export type ObjectionsService = ReturnType<typeof createObjectionsService>;

/**
 * Prepared answers to objections, edited by admins: an answer with compliance findings is saved
 * only with a justification (kept in the audit log), like a script version.
 */
export function createObjectionsService({ objections, audit }: { objections: ObjectionsRepository; audit: Pick<AuditRepository, 'record'> }) {
  const check = (body: ObjectionBody) => {
    const findings = lintText(body.answer, body.locale);
    if (findings.length && !body.justification) {
      throw new AppError(
        'conflict',
        409,
        `The answer has ${findings.length} compliance finding(s); fix them or give a justification.`,
        [{ field: 'justification', message: 'is required to save an answer with compliance findings' }],
        findings.map((f) => ({ code: f.category, message: f.message, params: { excerpt: f.excerpt } })),
      );
    }
    return findings.length;
  };
  const data = (b: ObjectionBody) => ({ category: b.category, locale: toDbLocale(b.locale), customerSays: b.customerSays, answer: b.answer, stages: b.stages, active: b.active });
  return {
    list: async () => ({ items: (await objections.list()).map(toDto) }),
    async create(user: SessionUser, body: ObjectionBody, requestId: string) {
      const findings = check(body);
      const row = await objections.create(data(body));
      await audit.record({ actorId: user.id, action: 'objection.create', entityType: 'objection', entityId: row.id, requestId, data: { findings, justification: body.justification ?? null } });
      return toDto(row);
    },
    async update(user: SessionUser, id: string, body: ObjectionBody, requestId: string) {
      if (!(await objections.exists(id))) throw new NotFoundError('No such objection answer.');
      const findings = check(body);
      const row = await objections.update(id, data(body));
      await audit.record({ actorId: user.id, action: 'objection.update', entityType: 'objection', entityId: id, requestId, data: { findings, justification: body.justification ?? null } });
      return toDto(row);
    },
  };
}
