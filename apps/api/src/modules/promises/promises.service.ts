import type { AmendPromiseBody, CancelPromiseBody, PromiseChangeResult, SessionUser } from '@crm/contracts';
import { evaluatePromises, localDate, promiseProblems } from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import type { AccountAccess } from '../accounts/account-access.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { UnitOfWork } from '../../lib/transaction.js';
import { isoDay } from '../../lib/date-columns.js';
import { groupBy } from '../../lib/group-by.js';
import { evaluationInput } from './evaluation-input.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import type { PlanStatus, PromiseStatus, PromisesRepository, Tx } from './promises.repository.js';

export type ChangeCause = 'payment_posted' | 'payment_reversed' | 'grace_expired';

export interface PromisesServiceDeps {
  uow: UnitOfWork;
  promises: PromisesRepository;
  policies: Pick<PoliciesRepository, 'promiseRules'>;
  clock: Clock;
  /**
   * In the evaluation's transaction: accounts whose promises changed, or that a payment touched
   * (the worklist recomputes them in the background, ADR 041).
   */
  onAccountsChanged?: (tx: Tx, accountIds: string[]) => Promise<void>;
}

/** What amending and cancelling by hand need besides (the routes' half of the module). */
export interface PromiseChangesDeps extends PromisesServiceDeps {
  access: Pick<AccountAccess, 'assertCanOpen'>;
  audit: Pick<AuditRepository, 'record'>;
}

export type PromisesService = ReturnType<typeof createPromisesService>;

const SWEEP_TRANSACTION_ACCOUNTS = 100;

export function createPromisesService({ uow, promises, policies, clock, onAccountsChanged }: PromisesServiceDeps) {
  /**
   * Re-judges every promise of the given accounts against their payments (packages/domain
   * rules) and writes what changed, each change with its cause, inside the caller's transaction.
   * One read per kind of row and a few set-based writes, however many accounts.
   */
  async function reevaluateMany(tx: Tx, accountIds: string[], cause: ChangeCause, paymentId: string | null) {
    if (accountIds.length === 0) return [];
    const now = clock.now();
    // Through the transaction: a second pooled connection taken while this one is held can exhaust the pool.
    const { graceDays } = await policies.promiseRules(tx);
    const data = await promises.loadForEvaluation(tx, accountIds);
    const promisesOf = groupBy(data.promises, (p) => p.accountId);
    const paymentsOf = groupBy(data.payments, (p) => p.accountId);
    const plansOf = groupBy(data.plans, (p) => p.accountId);

    const updates: { id: string; status: string; paidMinor: number; statusChanged: boolean }[] = [];
    const judged = new Set<string>();
    const history: {
      promiseId: string;
      fromStatus: PromiseStatus;
      toStatus: PromiseStatus;
      paidMinor: number;
      cause: ChangeCause;
      paymentId: string | null;
    }[] = [];
    const planUpdates: { id: string; status: PlanStatus }[] = [];
    const changed: { id: string; from: string; to: string; paidMinor: number }[] = [];
    for (const account of data.accounts) {
      const stored = promisesOf.get(account.id) ?? [];
      if (stored.length === 0) continue;
      const result = evaluatePromises(
        evaluationInput(stored, paymentsOf.get(account.id) ?? [], account.debtor.timeZone, now, graceDays),
      );
      for (const evaluation of result.promises) {
        const before = stored.find((p) => p.id === evaluation.id)!;
        const statusChanged = before.status !== evaluation.status;
        if (!statusChanged && Number(before.paidMinor) === evaluation.allocatedMinor) continue;
        updates.push({
          id: evaluation.id,
          status: evaluation.status,
          paidMinor: evaluation.allocatedMinor,
          statusChanged,
        });
        if (statusChanged) {
          judged.add(account.id);
          history.push({
            promiseId: evaluation.id,
            fromStatus: before.status,
            toStatus: evaluation.status,
            paidMinor: evaluation.allocatedMinor,
            cause,
            paymentId,
          });
          changed.push({
            id: evaluation.id,
            from: before.status,
            to: evaluation.status,
            paidMinor: evaluation.allocatedMinor,
          });
        }
      }
      for (const plan of plansOf.get(account.id) ?? []) {
        const status = result.plans.get(plan.id);
        if (status && plan.status !== 'cancelled' && plan.status !== status) planUpdates.push({ id: plan.id, status });
      }
    }
    await promises.applyEvaluation(tx, now, updates, history, planUpdates);
    const touched = cause === 'grace_expired' ? [...judged] : accountIds;
    if (touched.length > 0) await onAccountsChanged?.(tx, touched);
    return changed;
  }

  return {
    reevaluateMany,
    /** One account: what recording or reversing a single payment needs. */
    reevaluate: (tx: Tx, accountId: string, cause: ChangeCause, paymentId: string | null) =>
      reevaluateMany(tx, [accountId], cause, paymentId),

    /**
     * The date-driven half of evaluation: promises whose grace period ended since the last run
     * become broken or partly kept. State-based, so it catches up after any downtime.
     */
    async sweep(batch = 500): Promise<number> {
      const { graceDays } = await policies.promiseRules();
      const accountIds = await promises.accountsToSweep(isoDay(clock.now()), graceDays, batch);
      let changes = 0;
      // A hundred accounts per transaction: few round trips, locks held for milliseconds.
      for (let i = 0; i < accountIds.length; i += SWEEP_TRANSACTION_ACCOUNTS) {
        const chunk = accountIds.slice(i, i + SWEEP_TRANSACTION_ACCOUNTS);
        changes += (await uow((tx) => reevaluateMany(tx, chunk, 'grace_expired', null))).length;
      }
      return changes;
    },
  };
}

export type PromiseChangesService = ReturnType<typeof createPromiseChangesService>;

/**
 * Amending and cancelling a pending promise by hand (ADR 027): the collector on their own
 * accounts, supervisors on their teams', admins any. Decided under the account's lock: of two
 * changes at once one wins, the other finds the promise no longer pending (409). Who and why go
 * into the promise's history and the audit log, in the same transaction.
 */
export function createPromiseChangesService({ uow, promises, policies, clock, access, audit }: PromiseChangesDeps) {
  async function locked(tx: Tx, user: SessionUser, accountId: string, promiseId: string, now: Date) {
    await access.assertCanOpen(user, accountId, now, tx);
    const promise = await promises.lockedPromise(tx, accountId, promiseId);
    if (!promise) throw new NotFoundError('No such promise on this account.');
    if (promise.status !== 'pending')
      throw new ConflictError(`The promise is ${promise.status}, no longer pending: it cannot be changed.`, [
        {
          field: 'promiseId',
          code: 'no_longer_pending',
          params: { status: promise.status },
          message: `is ${promise.status}, no longer pending`,
        },
      ]);
    return promise;
  }

  return {
    async cancel(
      user: SessionUser,
      accountId: string,
      promiseId: string,
      body: CancelPromiseBody,
      requestId: string,
    ): Promise<PromiseChangeResult> {
      return uow(async (tx) => {
        const now = clock.now();
        const promise = await locked(tx, user, accountId, promiseId, now);
        await promises.cancel(tx, promise, user.id, body.reason, now);
        await audit.record(
          {
            actorId: user.id,
            action: 'promise.cancelled',
            entityType: 'account',
            entityId: accountId,
            requestId,
            data: { promiseId, reason: body.reason },
          },
          tx,
        );
        return { id: promiseId, status: 'cancelled', supersededById: null };
      });
    },

    async amend(
      user: SessionUser,
      accountId: string,
      promiseId: string,
      body: AmendPromiseBody,
      requestId: string,
    ): Promise<PromiseChangeResult> {
      return uow(async (tx) => {
        const now = clock.now();
        const promise = await locked(tx, user, accountId, promiseId, now);
        if (body.amountMinor === undefined && body.dueDate === undefined && body.channel === undefined)
          throw new BadRequestError('Invalid body: amountMinor must change the amount, the due date or the channel', [
            { field: 'amountMinor', message: 'must change the amount, the due date or the channel' },
          ]);
        const terms = {
          amountMinor: body.amountMinor ?? Number(promise.amountMinor),
          dueDate: body.dueDate ?? isoDay(promise.dueDate),
          channel: body.channel ?? promise.channel,
        };
        const [rules, account] = await Promise.all([policies.promiseRules(tx), promises.accountTerms(tx, accountId)]);
        const problems = promiseProblems(
          terms,
          { today: localDate(now, account.debtor.timeZone), rules, balanceMinor: Number(account.balanceMinor) },
          '',
        ).map((p) => ({ ...p, field: p.field.replace(/^\./, '') }));
        if (problems.length > 0)
          throw new BadRequestError(
            `Invalid body: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
            problems,
          );
        const created = await promises.amend(tx, promise, terms, user.id, body.reason, now);
        await audit.record(
          {
            actorId: user.id,
            action: 'promise.amended',
            entityType: 'account',
            entityId: accountId,
            requestId,
            data: {
              promiseId,
              newPromiseId: created.id,
              reason: body.reason,
              from: {
                amountMinor: Number(promise.amountMinor),
                dueDate: isoDay(promise.dueDate),
                channel: promise.channel,
              },
              to: terms,
            },
          },
          tx,
        );
        return { id: promiseId, status: 'superseded', supersededById: created.id };
      });
    },
  };
}
