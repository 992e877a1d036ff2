import type { Tx } from '../../lib/transaction.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { AccountAccess } from '../accounts/account-access.js';
import type { GateFactsRepository } from '../compliance/gate-facts.repository.js';
import type { Core } from '../core.js';
import { createStopFlagsRepository } from './stop-flags.repository.js';
import { stopFlagsRoutes } from './stop-flags.routes.js';
import { createStopFlagsService, type StopFlagsService } from './stop-flags.service.js';

/**
 * The stop-flag lifecycle (ADR 023): set with evidence, expired by rule, cleared with a reason.
 * Returns the service too: other modules end a hold through `clearWithReason`/`clearLocked`.
 */
export function createStopFlagsModule(
  deps: Pick<Core, 'db' | 'uow' | 'audit' | 'clock' | 'policies'> & {
    access: AccountAccess;
    gateFacts: Pick<GateFactsRepository, 'lock'>;
    /** Told after a change (the queue drops its snapshots). */
    onChanged: (tx: Tx) => Promise<void>;
  },
): { module: ApiModule; stopFlags: StopFlagsService } {
  const stopFlagsService = createStopFlagsService({ stopFlags: createStopFlagsRepository(deps.db), ...deps });
  return {
    stopFlags: stopFlagsService,
    module: {
      name: 'stop-flags',
      paths: ['/accounts/:id/stop-flags'],
      plugin: async (app) => {
        await app.register(stopFlagsRoutes, { stopFlagsService });
      },
    },
  };
}
