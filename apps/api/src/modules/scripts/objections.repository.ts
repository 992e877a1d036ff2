import type { Db } from '@crm/db';

const SELECT = { id: true, category: true, locale: true, customerSays: true, answer: true, stages: true, active: true } as const;
export interface ObjectionData {
  category: string;
  locale: 'en' | 'zh_CN';
  customerSays: string;
  answer: string;
  stages: string[];
  active: boolean;
}

export type ObjectionsRepository = ReturnType<typeof createObjectionsRepository>;

export function createObjectionsRepository(db: Pick<Db, 'objectionAnswer'>) {
  return {
    list: () => db.objectionAnswer.findMany({ orderBy: [{ locale: 'asc' }, { category: 'asc' }], select: SELECT }),
    exists: async (id: string) => (await db.objectionAnswer.count({ where: { id } })) > 0,
    create: (data: ObjectionData) => db.objectionAnswer.create({ data, select: SELECT }),
    update: (id: string, data: ObjectionData) => db.objectionAnswer.update({ where: { id }, data, select: SELECT }),
  };
}
