import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { AccountAccess } from '../accounts/account-access.js';
import { createPromisesRepository } from './promises.repository.js';
import { promisesRoutes } from './promises.routes.js';
import { createPromiseChangesService, createPromisesService, type PromisesServiceDeps } from './promises.service.js';

/**
 * Promise judging (promises are made with an outcome, kept by payments, judged by a job), and
 * amending or cancelling a pending promise by hand (ADR 027).
 */
export function createPromisesModule(
  deps: Pick<Core, 'db' | 'uow' | 'audit' | 'policies' | 'clock'> & {
    access: AccountAccess;
    onAccountsChanged?: PromisesServiceDeps['onAccountsChanged'];
  },
): { promises: ReturnType<typeof createPromisesService>; module: ApiModule } {
  const repository = createPromisesRepository(deps.db);
  const changes = createPromiseChangesService({ ...deps, promises: repository });
  return {
    promises: createPromisesService({ ...deps, promises: repository }),
    module: {
      name: 'promises',
      paths: ['/accounts/:id/promises'],
      plugin: async (app) => app.register(promisesRoutes, { changes }),
    },
  };
}
