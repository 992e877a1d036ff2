import type { Review, ReviewBody, ReviewsReport, SessionUser } from '@crm/contracts';
import { addDaysIso, isValidTimeZone, reviewScore, startOfLocalDay } from '@crm/domain';
import { NotFoundError } from '../../lib/errors.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { ReviewsRepository } from './reviews.repository.js';

export interface ReviewsServiceDeps {
  reviews: ReviewsRepository;
  audit: Pick<AuditRepository, 'record'>;
}

export type ReviewsService = ReturnType<typeof createReviewsService>;

export function createReviewsService({ reviews, audit }: ReviewsServiceDeps) {
  return {
    /** Scores an attempt (or re-scores it: one review per attempt, the latest wins, each change audited). */
    async review(user: SessionUser, contactId: string, body: ReviewBody, requestId: string): Promise<Review> {
      const attempt = await reviews.attemptInScope(user, contactId);
      if (!attempt) throw new NotFoundError('No such contact attempt in your teams.');
      const score = reviewScore(body.checks);
      const saved = await reviews.upsert(contactId, user.id, body.checks, score, body.comment || null, body.coaching);
      await audit.record({
        actorId: user.id,
        action: 'contact.review',
        entityType: 'contact_attempt',
        entityId: contactId,
        requestId,
        data: { score, coaching: body.coaching },
      });
      return {
        checks: body.checks,
        score,
        comment: saved.comment,
        coaching: saved.coaching,
        reviewerName: user.displayName,
        reviewedAt: saved.updatedAt.toISOString(),
      };
    },

    async report(user: SessionUser, from: string, to: string): Promise<ReviewsReport> {
      const zone = isValidTimeZone(user.timeZone) ? user.timeZone : 'UTC';
      const rows = await reviews.perCollector(
        user,
        startOfLocalDay(from, zone),
        startOfLocalDay(addDaysIso(to, 1), zone),
      );
      return {
        from,
        to,
        collectors: rows.map((r) => ({
          collector: { id: r.collector_id, displayName: r.display_name },
          attempts: Number(r.attempts),
          reviewed: Number(r.reviewed),
          reviewedShare: Number(r.attempts) ? Number(r.reviewed) / Number(r.attempts) : null,
          averageScore: r.average_score === null ? null : Math.round(r.average_score * 10) / 10,
          coaching: Number(r.coaching),
        })),
      };
    },
  };
}
