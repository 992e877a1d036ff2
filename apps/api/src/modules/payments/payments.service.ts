import type { PostPaymentBody, PostPaymentResponse, SessionUser } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import type { Clock } from '../../lib/clock.js';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { resolveClaimedPayments } from '../verification/verification.repository.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { PromisesService } from '../promises/promises.service.js';
import type { PaymentsRepository } from './payments.repository.js';

export interface PaymentsServiceDeps {
  db: Pick<Db, '$transaction'>;
  clock: Clock;
  payments: PaymentsRepository;
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

export type PaymentsService = ReturnType<typeof createPaymentsService>;

export function createPaymentsService({ db, clock, payments, promises, audit }: PaymentsServiceDeps) {
  return {
    /**
     * Posts a payment (or a reversal) and re-judges the account's promises in the same
     * transaction. The same (source, reference) again is a no-op returning the first record.
     */
    async post(user: SessionUser, body: PostPaymentBody, requestId: string): Promise<{ replayed: boolean; result: PostPaymentResponse }> {
      const existing = await payments.findBySourceReference(body.source, body.reference);
      if (existing) return { replayed: true, result: { payment: dto(existing), changedPromises: [], resolvedClaims: [] } };

      const account = await payments.account(body.accountId);
      if (!account) throw new BadRequestError('accountId does not exist', [{ field: 'accountId', message: 'does not exist' }]);
      if (account.currency !== body.currency) {
        throw new BadRequestError(`currency must be ${account.currency}, the account's currency`, [{ field: 'currency', message: `must be ${account.currency}, the account's currency` }]);
      }
      let signed = BigInt(body.amountMinor);
      if (body.reversalOfId) {
        const original = await payments.findPayment(body.reversalOfId);
        if (!original || original.accountId !== body.accountId) throw new NotFoundError('reversalOfId: no such payment on this account.');
        if (original.reversalOfId) throw new BadRequestError('reversalOfId points at a reversal', [{ field: 'reversalOfId', message: 'cannot reverse a reversal' }]);
        if (original.reversedBy) throw new BadRequestError('reversalOfId is already reversed', [{ field: 'reversalOfId', message: 'is already reversed' }]);
        if (Number(original.amountMinor) !== body.amountMinor) {
          throw new BadRequestError('amountMinor must equal the reversed payment', [{ field: 'amountMinor', message: `must equal the reversed payment (${original.amountMinor})` }]);
        }
        signed = -signed;
      }
      try {
        const result = await db.$transaction(async (tx) => {
          const payment = await payments.insert(tx, body, signed);
          const changed = await promises.reevaluate(tx, body.accountId, body.reversalOfId ? 'payment_reversed' : 'payment_posted', payment.id);
          const verified = body.reversalOfId ? [] : await resolveClaimedPayments(tx, body.accountId, clock.now());
          return { payment: dto(payment), changedPromises: changed, resolvedClaims: verified };
        });
        await audit.record({
          actorId: user.id,
          action: body.reversalOfId ? 'payment.reversed' : 'payment.posted',
          entityType: 'account',
          entityId: body.accountId,
          requestId,
          data: { paymentId: result.payment.id, amountMinor: body.amountMinor, reference: body.reference, source: body.source },
        });
        return { replayed: false, result };
      } catch (err) {
        // The same reference posted twice at the same instant: the second returns the first.
        if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
          const first = await payments.findBySourceReference(body.source, body.reference);
          if (first) return { replayed: true, result: { payment: dto(first), changedPromises: [], resolvedClaims: [] } };
        }
        throw err;
      }
    },
  };
}
