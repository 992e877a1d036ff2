import type { Tx } from '../../lib/transaction.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { AccountAccess } from '../accounts/account-access.js';
import type { GateFactsRepository } from '../compliance/gate-facts.repository.js';
import type { Core } from '../core.js';
import { createContactPointsRepository } from './contact-points.repository.js';
import { contactPointsRoutes } from './contact-points.routes.js';
import { createContactPointsService } from './contact-points.service.js';

/** Contact points added and edited by hand: a number or address learned in a call, its stated zone, marked invalid. */
export function createContactPointsModule(
  deps: Pick<Core, 'uow' | 'audit' | 'clock'> & {
    access: AccountAccess;
    gateFacts: Pick<GateFactsRepository, 'lock'>;
    /** Told after a change (the queue drops its snapshots). */
    onChanged: (tx: Tx) => Promise<void>;
  },
): ApiModule {
  const contactPointsService = createContactPointsService({ contactPoints: createContactPointsRepository(), ...deps });
  return {
    name: 'contact-points',
    paths: ['/accounts/:id/contact-points'],
    plugin: async (app) => {
      await app.register(contactPointsRoutes, { contactPointsService });
    },
  };
}
