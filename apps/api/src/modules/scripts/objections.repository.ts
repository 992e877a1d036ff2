import type { Db } from '@crm/db';
import type { Tx } from '../../lib/transaction.js';

export interface ObjectionData {
  category: string;
  locale: 'en' | 'zh_CN';
  customerSays: string;
  answer: string;
  stages: string[];
  active: boolean;
}
export interface VersionMeta {
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
  ...SAVED,
} as const;
const CURRENT_SELECT = {
  id: true,
  version: true,
  ...CONTENT,
  versions: { orderBy: { version: 'desc' }, take: 1, select: SAVED },
} as const;

export type ObjectionsRepository = ReturnType<typeof createObjectionsRepository>;

/**
 * Objection answers with their history. `objection_answers` holds the version in force (what
 * collectors are offered); every save appends an `objection_answer_versions` row and moves the
 * answer to it, in the caller's transaction (where its audit event goes too). Moving the answer
 * only from the version the save started from makes two concurrent saves of the same version
 * decided one after the other: the second finds the version moved and saves nothing; the unique
 * (objection, version) backs this up.
 */
export function createObjectionsRepository(db: Pick<Db, 'objectionAnswer' | 'objectionAnswerVersion'>) {
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

    /** A new answer and its version 1, in the caller's transaction. */
    async create(tx: Tx, data: ObjectionData, meta: VersionMeta) {
      const row = await tx.objectionAnswer.create({ data: { ...data, version: 1 }, select: { id: true } });
      await tx.objectionAnswerVersion.create({ data: { objectionId: row.id, version: 1, ...data, ...meta } });
      return tx.objectionAnswer.findUniqueOrThrow({ where: { id: row.id }, select: CURRENT_SELECT });
    },

    /**
     * Saves `data` as version `version` (the current one + 1) in the caller's transaction; null
     * (and nothing written) when `version - 1` is no longer current.
     */
    async addVersion(tx: Tx, id: string, version: number, data: ObjectionData, meta: VersionMeta) {
      const moved = await tx.objectionAnswer.updateMany({
        where: { id, version: version - 1 },
        data: { ...data, version },
      });
      if (moved.count === 0) return null;
      await tx.objectionAnswerVersion.create({ data: { objectionId: id, version, ...data, ...meta } });
      return tx.objectionAnswer.findUniqueOrThrow({ where: { id }, select: CURRENT_SELECT });
    },
  };
}
