import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { PromisesService } from '../promises/promises.service.js';
import { createPaymentsRepository } from './payments.repository.js';
import { paymentsRoutes } from './payments.routes.js';
import { createPaymentsService } from './payments.service.js';

/** Payments and reversals posted one at a time (idempotent on source and reference); promises re-judged in the same transaction. */
export function createPaymentsModule(
  deps: Pick<Core, 'db' | 'uow' | 'audit' | 'clock'> & {
    promises: PromisesService;
  },
): ApiModule {
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
