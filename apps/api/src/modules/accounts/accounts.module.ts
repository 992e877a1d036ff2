import type { Tx } from '../../lib/transaction.js';
import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import { createAccountAccess } from './account-access.js';
import { createAccountsRepository } from './accounts.repository.js';
import { accountsRoutes } from './accounts.routes.js';
import { createAccountsService } from './accounts.service.js';
import { createAssignmentRepository } from './assignment.repository.js';
import { assignmentRoutes } from './assignment.routes.js';
import { createAssignmentService } from './assignment.service.js';

/** The account list, bulk assignment, and who may open which account (`access`, used by the modules that show one). */
export function createAccountsModule(
  deps: Pick<Core, 'db' | 'uow' | 'audit' | 'policies' | 'clock'> & {
    /** Called after accounts changed hands (queues drop their copies). */
    onAssigned: (tx: Tx) => Promise<void>;
  },
) {
  const accounts = createAccountsRepository(deps.db);
  const accountsService = createAccountsService({ accounts, policies: deps.policies, clock: deps.clock });
  const assign = createAssignmentService({
    ...deps,
    assignment: createAssignmentRepository(deps.db),
  });
  const module: ApiModule = {
    name: 'accounts',
    paths: ['/accounts'],
    plugin: async (app) => {
      await app.register(accountsRoutes, { accountsService });
      await app.register(assignmentRoutes, { assign });
    },
  };
  return { module, access: createAccountAccess(accounts) };
}
