import type { Db } from '@crm/db';

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
 * answer to it in one transaction. The unique (objection, version) makes two concurrent saves of
 * the same version collide instead of one silently overwriting the other.
 */
export function createObjectionsRepository(
  db: Pick<Db, 'objectionAnswer' | 'objectionAnswerVersion' | '$transaction'>,
) {
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

    create: (data: ObjectionData, meta: VersionMeta) =>
      db.$transaction(async (tx) => {
        const row = await tx.objectionAnswer.create({ data: { ...data, version: 1 }, select: { id: true } });
        await tx.objectionAnswerVersion.create({ data: { objectionId: row.id, version: 1, ...data, ...meta } });
        return tx.objectionAnswer.findUniqueOrThrow({ where: { id: row.id }, select: CURRENT_SELECT });
      }),

    /** Saves `data` as version `version` (the current one + 1); false when `version - 1` is no longer current. */
    addVersion: (id: string, version: number, data: ObjectionData, meta: VersionMeta) =>
      db.$transaction(async (tx) => {
        const moved = await tx.objectionAnswer.updateMany({
          where: { id, version: version - 1 },
          data: { ...data, version },
        });
        if (moved.count === 0) return null;
        await tx.objectionAnswerVersion.create({ data: { objectionId: id, version, ...data, ...meta } });
        return tx.objectionAnswer.findUniqueOrThrow({ where: { id }, select: CURRENT_SELECT });
      }),
  };
}
