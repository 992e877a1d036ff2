import type { SessionUser } from '@crm/contracts';
import type { Db, Prisma } from '@crm/db';

export type UsersRepository = ReturnType<typeof createUsersRepository>;

export function createUsersRepository(db: Pick<Db, 'user' | 'team'>) {
  return {
    /** Admins see everyone; supervisors the members of the teams they supervise. */
    list(viewer: SessionUser) {
      const where: Prisma.UserWhereInput = viewer.role === 'admin' ? {} : { team: { supervisorId: viewer.id } };
      return db.user.findMany({
        where,
        orderBy: [{ role: 'asc' }, { username: 'asc' }],
        select: { id: true, username: true, displayName: true, role: true, locale: true, active: true, team: { select: { id: true, name: true } } },
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
