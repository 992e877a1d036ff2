import type { Objection, ObjectionBody, ObjectionVersion, SessionUser } from '@crm/contracts';
import { unknownVariablesProblem } from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { lintText } from '../../lib/script-linter.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import type { UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { fromDbLocale, toDbLocale } from '../auth/auth.repository.js';
import { requireSecondPerson, requireSubstantialJustification } from './approval-rules.js';
import { requireJustification } from './justification-gate.js';
import type { ObjectionData, ObjectionsRepository } from './objections.repository.js';

type Content = ObjectionData;
type Saved = { createdAt: Date; createdBy: { displayName: string } | null };
type CurrentRow = Content & {
  id: string;
  version: number;
  versions: (Saved & { version: number; status: ObjectionVersion['status'] })[];
};
type VersionRow = Content &
  Saved & {
    id: string;
    version: number;
    findings: number;
    justification: string | null;
    restoredFrom: number | null;
    status: ObjectionVersion['status'];
    reviewedById: string | null;
    reviewedAt: Date | null;
    reviewNote: string | null;
  };

const content = (r: Content) => ({
  category: r.category as Objection['category'],
  locale: fromDbLocale(r.locale),
  customerSays: r.customerSays,
  answer: r.answer,
  stages: r.stages,
  active: r.active,
});
const toDto = (r: CurrentRow): Objection => ({
  id: r.id,
  ...content(r),
  version: r.version,
  savedAt: r.versions[0]!.createdAt.toISOString(),
  savedBy: r.versions[0]!.createdBy?.displayName ?? null,
  // A version awaiting approval is always the newest: no save is accepted while one waits.
  awaitingApproval: r.versions[0]!.status === 'awaiting_approval' ? r.versions[0]!.version : null,
});
const toVersionDto = (r: VersionRow, names: Map<string, string>): ObjectionVersion => ({
  id: r.id,
  version: r.version,
  ...content(r),
  findings: r.findings,
  justification: r.justification,
  restoredFrom: r.restoredFrom,
  savedAt: r.createdAt.toISOString(),
  savedBy: r.createdBy?.displayName ?? null,
  status: r.status,
  reviewedBy: r.reviewedById ? (names.get(r.reviewedById) ?? null) : null,
  reviewedAt: r.reviewedAt?.toISOString() ?? null,
  reviewNote: r.reviewNote,
});

export type ObjectionsService = ReturnType<typeof createObjectionsService>;

/**
 * Prepared answers to objections, edited by admins like scripts: every save is a new version
 * (kept, with who, when and why), any earlier version can be restored as the next one, and an
 * answer with compliance findings is saved only with a justification of substance stored on its
 * version, and is in force only once a second admin approves it (ADR 021). Answers are a sentence
 * or two, so a save without findings is in force at once (no separate draft step).
 */
export function createObjectionsService({
  objections,
  uow,
  audit,
  clock,
}: {
  objections: ObjectionsRepository;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  clock: Clock;
}) {
  /**
   * The answer may use the script variables (filled in for the collector); an unknown one is a
   * 400. Then the lint: findings without a justification are a 409 listing them. Returns the count.
   */
  const check = (b: Pick<ObjectionBody, 'customerSays' | 'answer' | 'locale' | 'justification'>) => {
    const { answer, locale, justification } = b;
    const fields = (['customerSays', 'answer'] as const).flatMap((field) => {
      const message = unknownVariablesProblem(b[field]);
      return message ? [{ field, message }] : [];
    });
    if (fields.length)
      throw new BadRequestError(`The answer uses unknown variables: ${fields.map((f) => f.field).join(', ')}.`, fields);
    const findings = lintText(answer, locale);
    requireJustification(findings, justification, {
      message: `The answer has ${findings.length} compliance finding(s); fix them or give a justification.`,
      field: 'is required to save an answer with compliance findings',
    });
    if (findings.length > 0) requireSubstantialJustification(justification);
    return findings.length;
  };
  const data = (b: Omit<ObjectionBody, 'justification' | 'expectedVersion'>): ObjectionData => ({
    category: b.category,
    locale: toDbLocale(b.locale),
    customerSays: b.customerSays,
    answer: b.answer,
    stages: b.stages,
    active: b.active,
  });
  const current = async (id: string) => {
    const row = await objections.current(id);
    if (!row) throw new NotFoundError('No such objection answer.');
    return row;
  };
  const meta = (
    findings: number,
    justification: string | undefined,
    restoredFrom: number | null,
    user: SessionUser,
  ) => ({
    status: findings ? ('awaiting_approval' as const) : ('approved' as const),
    findings,
    justification: findings ? (justification?.trim() ?? null) : null,
    restoredFrom,
    createdById: user.id,
  });
  const stale = (expected: number | undefined, actual: number) => {
    if (expected !== undefined && expected !== actual) {
      throw new ConflictError(
        `Someone saved version ${actual} of this answer after you opened version ${expected}; reload and try again.`,
      );
    }
  };

  async function saveVersion(
    user: SessionUser,
    id: string,
    from: number,
    body: Omit<ObjectionBody, 'expectedVersion'>,
    restoredFrom: number | null,
    requestId: string,
  ) {
    const findings = check(body);
    // The version and its audit event commit together.
    const row = await uow(async (tx) => {
      const saved = await objections.addVersion(
        tx,
        id,
        from,
        data(body),
        meta(findings, body.justification, restoredFrom, user),
      );
      if (saved === 'moved')
        throw new ConflictError('Someone saved this answer at the same moment; reload and try again.');
      if ('pending' in saved)
        throw new ConflictError(
          `Version ${saved.pending} of this answer awaits approval; approve or reject it before saving another.`,
        );
      await audit.record(
        {
          actorId: user.id,
          action: restoredFrom ? 'objection.restore' : 'objection.update',
          entityType: 'objection',
          entityId: id,
          requestId,
          data: {
            version: saved.version,
            restoredFrom,
            findings,
            justification: body.justification ?? null,
            awaitingApproval: findings > 0,
          },
        },
        tx,
      );
      return saved.row;
    });
    return toDto(row);
  }

  return {
    list: async () => ({ items: (await objections.list()).map(toDto) }),

    async create(user: SessionUser, body: ObjectionBody, requestId: string) {
      const findings = check(body);
      const row = await uow(async (tx) => {
        const created = await objections.create(tx, data(body), meta(findings, body.justification, null, user));
        await audit.record(
          {
            actorId: user.id,
            action: 'objection.create',
            entityType: 'objection',
            entityId: created.id,
            requestId,
            data: { version: 1, findings, justification: body.justification ?? null, awaitingApproval: findings > 0 },
          },
          tx,
        );
        return created;
      });
      return toDto(row);
    },

    async update(user: SessionUser, id: string, body: ObjectionBody, requestId: string) {
      const now = await current(id);
      stale(body.expectedVersion, now.version);
      return saveVersion(user, id, now.version, body, null, requestId);
    },

    async versions(id: string) {
      await current(id);
      const rows = await objections.versions(id);
      const names = await objections.userNames([
        ...new Set(rows.flatMap((r) => (r.reviewedById ? [r.reviewedById] : []))),
      ]);
      return { items: rows.map((r) => toVersionDto(r, names)) };
    },

    /** A second admin (not the version's author) puts a version awaiting approval in force. */
    async approve(user: SessionUser, id: string, versionId: string, requestId: string) {
      await current(id);
      const v = await objections.version(id, versionId);
      if (!v) throw new NotFoundError('No such version of this answer.');
      if (v.status !== 'awaiting_approval')
        throw new ConflictError('Only a version awaiting approval can be approved.');
      requireSecondPerson(user, [v.createdById]);
      await uow(async (tx) => {
        if (!(await objections.approve(tx, id, versionId, { reviewedById: user.id, now: clock.now() })))
          throw new ConflictError('This version was approved or rejected meanwhile.');
        await audit.record(
          {
            actorId: user.id,
            action: 'objection.approve',
            entityType: 'objection',
            entityId: id,
            requestId,
            data: { version: v.version, findings: v.findings, justification: v.justification },
          },
          tx,
        );
      });
      return toDto(await current(id));
    },

    /** Refuses a version awaiting approval, with a note for its author; the answer in force stays. */
    async reject(user: SessionUser, id: string, versionId: string, note: string, requestId: string) {
      await current(id);
      const v = await objections.version(id, versionId);
      if (!v) throw new NotFoundError('No such version of this answer.');
      if (v.status !== 'awaiting_approval')
        throw new ConflictError('Only a version awaiting approval can be rejected.');
      await uow(async (tx) => {
        if (!(await objections.reject(tx, id, versionId, { reviewedById: user.id, note, now: clock.now() })))
          throw new ConflictError('This version was approved or rejected meanwhile.');
        await audit.record(
          {
            actorId: user.id,
            action: 'objection.reject',
            entityType: 'objection',
            entityId: id,
            requestId,
            data: { version: v.version, note },
          },
          tx,
        );
      });
      return toDto(await current(id));
    },

    /** Saves an earlier version's content as the next version (linted again under today's rules). */
    async restore(
      user: SessionUser,
      id: string,
      versionId: string,
      body: { expectedVersion?: number; justification?: string },
      requestId: string,
    ) {
      const now = await current(id);
      const old = await objections.version(id, versionId);
      if (!old) throw new NotFoundError('No such version of this answer.');
      stale(body.expectedVersion, now.version);
      return saveVersion(
        user,
        id,
        now.version,
        { ...content(old), stages: old.stages as ObjectionBody['stages'], justification: body.justification },
        old.version,
        requestId,
      );
    },
  };
}
