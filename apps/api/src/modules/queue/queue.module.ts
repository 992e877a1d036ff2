import type { Db } from '@crm/db';
import type { ApiModule } from '../../lib/api-module.js';
import type { Clock } from '../../lib/clock.js';
import type { GateFactsRepository } from '../compliance/gate-facts.repository.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import { createQueueRepository } from './queue.repository.js';
import { queueRoutes } from './queue.routes.js';
import { createQueueService } from './queue.service.js';

/** The collector's call queue: the list, "next account" (a reservation) and its release; `queue` drops cached queues. */
export function createQueueModule(deps: {
  db: Db;
  gateFacts: Pick<GateFactsRepository, 'load'>;
  policies: PoliciesRepository;
  clock: Clock;
  leaseMinutes: number;
  snapshotSeconds: number;
}) {
  const queueService = createQueueService({
    queue: createQueueRepository(deps.db),
    gateFacts: deps.gateFacts,
    policies: deps.policies,
    clock: deps.clock,
    leaseMinutes: deps.leaseMinutes,
    snapshotSeconds: deps.snapshotSeconds,
  });
  const module: ApiModule = {
    name: 'queue',
    paths: ['/queue'],
    plugin: async (app) => app.register(queueRoutes, { queueService }),
  };
  return { module, queue: queueService };
}
