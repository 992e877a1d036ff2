import type { PostPaymentBody, PostPaymentResponse, SessionUser } from '@crm/contracts';
import { MAX_AMOUNT_MINOR } from '@crm/contracts';
import { accountFigures, paymentConflicts, paymentInstantProblem } from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { BadRequestError, ConflictError, IdempotencyConflictError, NotFoundError } from '../../lib/errors.js';
import type { UnitOfWork } from '../../lib/transaction.js';
import { resolveClaimedPayments } from '../verification/verification.repository.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { PromisesService } from '../promises/promises.service.js';
import type { PaymentsRepository } from './payments.repository.js';

export interface PaymentsServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  payments: Pick<
    PaymentsRepository,
    'findBySourceReference' | 'account' | 'lock' | 'figures' | 'findPayment' | 'insert'
  >;
  promises: Pick<PromisesService, 'reevaluate'>;
  audit: Pick<AuditRepository, 'record'>;
}

type Stored = NonNullable<Awaited<ReturnType<PaymentsRepository['findBySourceReference']>>>;
const dto = (p: Stored) => ({
  id: p.id,
  accountId: p.accountId,
  amountMinor: Number(p.amountMinor),
  currency: p.currency,
  paidAt: p.paidAt.toISOString(),
  channel: p.channel,
  reference: p.reference,
  source: p.source,
  reversalOfId: p.reversalOfId,
});

/**
 * The same (source, reference) again: the first record when the request is the same payment,
 * refused naming every field that differs when it is not (ADR 009).
 */
function replayOrRefuse(stored: Stored, body: PostPaymentBody): { replayed: true; result: PostPaymentResponse } {
  const candidate = {
    accountId: body.accountId,
    amountMinor: BigInt(body.reversalOfId ? -body.amountMinor : body.amountMinor),
    currency: body.currency,
    paidAt: new Date(body.paidAt),
    channel: body.channel,
    reversalOfId: body.reversalOfId ?? null,
  };
  const was = {
    ...stored,
    amountMinor: String(stored.amountMinor < 0n ? -stored.amountMinor : stored.amountMinor),
    paidAt: stored.paidAt.toISOString(),
    reversalOfId: stored.reversalOfId ?? 'none',
  };
  const differs = paymentConflicts(stored, candidate).map((field) => ({
    field,
    message: `differs from the payment already recorded with this reference (${was[field]})`,
  }));
  if (differs.length > 0) {
    // 422, as for an Idempotency-Key reused with another request: the reference is this payment's key.
    throw new IdempotencyConflictError(
      422,
      `Reference ${body.reference} from ${body.source} was already used for a different payment: ${differs.map((d) => d.field).join(', ')} differ.`,
      differs,
    );
  }
  return { replayed: true, result: { payment: dto(stored), changedPromises: [], resolvedClaims: [] } };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;

export function createPaymentsService({ uow, clock, payments, promises, audit }: PaymentsServiceDeps) {
  const invalid = (field: string, message: string) => new BadRequestError(`${field} ${message}`, [{ field, message }]);
  return {
    /**
     * Posts a payment (or a reversal) and re-judges the account's promises in the same
     * transaction, holding the account's lock: payments to one account are recorded one after
     * the other, whatever arrives at once. The same (source, reference) again is a no-op
     * returning the first record, or 409 when it carries a different payment.
     */
    async post(
      user: SessionUser,
      body: PostPaymentBody,
      requestId: string,
    ): Promise<{ replayed: boolean; result: PostPaymentResponse }> {
      const first = await payments.findBySourceReference(body.source, body.reference);
      if (first) return replayOrRefuse(first, body);

      const when = paymentInstantProblem(new Date(body.paidAt), clock.now());
      if (when) throw invalid('paidAt', when);
      const account = await payments.account(body.accountId);
      if (!account) throw invalid('accountId', 'does not exist');
      if (account.currency !== body.currency)
        throw invalid('currency', `must be ${account.currency}, the account's currency`);

      const outcome = await uow(async (tx) => {
        if (!(await payments.lock(tx, body.accountId, body.source, body.reference)))
          throw invalid('accountId', 'does not exist');
        // Decided under the locks: a payment with this reference recorded meanwhile is found here.
        const existing = await payments.findBySourceReference(body.source, body.reference, tx);
        if (existing) return replayOrRefuse(existing, body);

        let signed = BigInt(body.amountMinor);
        if (body.reversalOfId) {
          const original = await payments.findPayment(body.reversalOfId, tx);
          if (!original || original.accountId !== body.accountId)
            throw new NotFoundError('reversalOfId: no such payment on this account.');
          if (original.reversalOfId) throw invalid('reversalOfId', 'cannot reverse a reversal');
          if (original.reversedBy)
            throw new ConflictError('reversalOfId is already reversed', [
              { field: 'reversalOfId', message: 'is already reversed' },
            ]);
          if (Number(original.amountMinor) !== body.amountMinor)
            throw invalid('amountMinor', `must equal the reversed payment (${original.amountMinor})`);
          signed = -signed;
        }
        // An overpayment is kept as a credit, but never one beyond what any single amount may be:
        // every figure of the account stays inside the bound the API answers with.
        const before = await payments.figures(tx, body.accountId);
        const after = accountFigures(
          { balanceMinor: before.balanceBaselineMinor, overdueMinor: before.overdueBaselineMinor },
          before.paidSinceBaselineMinor + signed,
        );
        if (after.creditMinor > BigInt(MAX_AMOUNT_MINOR))
          throw invalid('amountMinor', `would leave the account overpaid by more than ${MAX_AMOUNT_MINOR} minor units`);
        const payment = await payments.insert(tx, body, signed);
        const changed = await promises.reevaluate(
          tx,
          body.accountId,
          body.reversalOfId ? 'payment_reversed' : 'payment_posted',
          payment.id,
        );
        const verified = body.reversalOfId ? [] : await resolveClaimedPayments(tx, body.accountId, clock.now());
        // In the same transaction: a payment is never kept without its audit event.
        await audit.record(
          {
            actorId: user.id,
            action: body.reversalOfId ? 'payment.reversed' : 'payment.posted',
            entityType: 'account',
            entityId: body.accountId,
            requestId,
            data: {
              paymentId: payment.id,
              amountMinor: body.amountMinor,
              reference: body.reference,
              source: body.source,
            },
          },
          tx,
        );
        return {
          replayed: false,
          result: { payment: dto(payment), changedPromises: changed, resolvedClaims: verified },
        };
      });
      return outcome;
    },
  };
}
