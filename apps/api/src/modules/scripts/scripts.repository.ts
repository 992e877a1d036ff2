import type { Db } from '@crm/db';

export type ScriptsRepository = ReturnType<typeof createScriptsRepository>;

export function createScriptsRepository(db: Pick<Db, 'scriptVersion' | 'objectionAnswer' | 'account'>) {
  return {
    /** The published version for a stage and language, if there is one. */
    published(stage: string, locale: 'en' | 'zh_CN') {
      return db.scriptVersion.findFirst({
        where: { status: 'published', script: { stage, locale } },
        orderBy: { version: 'desc' },
        select: { id: true, version: true, steps: true, script: { select: { name: true, locale: true } } },
      });
    },
    versionById(id: string) {
      return db.scriptVersion.findUnique({
        where: { id },
        select: { id: true, version: true, steps: true, script: { select: { name: true, locale: true } } },
      });
    },
    async accountIdByExternalId(externalId: string) {
      return (await db.account.findUnique({ where: { externalId }, select: { id: true } }))?.id ?? null;
    },
    objections(stage: string, locale: 'en' | 'zh_CN') {
      return db.objectionAnswer.findMany({
        where: { locale, active: true, stages: { has: stage } },
        orderBy: { category: 'asc' },
        select: { id: true, category: true, customerSays: true, answer: true },
      });
    },
    accountForScript(accountId: string) {
      return db.account.findUnique({
        where: { id: accountId },
        select: {
          currency: true,
          balanceMinor: true,
          overdueMinor: true,
          instalmentMinor: true,
          oldestUnpaidDueDate: true,
          missedInstalments: true,
          complianceProfile: true,
          creditor: { select: { name: true } },
          debtor: {
            select: { salutation: true, familyName: true, fullName: true, preferredLanguage: true, timeZone: true },
          },
        },
      });
    },
  };
}
