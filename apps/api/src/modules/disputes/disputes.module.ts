import type { Tx } from '../../lib/transaction.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { AccountAccess } from '../accounts/account-access.js';
import type { GateFactsRepository } from '../compliance/gate-facts.repository.js';
import type { Core } from '../core.js';
import type { StopFlagsService } from '../stop-flags/stop-flags.service.js';
import { createDisputesRepository } from './disputes.repository.js';
import { disputesRoutes } from './disputes.routes.js';
import { createDisputesService } from './disputes.service.js';

/** Validation notices (Reg F 1006.34: a PDF letter through the outbox) and disputes (1006.38: holds until verification). */
export function createDisputesModule(
  deps: Pick<Core, 'db' | 'uow' | 'audit' | 'clock' | 'policies'> & {
    access: AccountAccess;
    gateFacts: Pick<GateFactsRepository, 'lock'>;
    /** Verification sent ends the dispute hold through the stop-flag lifecycle (ADR 023). */
    stopFlags: Pick<StopFlagsService, 'clearLocked'>;
    collector: { name: string; mailingAddress: string[] };
    /** Told after a hold is set or ended (the queue drops its snapshots). */
    onChanged: (tx: Tx) => Promise<void>;
  },
) {
  const disputes = createDisputesService({ ...deps, disputes: createDisputesRepository(deps.db) });
  const module: ApiModule = {
    name: 'disputes',
    paths: ['/accounts/:id/disputes', '/accounts/:id/validation-notices'],
    plugin: async (app) => {
      await app.register(disputesRoutes, { disputesService: disputes });
    },
  };
  return { module, disputes };
}
