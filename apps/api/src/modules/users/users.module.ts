import type { Core } from '../core.js';
import type { PasswordHasher } from '@crm/db/password';
import type { ApiModule } from '../../lib/api-module.js';
import type { CacheNotices } from '../../lib/cache-notices.js';
import { createUsersRepository } from './users.repository.js';
import { usersRoutes } from './users.routes.js';
import { createUsersService } from './users.service.js';

/** Users and teams (admins). */
export function createUsersModule(
  deps: Pick<Core, 'db' | 'uow' | 'audit'> & {
    passwords: PasswordHasher;
    notices?: CacheNotices;
  },
): ApiModule {
  const usersService = createUsersService({
    ...deps,
    users: createUsersRepository(deps.db),
  });
  return {
    name: 'users',
    paths: ['/users', '/teams'],
    plugin: async (app) => app.register(usersRoutes, { usersService }),
  };
}
