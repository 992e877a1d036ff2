import type { Db } from '@crm/db';

/** Display names of users by id (who saved a version, a report's collectors), in one query. */
export async function userNames(db: Pick<Db, 'user'>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}
