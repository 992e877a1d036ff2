import type { Review, ReviewBody, SessionUser } from '@crm/contracts';
import { reviewResult } from '@crm/domain';
import { NotFoundError } from '../../lib/errors.js';
import type { UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { ReviewsRepository } from './reviews.repository.js';

export interface ReviewsServiceDeps {
  reviews: ReviewsRepository;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
}

export type ReviewsService = ReturnType<typeof createReviewsService>;

export function createReviewsService({ reviews, uow, audit }: ReviewsServiceDeps) {
  return {
    /** Scores an attempt (or re-scores it: one review per attempt, the latest wins, each change audited). */
    async review(user: SessionUser, contactId: string, body: ReviewBody, requestId: string): Promise<Review> {
      const attempt = await reviews.attemptInScope(user, contactId);
      if (!attempt) throw new NotFoundError('No such contact attempt in your teams.');
      // Prohibited language fails the review whatever else scored (score 0; ADR 021).
      const { score, failed } = reviewResult(body.checks);
      const saved = await uow(async (tx) => {
        const review = await reviews.upsert(
          tx,
          contactId,
          user.id,
          body.checks,
          score,
          body.comment || null,
          body.coaching,
        );
        await audit.record(
          {
            actorId: user.id,
            action: 'contact.review',
            entityType: 'contact_attempt',
            entityId: contactId,
            requestId,
            data: { score, failed, coaching: body.coaching },
          },
          tx,
        );
        return review;
      });
      return {
        checks: body.checks,
        score,
        failed,
        comment: saved.comment,
        coaching: saved.coaching,
        reviewerName: user.displayName,
        reviewedAt: saved.updatedAt.toISOString(),
      };
    },
  };
}
