import type { SessionUser } from '@crm/contracts';
import type { Db, Prisma } from '@crm/db';
import type { Tx } from '../../lib/transaction.js';

/** A user as the API shows one (the user list, the signed-in session). */
export const USER_SELECT = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  locale: true,
  timeZone: true,
  active: true,
  team: { select: { id: true, name: true } },
} as const;

export type UsersRepository = ReturnType<typeof createUsersRepository>;

/** Reads use the client; writes run in the caller's transaction (the service's unit of work, with their audit event). */
export function createUsersRepository(db: Pick<Db, 'user' | 'team'>) {
  return {
    findById: (id: string, client: Pick<Db, 'user'> = db) =>
      client.user.findUnique({ where: { id }, select: USER_SELECT }),
    /**
     * Locks the active admins' rows for the rest of the transaction, in id order, and returns
     * their ids: two changes that could each remove an admin are decided one after the other,
     * the second seeing the first (a row the first deactivated no longer matches).
     */
    lockActiveAdmins: async (tx: Tx) =>
      (
        await tx.$queryRaw<
          { id: string }[]
        >`SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR NO KEY UPDATE`
      ).map((r) => r.id),
    usernameTaken: async (username: string) => (await db.user.count({ where: { username } })) > 0,
    teamExists: async (id: string) => (await db.team.count({ where: { id } })) > 0,
    create: (tx: Tx, data: Prisma.UserUncheckedCreateInput) => tx.user.create({ data, select: USER_SELECT }),
    /** Updates the user inside the caller's transaction; when they are deactivated or their role changes, their sessions end. */
    async update(tx: Tx, id: string, data: Prisma.UserUncheckedUpdateInput, endSessions: boolean) {
      const user = await tx.user.update({ where: { id }, data, select: USER_SELECT });
      if (endSessions) await tx.session.deleteMany({ where: { userId: id } });
      return user;
    },
    /** Sets a new password hash and ends every session of the user. */
    async setPassword(tx: Tx, id: string, passwordHash: string) {
      await tx.user.update({ where: { id }, data: { passwordHash } });
      await tx.session.deleteMany({ where: { userId: id } });
    },
    teamNameTaken: async (name: string, exceptId?: string) =>
      (await db.team.count({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) } })) > 0,
    createTeam: (tx: Tx, name: string, supervisorId: string | null) =>
      tx.team.create({ data: { name, supervisorId }, select: { id: true } }),
    updateTeam: (tx: Tx, id: string, data: { name?: string; supervisorId?: string | null }) =>
      tx.team.update({ where: { id }, data, select: { id: true } }),
    teamById: (id: string) =>
      db.team.findUnique({
        where: { id },
        select: {
          id: true,
          name: true,
          supervisor: { select: { id: true, displayName: true } },
          _count: { select: { members: true } },
        },
      }),
    /** Admins see everyone; supervisors the members of the teams they supervise. */
    list(viewer: SessionUser) {
      const where: Prisma.UserWhereInput = viewer.role === 'admin' ? {} : { team: { supervisorId: viewer.id } };
      return db.user.findMany({
        where,
        orderBy: [{ role: 'asc' }, { username: 'asc' }],
        select: USER_SELECT,
      });
    },
    listTeams(viewer: SessionUser) {
      return db.team.findMany({
        where: viewer.role === 'admin' ? {} : { supervisorId: viewer.id },
        orderBy: { name: 'asc' },
        select: {
          id: true,
          name: true,
          supervisor: { select: { id: true, displayName: true } },
          _count: { select: { members: true } },
        },
      });
    },
  };
}
