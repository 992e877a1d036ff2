import type { SessionUser } from '@crm/contracts';
import type { Clock } from '../../lib/clock.js';
import { NotFoundError } from '../../lib/errors.js';
import type { Tx } from '../../lib/transaction.js';
import type { AccountAccess } from '../accounts/account-access.js';
import type { GateFactsRepository } from './gate-facts.repository.js';

export interface AccountLockDeps {
  access: Pick<AccountAccess, 'assertCanOpen'>;
  gateFacts: Pick<GateFactsRepository, 'lock'>;
  clock: Clock;
}

/**
 * Before a write that can move a gate verdict (consent, contact points, stop flags, disputes):
 * opens the account for this user (403/404 before any lock is taken), takes the gate's locks
 * (customer, then account, the order every writer uses), and checks access again under them, so a
 * reassignment committed meanwhile wins. `user` null: the system acts (no access check). 404 when
 * there is no such account.
 */
export async function lockAccountForWrite(
  { access, gateFacts, clock }: AccountLockDeps,
  tx: Tx,
  user: SessionUser | null,
  accountId: string,
): Promise<void> {
  if (user) await access.assertCanOpen(user, accountId, clock.now());
  if ((await gateFacts.lock(tx, [accountId])).length === 0) throw new NotFoundError('No such account.');
  if (user) await access.assertCanOpen(user, accountId, clock.now(), tx);
}
