import type { Tx } from '../../lib/transaction.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { AccountAccess } from '../accounts/account-access.js';
import type { GateFactsRepository } from '../compliance/gate-facts.repository.js';
import type { Core } from '../core.js';
import { createConsentRepository } from './consent.repository.js';
import { consentRoutes } from './consent.routes.js';
import { createConsentService } from './consent.service.js';

/** Consent and preferences: opt-outs per channel, work inconvenient, preferred and inconvenient times, STOP replies. */
export function createConsentModule(
  deps: Pick<Core, 'uow' | 'audit' | 'clock'> & {
    access: AccountAccess;
    gateFacts: Pick<GateFactsRepository, 'lock'>;
    /** Told after a change (the queue drops its snapshots). */
    onChanged: (tx: Tx) => Promise<void>;
  },
): ApiModule {
  const consentService = createConsentService({ consent: createConsentRepository(), ...deps });
  return {
    name: 'consent',
    paths: ['/accounts/:id/consent', '/inbound'],
    plugin: async (app) => {
      await app.register(consentRoutes, { consentService });
    },
  };
}
