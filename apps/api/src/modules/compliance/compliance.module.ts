import type { Core } from '../core.js';
import { createContactGate } from './contact-gate.service.js';
import { createGateFactsRepository } from './gate-facts.repository.js';

/**
 * The contact gate (no routes of its own): the one way an outbound contact is decided and
 * recorded, under the customer's and the account's locks, and the facts it decides on.
 */
export function createComplianceModule({
  db,
  uow,
  clock,
  policies,
}: Pick<Core, 'db' | 'uow' | 'clock'> & Partial<Pick<Core, 'policies'>>) {
  // The profiles from the policies reader: its per-process copy when the cache is live (ADR 046).
  const gateFacts = createGateFactsRepository(
    db,
    policies ? { profiles: (client) => policies.complianceProfiles(client) } : {},
  );
  return { gateFacts, gate: createContactGate({ uow, gateFacts, clock }) };
}
