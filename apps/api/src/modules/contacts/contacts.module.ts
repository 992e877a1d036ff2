import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { Tx } from '../../lib/transaction.js';
import type { AccountAccess } from '../accounts/account-access.js';
import type { ContactGate } from '../compliance/contact-gate.service.js';
import type { DisputesService } from '../disputes/disputes.service.js';
import { createContactLogRepository } from './contact-log.repository.js';
import { contactLogRoutes } from './contact-log.routes.js';
import { createContactLogService } from './contact-log.service.js';
import { createContactsRepository } from './contacts.repository.js';
import { contactsRoutes } from './contacts.routes.js';
import { createContactsService } from './contacts.service.js';
import { createReviewsRepository } from './reviews.repository.js';
import { createReviewsService } from './reviews.service.js';

/** Contact attempts: recording a call's outcome (through the contact gate), the contact log and its export, quality reviews. */
export function createContactsModule(
  deps: Pick<Core, 'db' | 'readDb' | 'uow' | 'audit' | 'policies' | 'clock'> & {
    access: AccountAccess;
    gate: ContactGate;
    disputes: Pick<DisputesService, 'recordFromOutcome'>;
    /** Told in each recording's transaction (the queue marks the customer's worklist rows stale, ADR 053). */
    onRecording: (tx: Tx, debtorId: string) => Promise<void>;
  },
): ApiModule {
  const contactsService = createContactsService({
    ...deps,
    contacts: createContactsRepository(deps.db),
  });
  // The contact log reads the read client (a replica when DATABASE_READ_URL is set; ADR 043).
  const contactLog = createContactLogService({ contactLog: createContactLogRepository(deps.readDb) });
  const reviews = createReviewsService({
    ...deps,
    reviews: createReviewsRepository(deps.db),
  });
  return {
    name: 'contacts',
    paths: ['/contacts', '/accounts/:id/contacts'],
    plugin: async (app) => {
      await app.register(contactsRoutes, { contactsService });
      await app.register(contactLogRoutes, { contactLog, reviews });
    },
  };
}
