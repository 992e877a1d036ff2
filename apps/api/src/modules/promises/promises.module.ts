import type { Core } from '../core.js';
import { createPromisesRepository } from './promises.repository.js';
import { createPromisesService } from './promises.service.js';

/** Promise judging (no routes of its own: promises are made with an outcome, kept by payments, judged by a job). */
export function createPromisesModule(deps: Pick<Core, 'db' | 'uow' | 'policies' | 'clock'>) {
  return {
    promises: createPromisesService({
      ...deps,
      promises: createPromisesRepository(deps.db),
    }),
  };
}
