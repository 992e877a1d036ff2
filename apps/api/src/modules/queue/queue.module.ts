import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { GateFactsRepository } from '../compliance/gate-facts.repository.js';
import { createQueueRepository } from './queue.repository.js';
import { queueRoutes } from './queue.routes.js';
import { createWorklistRepository } from './worklist.repository.js';
import { createQueueService } from './queue.service.js';

/** The collector's call queue: the list, "next account" (a reservation), extending it, and giving it back or skipping it; `queue` keeps the worklist (ADR 041). */
export function createQueueModule(
  deps: Pick<Core, 'db' | 'policies' | 'clock' | 'uow' | 'rawUow' | 'audit'> & {
    gateFacts: Pick<GateFactsRepository, 'load' | 'loadLocked'>;
    leaseMinutes: number;
    maxAgeSeconds: number;
  },
) {
  const queueService = createQueueService({
    ...deps,
    queue: createQueueRepository(deps.db),
    worklist: createWorklistRepository(deps.db),
  });
  const module: ApiModule = {
    name: 'queue',
    paths: ['/queue'],
    plugin: async (app) => app.register(queueRoutes, { queueService }),
  };
  return { module, queue: queueService };
}
