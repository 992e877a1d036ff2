import type { SessionUser } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import { collectorScopeSql } from '../accounts/account-scope.repository.js';

export type ReviewsReportRepository = ReturnType<typeof createReviewsReportRepository>;

/** Quality reviews, summed for the supervisors' report (reviews are written by the contacts module). */
export function createReviewsReportRepository(db: Pick<Db, '$queryRaw'>) {
  return {
    /** Per collector in scope: attempts in the window, reviewed ones, average score, failed reviews, coaching marks. */
    perCollector(user: SessionUser, start: Date, end: Date) {
      return db.$queryRaw<
        {
          collector_id: string;
          display_name: string;
          attempts: bigint;
          reviewed: bigint;
          average_score: number | null;
          failed: bigint;
          coaching: bigint;
        }[]
      >(Prisma.sql`
        SELECT ca.collector_id, u.display_name, count(*) AS attempts, count(cr.id) AS reviewed,
               avg(cr.score)::float8 AS average_score,
               count(cr.id) FILTER (WHERE NOT cr.no_prohibited_language) AS failed, count(*) FILTER (WHERE cr.coaching) AS coaching
        FROM contact_attempts ca
        JOIN users u ON u.id = ca.collector_id
        LEFT JOIN contact_reviews cr ON cr.contact_attempt_id = ca.id
        WHERE ca.started_at >= ${start} AND ca.started_at < ${end} AND ${collectorScopeSql(user, Prisma.sql`ca.collector_id`)}
        GROUP BY ca.collector_id, u.display_name
        ORDER BY u.display_name`);
    },
  };
}
