import type { AssignmentBody, AssignmentResult, SessionUser } from '@crm/contracts';
import type { Clock } from '../../lib/clock.js';
import { BadRequestError } from '../../lib/errors.js';
import type { Tx, UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import type { AssignmentRepository } from './assignment.repository.js';

export type AssignmentService = ReturnType<typeof createAssignmentService>;

export function createAssignmentService(deps: {
  assignment: AssignmentRepository;
  uow: UnitOfWork;
  policies: Pick<PoliciesRepository, 'stageThresholds'>;
  audit: Pick<AuditRepository, 'record'>;
  clock: Clock;
  /** Called in the transaction that moved accounts, after the move (every worklist is stale, ADR 041). */
  onAssigned?: (tx: Tx) => Promise<void>;
}) {
  const { assignment, uow, policies, audit, clock } = deps;
  /** Preview (commit = false) counts what would move; commit moves it in one statement and says what moved. */
  return async function assign(
    user: SessionUser,
    body: AssignmentBody,
    commit: boolean,
    requestId: string,
  ): Promise<AssignmentResult> {
    const targets = await assignment.targets(body.to);
    if (!targets.length) {
      const field = 'collectorId' in body.to ? 'to.collectorId' : 'to.teamId';
      throw new BadRequestError('There is no active collector to assign to.', [
        { field, code: 'no_active_collector', message: 'has no active collector' },
      ]);
    }
    const ids = targets.map((t) => t.id);
    const now = clock.now();
    const thresholds = await policies.stageThresholds();
    const resultOf = (rows: { collector_id: string; accounts: bigint }[]): AssignmentResult => {
      const counts = new Map(rows.map((r) => [r.collector_id, Number(r.accounts)]));
      return {
        committed: commit,
        accounts: [...counts.values()].reduce((a, b) => a + b, 0),
        perCollector: targets.map((t) => ({
          collectorId: t.id,
          displayName: t.displayName,
          accounts: counts.get(t.id) ?? 0,
        })),
      };
    };
    if (!commit) return resultOf(await assignment.preview(body.filter, ids, thresholds, now));
    // The accounts move and the move is audited in one transaction: never one without the other.
    const result = await uow(async (tx) => {
      const moved = resultOf(await assignment.commit(tx, body.filter, ids, thresholds, now));
      await audit.record(
        {
          actorId: user.id,
          action: 'accounts.assign',
          entityType: 'account',
          entityId: null,
          requestId,
          data: { filter: body.filter, to: body.to, moved: moved.accounts },
        },
        tx,
      );
      await deps.onAssigned?.(tx);
      return moved;
    });
    return result;
  };
}
