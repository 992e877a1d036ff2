import type { ListTeamsResponse, ListUsersResponse, SessionUser } from '@crm/contracts';
import { fromDbLocale } from '../auth/auth.repository.js';
import type { UsersRepository } from './users.repository.js';

export type UsersService = ReturnType<typeof createUsersService>;

export function createUsersService({ users }: { users: Pick<UsersRepository, 'list' | 'listTeams'> }) {
  return {
    async list(viewer: SessionUser): Promise<ListUsersResponse> {
      const rows = await users.list(viewer);
      return { items: rows.map((u) => ({ ...u, locale: fromDbLocale(u.locale) })) };
    },
    async listTeams(viewer: SessionUser): Promise<ListTeamsResponse> {
      const rows = await users.listTeams(viewer);
      return { items: rows.map(({ _count, ...t }) => ({ ...t, memberCount: _count.members })) };
    },
  };
}
