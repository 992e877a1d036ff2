import type { SessionUser } from '@crm/contracts';
import { Prisma } from '@crm/db';

/**
 * Which accounts a user may see: collectors their own, supervisors their teams',
 * admins all. One definition, in Prisma and SQL form, used by every account query.
 */
export function accountScopeWhere(user: SessionUser): Prisma.AccountWhereInput {
  switch (user.role) {
    case 'collector':
      return { assignedCollectorId: user.id };
    case 'supervisor':
      return { assignedCollector: { team: { supervisorId: user.id } } };
    case 'admin':
      return {};
    case 'service':
      return { id: { in: [] } }; // integrations post data; they do not browse accounts
  }
}

/** The same scope as a SQL condition on an `accounts` row aliased `a`. */
export function accountScopeSql(user: SessionUser): Prisma.Sql {
  switch (user.role) {
    case 'collector':
      return Prisma.sql`a.assigned_collector_id = ${user.id}::uuid`;
    case 'supervisor':
      return Prisma.sql`EXISTS (SELECT 1 FROM users u JOIN teams t ON t.id = u.team_id
                                WHERE u.id = a.assigned_collector_id AND t.supervisor_id = ${user.id}::uuid)`;
    case 'admin':
      return Prisma.sql`TRUE`;
    case 'service':
      return Prisma.sql`FALSE`;
  }
}

/**
 * Which collectors' work (queues) a user may see: collectors themselves, supervisors the
 * collectors of the teams they supervise, admins every collector, integrations none.
 * The Prisma twin of `collectorScopeSql`, on a `users` row.
 */
export function collectorScopeWhere(user: SessionUser): Prisma.UserWhereInput {
  switch (user.role) {
    case 'collector':
      return { id: user.id, role: 'collector' };
    case 'supervisor':
      return { role: 'collector', team: { supervisorId: user.id } };
    case 'admin':
      return { role: 'collector' };
    case 'service':
      return { id: { in: [] } };
  }
}

/**
 * Whose work a user may see in the contact log and reports: collectors their own, supervisors
 * their teams' collectors', admins everyone's. `column` holds the collector's user id.
 */
export function collectorScopeSql(user: SessionUser, column: Prisma.Sql): Prisma.Sql {
  switch (user.role) {
    case 'collector':
      return Prisma.sql`${column} = ${user.id}::uuid`;
    case 'supervisor':
      return Prisma.sql`${column} IN (SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id WHERE t.supervisor_id = ${user.id}::uuid)`;
    case 'admin':
      return Prisma.sql`TRUE`;
    case 'service':
      return Prisma.sql`FALSE`;
  }
}

/**
 * The accounts a collector may work from the queue: assigned to them, or in no active
 * collector's hands (unassigned, or assigned to a deactivated user), so no account drops out of
 * every queue. Decided on the rows as they are now: the queue lists them, leasing re-checks it
 * in the same statement that takes the lease, and a lease grants access only while it holds.
 */
export function collectorPoolWhere(collectorId: string): Prisma.AccountWhereInput {
  return {
    OR: [
      { assignedCollectorId: collectorId },
      { assignedCollectorId: null },
      { assignedCollector: { is: { active: false } } },
    ],
  };
}

/** The same pool as a SQL condition on an `accounts` row aliased `a`. */
export function collectorPoolSql(collectorId: string): Prisma.Sql {
  return Prisma.sql`(a.assigned_collector_id = ${collectorId}::uuid OR a.assigned_collector_id IS NULL
                     OR EXISTS (SELECT 1 FROM users pu WHERE pu.id = a.assigned_collector_id AND NOT pu.active))`;
}
