import type { Db } from '@crm/db';
import type { ApiModule } from '../../lib/api-module.js';
import type { Clock } from '../../lib/clock.js';
import type { UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import { createAccountAccess } from './account-access.js';
import { createAccountsRepository } from './accounts.repository.js';
import { accountsRoutes } from './accounts.routes.js';
import { createAccountsService } from './accounts.service.js';
import { createAssignmentRepository } from './assignment.repository.js';
import { assignmentRoutes } from './assignment.routes.js';
import { createAssignmentService } from './assignment.service.js';

/** The account list, bulk assignment, and who may open which account (`access`, used by the modules that show one). */
export function createAccountsModule(deps: {
  db: Db;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  policies: PoliciesRepository;
  clock: Clock;
  /** Called after accounts changed hands (queues drop their copies). */
  onAssigned: () => void;
}) {
  const accounts = createAccountsRepository(deps.db);
  const accountsService = createAccountsService({ accounts, policies: deps.policies, clock: deps.clock });
  const assign = createAssignmentService({
    assignment: createAssignmentRepository(deps.db),
    uow: deps.uow,
    policies: deps.policies,
    audit: deps.audit,
    clock: deps.clock,
    onAssigned: deps.onAssigned,
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
