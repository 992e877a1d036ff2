import type { Db } from '@crm/db';
import { evaluatePromises } from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { isoDay } from '../../lib/date-columns.js';
import { evaluationInput } from './evaluation-input.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import type { PromisesRepository, Tx } from './promises.repository.js';

export type ChangeCause = 'payment_posted' | 'payment_reversed' | 'grace_expired';

export interface PromisesServiceDeps {
  db: Pick<Db, '$transaction'>;
  promises: PromisesRepository;
  policies: Pick<PoliciesRepository, 'promiseRules'>;
  clock: Clock;
}

export type PromisesService = ReturnType<typeof createPromisesService>;


export function createPromisesService({ db, promises, policies, clock }: PromisesServiceDeps) {
  /**
   * Re-judges every promise of an account against its payments (packages/domain rules) and
   * writes what changed, each change with its cause, inside the caller's transaction.
   */
  async function reevaluate(tx: Tx, accountId: string, cause: ChangeCause, paymentId: string | null) {
    const now = clock.now();
    const { graceDays } = await policies.promiseRules();
    const data = await promises.loadForEvaluation(tx, accountId);
    if (!data.account) return [];
    const result = evaluatePromises(evaluationInput(data.promises, data.payments, data.account.debtor.timeZone, now, graceDays));
    const changed: { id: string; from: string; to: string; paidMinor: number }[] = [];
    for (const evaluation of result.promises) {
      const before = data.promises.find((p) => p.id === evaluation.id)!;
      if (before.status === evaluation.status && Number(before.paidMinor) === evaluation.allocatedMinor) continue;
      await tx.paymentPromise.update({
        where: { id: evaluation.id },
        data: {
          status: evaluation.status,
          paidMinor: BigInt(evaluation.allocatedMinor),
          ...(before.status !== evaluation.status ? { statusChangedAt: now } : {}),
        },
      });
      if (before.status !== evaluation.status) {
        await tx.promiseStatusChange.create({
          data: { promiseId: evaluation.id, fromStatus: before.status, toStatus: evaluation.status, paidMinor: BigInt(evaluation.allocatedMinor), cause, paymentId, at: now },
        });
        changed.push({ id: evaluation.id, from: before.status, to: evaluation.status, paidMinor: evaluation.allocatedMinor });
      }
    }
    for (const plan of data.plans) {
      const status = result.plans.get(plan.id);
      if (status && plan.status !== 'cancelled' && plan.status !== status) await tx.paymentPlan.update({ where: { id: plan.id }, data: { status } });
    }
    return changed;
  }

  return {
    reevaluate,

    /**
     * The date-driven half of evaluation: promises whose grace period ended since the last run
     * become broken or partly kept. State-based, so it catches up after any downtime.
     */
    async sweep(batch = 500): Promise<number> {
      const { graceDays } = await policies.promiseRules();
      const accountIds = await promises.accountsToSweep(isoDay(clock.now()), graceDays, batch);
      let changes = 0;
      for (const accountId of accountIds) {
        const changed = await db.$transaction((tx) => reevaluate(tx, accountId, 'grace_expired', null));
        changes += changed.length;
      }
      return changes;
    },
  };
}
