import type { Db } from '@crm/db';
import type { Clock } from '../../lib/clock.js';
import type { UnitOfWork } from '../../lib/transaction.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import { createPromisesRepository } from './promises.repository.js';
import { createPromisesService } from './promises.service.js';

/** Promise judging (no routes of its own: promises are made with an outcome, kept by payments, judged by a job). */
export function createPromisesModule(deps: { db: Db; uow: UnitOfWork; policies: PoliciesRepository; clock: Clock }) {
  return {
    promises: createPromisesService({
      uow: deps.uow,
      promises: createPromisesRepository(deps.db),
      policies: deps.policies,
      clock: deps.clock,
    }),
  };
}
