import type { Db } from '@crm/db';
import type { ApiModule } from '../../lib/api-module.js';
import type { Clock } from '../../lib/clock.js';
import type { UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { PromisesService } from '../promises/promises.service.js';
import { createPaymentsRepository } from './payments.repository.js';
import { paymentsRoutes } from './payments.routes.js';
import { createPaymentsService } from './payments.service.js';

/** Payments and reversals posted one at a time (idempotent on source and reference); promises re-judged in the same transaction. */
export function createPaymentsModule(deps: {
  db: Db;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  promises: PromisesService;
  clock: Clock;
}): ApiModule {
  const paymentsService = createPaymentsService({
    uow: deps.uow,
    clock: deps.clock,
    payments: createPaymentsRepository(deps.db),
    promises: deps.promises,
    audit: deps.audit,
  });
  return {
    name: 'payments',
    paths: ['/payments'],
    plugin: async (app) => app.register(paymentsRoutes, { paymentsService }),
  };
}
