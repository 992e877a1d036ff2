import type { SessionUser } from '@crm/contracts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.js';
import type { Tx } from '../../lib/transaction.js';
import type { AccountsRepository } from './accounts.repository.js';

export type AccountAccess = ReturnType<typeof createAccountAccess>;

/** The facts of the access rule (`accessFacts`, or the case file's one statement). */
export interface AccessFacts {
  assignedCollectorId: string | null;
  leasedById: string | null;
  leaseExpiresAt: Date | null;
  assignedCollector: { active: boolean; team: { supervisorId: string | null } | null } | null;
}

/**
 * Who may open one account: collectors the accounts assigned to them, or leased to them while
 * the account is still in their pool (a lease does not outlive a reassignment to someone else),
 * supervisors their teams' accounts, admins any. Decided on the row as it is now, never on a
 * queue snapshot. 404 when it does not exist, 403 when it is not yours.
 */
export function assertMayOpen(user: SessionUser, account: AccessFacts | null, now: Date): void {
  if (!account) throw new NotFoundError('No such account.');
  // The pool of collectorPoolWhere: unassigned, or assigned to a deactivated user.
  const inPool = account.assignedCollectorId === null || account.assignedCollector?.active === false;
  const leasedToMe =
    inPool && account.leasedById === user.id && (account.leaseExpiresAt?.getTime() ?? 0) > now.getTime();
  const allowed =
    user.role === 'admin' ||
    (user.role === 'supervisor' && account.assignedCollector?.team?.supervisorId === user.id) ||
    (user.role === 'collector' && (account.assignedCollectorId === user.id || leasedToMe));
  if (!allowed) throw new ForbiddenError('This account is not assigned or leased to you.');
}

export function createAccountAccess(accounts: Pick<AccountsRepository, 'accessFacts'>) {
  return {
    /** Pass the write's transaction to decide on the row as it is under the account's lock. */
    async assertCanOpen(user: SessionUser, accountId: string, now: Date, tx?: Tx): Promise<void> {
      assertMayOpen(user, await accounts.accessFacts(accountId, tx), now);
    },
    /** The same decision on access facts the caller read itself (under its lock, with its other facts). */
    assertMayOpen,
  };
}
