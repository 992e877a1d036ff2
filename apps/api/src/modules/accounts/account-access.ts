import type { SessionUser } from '@crm/contracts';
import type { Db } from '@crm/db';
import { ForbiddenError, NotFoundError } from '../../lib/errors.js';

export type AccountAccess = ReturnType<typeof createAccountAccess>;

/**
 * Who may open one account: collectors the accounts assigned or leased to them, supervisors
 * their teams' accounts, admins any. 404 when it does not exist, 403 when it is not yours.
 */
export function createAccountAccess(db: Pick<Db, 'account'>) {
  return {
    async assertCanOpen(user: SessionUser, accountId: string, now: Date): Promise<void> {
      const account = await db.account.findUnique({
        where: { id: accountId },
        select: { assignedCollectorId: true, leasedById: true, leaseExpiresAt: true, assignedCollector: { select: { team: { select: { supervisorId: true } } } } },
      });
      if (!account) throw new NotFoundError('No such account.');
      const leasedToMe = account.leasedById === user.id && (account.leaseExpiresAt?.getTime() ?? 0) > now.getTime();
      const allowed =
        user.role === 'admin' ||
        (user.role === 'supervisor' && account.assignedCollector?.team?.supervisorId === user.id) ||
        (user.role === 'collector' && (account.assignedCollectorId === user.id || leasedToMe));
      if (!allowed) throw new ForbiddenError('This account is not assigned or leased to you.');
    },
  };
}
