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
    ...deps,
    payments: createPaymentsRepository(deps.db),
  });
  return {
    name: 'payments',
    paths: ['/payments'],
    plugin: async (app) => app.register(paymentsRoutes, { paymentsService }),
  };
}
