import type { Db } from '@crm/db';

export type HealthRepository = ReturnType<typeof createHealthRepository>;

export function createHealthRepository(db: Pick<Db, '$queryRaw'>) {
  return {
    /** One round trip: throws when the database cannot be reached. */
    async ping(): Promise<void> {
      await db.$queryRaw`SELECT 1`;
    },
  };
}
