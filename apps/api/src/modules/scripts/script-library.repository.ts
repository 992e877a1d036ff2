import type { ComplianceProfileCode, UpdateDraftBody } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import type { Tx } from '../../lib/transaction.js';
import { userNames } from '../users/user-names.repository.js';

/** Who submitted wording with findings, and who approved or rejected it, when and why (ADR 021). */
const APPROVAL = {
  findings: true,
  submittedById: true,
  submittedAt: true,
  reviewedById: true,
  reviewedAt: true,
  reviewNote: true,
} as const;

const VERSION_SELECT = {
  id: true,
  version: true,
  status: true,
  steps: true,
  justification: true,
  createdAt: true,
  publishedAt: true,
  createdById: true,
  ...APPROVAL,
  script: { select: { id: true, stage: true, locale: true } },
} as const;

export type ScriptLibraryRepository = ReturnType<typeof createScriptLibraryRepository>;

/**
 * The compliance profiles of the accounts wording in `locale` is read for: customers who speak it,
 * and, English being every customer's fallback, every account for English (ADR 021).
 */
export async function servedProfiles(
  db: Pick<Db, 'account'>,
  locale: 'en' | 'zh_CN',
): Promise<ComplianceProfileCode[]> {
  const rows = await db.account.findMany({
    where: locale === 'en' ? {} : { debtor: { preferredLanguage: locale } },
    distinct: ['complianceProfile'],
    select: { complianceProfile: true },
  });
  return rows.map((r) => r.complianceProfile);
}

/** A draft's steps: checked ones from a request, or those of a stored version being copied. */
export type DraftSteps = UpdateDraftBody['steps'] | Prisma.JsonValue;

/**
 * Script versions: drafts are edited, one version per script is published, the rest archived.
 * Writes run in the caller's transaction (the service's unit of work, where its audit event goes).
 */
export function createScriptLibraryRepository(db: Pick<Db, 'script' | 'scriptVersion' | 'user' | 'account'>) {
  return {
    servedProfiles: (locale: 'en' | 'zh_CN') => servedProfiles(db, locale),
    list: () =>
      db.script.findMany({
        orderBy: [{ stage: 'asc' }, { locale: 'asc' }],
        select: {
          id: true,
          stage: true,
          locale: true,
          name: true,
          versions: {
            orderBy: { version: 'desc' },
            select: {
              id: true,
              version: true,
              status: true,
              createdAt: true,
              publishedAt: true,
              justification: true,
              createdById: true,
              ...APPROVAL,
            },
          },
        },
      }),
    userNames: (ids: string[]) => userNames(db, ids),
    version: (id: string) => db.scriptVersion.findUnique({ where: { id }, select: VERSION_SELECT }),
    published: (scriptId: string) =>
      db.scriptVersion.findFirst({ where: { scriptId, status: 'published' }, select: VERSION_SELECT }),
    scriptExists: async (id: string) => (await db.script.count({ where: { id } })) > 0,
    /** A new draft with the next version number; the script row is locked so numbers never collide. */
    async createDraft(tx: Tx, scriptId: string, steps: DraftSteps, createdById: string) {
      await tx.$queryRaw`SELECT id FROM scripts WHERE id = ${scriptId}::uuid FOR UPDATE`;
      const last = await tx.scriptVersion.findFirst({
        where: { scriptId },
        orderBy: { version: 'desc' },
        select: { version: true },
      });
      return tx.scriptVersion.create({
        data: {
          scriptId,
          version: (last?.version ?? 0) + 1,
          status: 'draft',
          steps: steps as Prisma.InputJsonValue,
          createdById,
        },
        select: VERSION_SELECT,
      });
    },
    updateDraft: (tx: Tx, id: string, steps: DraftSteps) =>
      tx.scriptVersion.updateMany({ where: { id, status: 'draft' }, data: { steps: steps as Prisma.InputJsonValue } }),
    /**
     * Publishes a version (a draft without findings, or one awaiting approval): under a lock on the
     * script, the published version is archived and this one published, in the caller's
     * transaction. Two concurrent publishes or approvals are serialised by the lock; the second
     * finds its version no longer in `from` and returns 'moved'. An approval is refused ('superseded')
     * when a later version (a higher number) has been published (approving it would bring back
     * older wording).
     */
    async publish(
      tx: Tx,
      scriptId: string,
      versionId: string,
      change: { from: 'draft' | 'awaiting_approval' | 'approved' | 'archived'; now: Date; reviewedById?: string },
    ): Promise<'published' | 'moved' | 'superseded'> {
      await tx.$queryRaw`SELECT id FROM scripts WHERE id = ${scriptId}::uuid FOR UPDATE`;
      const version = await tx.scriptVersion.findFirst({
        where: { id: versionId, status: change.from },
        select: { id: true, version: true },
      });
      if (!version) return 'moved';
      if (change.from === 'awaiting_approval') {
        // Version numbers only grow: a later version published or archived means newer wording went live.
        const newer = await tx.scriptVersion.count({
          where: { scriptId, status: { in: ['published', 'archived'] }, version: { gt: version.version } },
        });
        if (newer > 0) return 'superseded';
      }
      await tx.scriptVersion.updateMany({ where: { scriptId, status: 'published' }, data: { status: 'archived' } });
      await tx.scriptVersion.update({
        where: { id: versionId },
        data: {
          status: 'published',
          publishedAt: change.now,
          ...(change.reviewedById ? { reviewedById: change.reviewedById, reviewedAt: change.now } : {}),
        },
      });
      return 'published';
    },
    /** A draft with findings, justified, now waits for approval; false when it is no longer a draft. */
    async submit(
      tx: Tx,
      versionId: string,
      s: { justification: string; findings: number; submittedById: string; now: Date },
    ) {
      const moved = await tx.scriptVersion.updateMany({
        where: { id: versionId, status: 'draft' },
        data: {
          status: 'awaiting_approval',
          justification: s.justification,
          findings: s.findings,
          submittedById: s.submittedById,
          submittedAt: s.now,
        },
      });
      return moved.count === 1;
    },
    /** A version awaiting approval is rejected with a note; false when it no longer awaits approval. */
    async reject(tx: Tx, versionId: string, r: { reviewedById: string; note: string; now: Date }) {
      const moved = await tx.scriptVersion.updateMany({
        where: { id: versionId, status: 'awaiting_approval' },
        data: { status: 'rejected', reviewedById: r.reviewedById, reviewedAt: r.now, reviewNote: r.note },
      });
      return moved.count === 1;
    },
  };
}
