import type { ReviewsReport, SessionUser } from '@crm/contracts';
import { addDaysIso, isValidTimeZone, startOfLocalDay } from '@crm/domain';
import type { ReviewsReportRepository } from './reviews-report.repository.js';

export type ReviewsReportService = ReturnType<typeof createReviewsReportService>;

/** Quality reviews per collector: attempts in the period, the reviewed share, the average score, coaching marks. */
export function createReviewsReportService({ reviews }: { reviews: ReviewsReportRepository }) {
  return {
    async perCollector(user: SessionUser, from: string, to: string): Promise<ReviewsReport> {
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
          failed: Number(r.failed),
          coaching: Number(r.coaching),
        })),
      };
    },
  };
}
