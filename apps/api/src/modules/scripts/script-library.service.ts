import type {
  ScriptList,
  ScriptVersionDetail,
  ScriptVersionSummary,
  SessionUser,
  UpdateDraftBody,
} from '@crm/contracts';
import { lintScriptForProfiles, scriptProfiles, scriptStepProblems, type ScriptStep } from '@crm/domain';
import { jiebaSegmenter } from '../../lib/script-linter.js';
import { requireSecondPerson, requireSubstantialJustification } from './approval-rules.js';
import type { Clock } from '../../lib/clock.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import type { UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { fromDbLocale } from '../auth/auth.repository.js';
import { requireJustification } from './justification-gate.js';
import type { ScriptLibraryRepository } from './script-library.repository.js';

type VersionRow = NonNullable<Awaited<ReturnType<ScriptLibraryRepository['version']>>>;

export type ScriptLibraryService = ReturnType<typeof createScriptLibraryService>;

export function createScriptLibraryService({
  library,
  uow,
  audit,
  clock,
}: {
  library: ScriptLibraryRepository;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  clock: Clock;
}) {
  /** The fields every view of a version shows; `names` maps user ids to display names. */
  const summary = (v: Omit<VersionRow, 'steps' | 'script'>, names: Map<string, string>): ScriptVersionSummary => ({
    id: v.id,
    version: v.version,
    status: v.status,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdById ? (names.get(v.createdById) ?? null) : null,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    justification: v.justification,
    findings: v.findings,
    submittedBy: v.submittedById ? (names.get(v.submittedById) ?? null) : null,
    submittedAt: v.submittedAt?.toISOString() ?? null,
    reviewedBy: v.reviewedById ? (names.get(v.reviewedById) ?? null) : null,
    reviewedAt: v.reviewedAt?.toISOString() ?? null,
    reviewNote: v.reviewNote,
  });
  /** Everyone a version names: its author, who submitted it, who approved or rejected it. */
  const people = (v: Pick<VersionRow, 'createdById' | 'submittedById' | 'reviewedById'>) =>
    [v.createdById, v.submittedById, v.reviewedById].filter((id): id is string => id !== null);
  const stepsOf = (v: VersionRow) => v.steps as unknown as ScriptStep[];
  const detail = async (v: VersionRow): Promise<ScriptVersionDetail> => {
    const names = await library.userNames(people(v));
    return {
      ...summary(v, names),
      scriptId: v.script.id,
      stage: v.script.stage,
      locale: fromDbLocale(v.script.locale),
      steps: v.steps as ScriptVersionDetail['steps'],
    };
  };
  /** Findings under every compliance profile the version's language serves (ADR 021). */
  const findingsOf = async (v: VersionRow) => {
    const locale = fromDbLocale(v.script.locale);
    const profiles = scriptProfiles(locale, await library.servedProfiles(v.script.locale));
    return lintScriptForProfiles(stepsOf(v), locale, profiles, jiebaSegmenter);
  };
  const load = async (id: string) => {
    const v = await library.version(id);
    if (!v) throw new NotFoundError('No such script version.');
    return v;
  };

  return {
    async list(): Promise<ScriptList> {
      const scripts = await library.list();
      const names = await library.userNames([...new Set(scripts.flatMap((s) => s.versions.flatMap(people)))]);
      return {
        items: scripts.map((s) => ({
          id: s.id,
          stage: s.stage,
          locale: fromDbLocale(s.locale),
          name: s.name,
          versions: s.versions.map((v) => summary(v, names)),
        })),
      };
    },

    async get(id: string) {
      return detail(await load(id));
    },

    /** A new draft, copied from `fromVersionId` (restore) or from the published version. */
    async createDraft(user: SessionUser, scriptId: string, fromVersionId: string | undefined, requestId: string) {
      if (!(await library.scriptExists(scriptId))) throw new NotFoundError('No such script.');
      const source = fromVersionId ? await load(fromVersionId) : await library.published(scriptId);
      if (source && source.script.id !== scriptId)
        throw new BadRequestError('fromVersionId is a version of another script', [
          { field: 'fromVersionId', message: 'is a version of another script' },
        ]);
      const draft = await uow(async (tx) => {
        const created = await library.createDraft(tx, scriptId, source?.steps ?? [], user.id);
        await audit.record(
          {
            actorId: user.id,
            action: 'script.draft',
            entityType: 'script_version',
            entityId: created.id,
            requestId,
            data: { scriptId, from: source?.id ?? null },
          },
          tx,
        );
        return created;
      });
      return detail(draft);
    },

    async updateDraft(user: SessionUser, id: string, body: UpdateDraftBody, requestId: string) {
      const v = await load(id);
      if (v.status !== 'draft')
        throw new ConflictError('Only drafts can be edited; create a new draft from this version.');
      const problems = scriptStepProblems(body.steps);
      if (problems.length) throw new BadRequestError('The script is not valid.', problems);
      await uow(async (tx) => {
        // Still a draft when the row is written (it may have been published since it was read).
        const { count } = await library.updateDraft(tx, id, body.steps);
        if (count === 0)
          throw new ConflictError('This version was published meanwhile; create a new draft from it to edit it.');
        await audit.record(
          { actorId: user.id, action: 'script.edit', entityType: 'script_version', entityId: id, requestId, data: {} },
          tx,
        );
      });
      return detail(await load(id));
    },

    /** Lint findings of a version as a whole (wording, and the disclosure rule of every profile it serves). */
    async lint(id: string) {
      return findingsOf(await load(id));
    },

    /**
     * Publishes a draft, replacing the published version atomically. A version with lint findings
     * needs a justification of substance and waits in "awaiting approval" for a second admin
     * (ADR 021); without findings it is published at once.
     */
    async publish(user: SessionUser, id: string, justification: string | undefined, requestId: string) {
      const v = await load(id);
      if (v.status !== 'draft') throw new ConflictError('Only a draft can be published.');
      const problems = scriptStepProblems(stepsOf(v));
      if (problems.length) throw new BadRequestError('The script is not valid.', problems);
      const findings = await findingsOf(v);
      requireJustification(findings, justification, {
        message: `The script has ${findings.length} compliance finding(s); fix them, or justify them and have a second admin approve.`,
        field: 'is required to publish a script with compliance findings',
      });
      if (findings.length > 0) requireSubstantialJustification(justification);
      const now = clock.now();
      await uow(async (tx) => {
        if (findings.length > 0) {
          const submitted = await library.submit(tx, id, {
            justification: justification!.trim(),
            findings: findings.length,
            submittedById: user.id,
            now,
          });
          if (!submitted) throw new ConflictError('This version was published or replaced meanwhile.');
        } else {
          const result = await library.publish(tx, v.script.id, id, { from: 'draft', now });
          if (result !== 'published') throw new ConflictError('This version was published or replaced meanwhile.');
        }
        await audit.record(
          {
            actorId: user.id,
            action: findings.length > 0 ? 'script.submit' : 'script.publish',
            entityType: 'script_version',
            entityId: id,
            requestId,
            data: { findings: findings.length, justification: findings.length ? justification!.trim() : null },
          },
          tx,
        );
      });
      return detail(await load(id));
    },

    /** A second admin (neither its author nor who submitted it) publishes a version awaiting approval. */
    async approve(user: SessionUser, id: string, requestId: string) {
      const v = await load(id);
      if (v.status !== 'awaiting_approval')
        throw new ConflictError('Only a version awaiting approval can be approved.');
      requireSecondPerson(user, [v.createdById, v.submittedById]);
      await uow(async (tx) => {
        const result = await library.publish(tx, v.script.id, id, {
          from: 'awaiting_approval',
          now: clock.now(),
          reviewedById: user.id,
        });
        if (result === 'moved') throw new ConflictError('This version was approved or rejected meanwhile.');
        if (result === 'superseded')
          throw new ConflictError(
            'A newer version of this script was published after this one was submitted; reject this one instead.',
          );
        await audit.record(
          {
            actorId: user.id,
            action: 'script.approve',
            entityType: 'script_version',
            entityId: id,
            requestId,
            data: { findings: v.findings, justification: v.justification, submittedBy: v.submittedById },
          },
          tx,
        );
      });
      return detail(await load(id));
    },

    /** Refuses a version awaiting approval, with a note for its author (who may also withdraw it so). */
    async reject(user: SessionUser, id: string, note: string, requestId: string) {
      const v = await load(id);
      if (v.status !== 'awaiting_approval')
        throw new ConflictError('Only a version awaiting approval can be rejected.');
      await uow(async (tx) => {
        if (!(await library.reject(tx, id, { reviewedById: user.id, note, now: clock.now() })))
          throw new ConflictError('This version was approved or rejected meanwhile.');
        await audit.record(
          {
            actorId: user.id,
            action: 'script.reject',
            entityType: 'script_version',
            entityId: id,
            requestId,
            data: { note },
          },
          tx,
        );
      });
      return detail(await load(id));
    },
  };
}
