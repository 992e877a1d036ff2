import type { Db } from '@crm/db';
import type { Tx } from '../../lib/transaction.js';
import { userNames } from '../users/user-names.repository.js';

export interface ObjectionData {
  category: string;
  locale: 'en' | 'zh_CN';
  customerSays: string;
  answer: string;
  stages: string[];
  active: boolean;
}
export interface VersionMeta {
  /** 'awaiting_approval' (findings, justified): stored, but not in force until a second admin approves it. */
  status: 'approved' | 'awaiting_approval';
  findings: number;
  justification: string | null;
  restoredFrom: number | null;
  createdById: string;
}

const CONTENT = { category: true, locale: true, customerSays: true, answer: true, stages: true, active: true } as const;
const SAVED = { createdAt: true, createdBy: { select: { displayName: true } } } as const;
const VERSION_SELECT = {
  id: true,
  version: true,
  ...CONTENT,
  findings: true,
  justification: true,
  restoredFrom: true,
  createdById: true,
  status: true,
  reviewedById: true,
  reviewedAt: true,
  reviewNote: true,
  ...SAVED,
} as const;
const CURRENT_SELECT = {
  id: true,
  version: true,
  ...CONTENT,
  versions: { orderBy: { version: 'desc' }, take: 1, select: { ...SAVED, version: true, status: true } },
} as const;

export type ObjectionsRepository = ReturnType<typeof createObjectionsRepository>;

/**
 * Objection answers with their history. `objection_answers` holds the version in force (what
 * collectors are offered); every save appends an `objection_answer_versions` row, in the caller's
 * transaction (where its audit event goes too), and moves the answer to it unless it awaits
 * approval (findings; ADR 021). Saves of one answer take a lock on it: a save that started from a
 * version no longer in force, or made while a version awaits approval, writes nothing.
 */
export function createObjectionsRepository(db: Pick<Db, 'objectionAnswer' | 'objectionAnswerVersion' | 'user'>) {
  const lock = (tx: Tx, id: string) => tx.$queryRaw`SELECT id FROM objection_answers WHERE id = ${id}::uuid FOR UPDATE`;
  return {
    list: () =>
      db.objectionAnswer.findMany({
        orderBy: [{ locale: 'asc' }, { category: 'asc' }, { createdAt: 'asc' }],
        select: CURRENT_SELECT,
      }),
    current: (id: string) => db.objectionAnswer.findUnique({ where: { id }, select: CURRENT_SELECT }),
    versions: (objectionId: string) =>
      db.objectionAnswerVersion.findMany({
        where: { objectionId },
        orderBy: { version: 'desc' },
        select: VERSION_SELECT,
      }),
    version: (objectionId: string, versionId: string) =>
      db.objectionAnswerVersion.findFirst({ where: { id: versionId, objectionId }, select: VERSION_SELECT }),
    userNames: (ids: string[]) => userNames(db, ids),

    /**
     * A new answer and its version 1, in the caller's transaction. Awaiting approval, the answer is
     * stored not offered (inactive, version 0: nothing in force) until the version is approved.
     */
    async create(tx: Tx, data: ObjectionData, meta: VersionMeta) {
      const pending = meta.status === 'awaiting_approval';
      const row = await tx.objectionAnswer.create({
        data: { ...data, ...(pending ? { active: false, version: 0 } : { version: 1 }) },
        select: { id: true },
      });
      await tx.objectionAnswerVersion.create({ data: { objectionId: row.id, version: 1, ...data, ...meta } });
      return tx.objectionAnswer.findUniqueOrThrow({ where: { id: row.id }, select: CURRENT_SELECT });
    },

    /**
     * Saves `data` as the next version in the caller's transaction, moving the answer to it unless
     * it awaits approval. 'moved' (nothing written) when `inForce` is no longer the version in
     * force; 'pending' when another version awaits approval.
     */
    async addVersion(tx: Tx, id: string, inForce: number, data: ObjectionData, meta: VersionMeta) {
      await lock(tx, id);
      const current = await tx.objectionAnswer.findUnique({ where: { id }, select: { version: true } });
      if (!current || current.version !== inForce) return 'moved' as const;
      const waiting = await tx.objectionAnswerVersion.findFirst({
        where: { objectionId: id, status: 'awaiting_approval' },
        select: { version: true },
      });
      if (waiting) return { pending: waiting.version };
      const last = await tx.objectionAnswerVersion.findFirst({
        where: { objectionId: id },
        orderBy: { version: 'desc' },
        select: { version: true },
      });
      const version = (last?.version ?? 0) + 1;
      await tx.objectionAnswerVersion.create({ data: { objectionId: id, version, ...data, ...meta } });
      if (meta.status === 'approved') await tx.objectionAnswer.update({ where: { id }, data: { ...data, version } });
      return { row: await tx.objectionAnswer.findUniqueOrThrow({ where: { id }, select: CURRENT_SELECT }), version };
    },

    /** Puts a version awaiting approval in force; false when it no longer awaits approval. */
    async approve(tx: Tx, id: string, versionId: string, r: { reviewedById: string; now: Date }) {
      await lock(tx, id);
      const v = await tx.objectionAnswerVersion.findFirst({
        where: { id: versionId, objectionId: id, status: 'awaiting_approval' },
        select: {
          version: true,
          category: true,
          locale: true,
          customerSays: true,
          answer: true,
          stages: true,
          active: true,
        },
      });
      if (!v) return false;
      const { version, ...content } = v;
      await tx.objectionAnswerVersion.update({
        where: { id: versionId },
        data: { status: 'approved', reviewedById: r.reviewedById, reviewedAt: r.now },
      });
      await tx.objectionAnswer.update({ where: { id }, data: { ...content, version } });
      return true;
    },

    /** Refuses a version awaiting approval, with a note; false when it no longer awaits approval. */
    async reject(tx: Tx, id: string, versionId: string, r: { reviewedById: string; note: string; now: Date }) {
      const moved = await tx.objectionAnswerVersion.updateMany({
        where: { id: versionId, objectionId: id, status: 'awaiting_approval' },
        data: { status: 'rejected', reviewedById: r.reviewedById, reviewedAt: r.now, reviewNote: r.note },
      });
      return moved.count === 1;
    },
  };
}
