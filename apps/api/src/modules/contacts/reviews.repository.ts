import type { SessionUser } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import type { ReviewChecks } from '@crm/domain';
import type { Tx } from '../../lib/transaction.js';
import { collectorScopeSql } from '../accounts/account-scope.repository.js';

export type ReviewsRepository = ReturnType<typeof createReviewsRepository>;

export function createReviewsRepository(db: Pick<Db, '$queryRaw'>) {
  return {
    /** The attempt, if the user may see it (its collector is in their scope). */
    async attemptInScope(
      user: SessionUser,
      contactId: string,
    ): Promise<{ id: string; collector_id: string | null } | null> {
      const rows = await db.$queryRaw<{ id: string; collector_id: string | null }[]>(Prisma.sql`
        SELECT ca.id, ca.collector_id FROM contact_attempts ca WHERE ca.id = ${contactId}::uuid AND ${collectorScopeSql(user, Prisma.sql`ca.collector_id`)}`);
      return rows[0] ?? null;
    },
    /** One review per attempt: saving again replaces it. In the caller's transaction (with its audit event). */
    upsert(
      tx: Tx,
      contactAttemptId: string,
      reviewerId: string,
      checks: ReviewChecks,
      score: number,
      comment: string | null,
      coaching: boolean,
    ) {
      const data = { reviewerId, ...checks, score, comment, coaching };
      return tx.contactReview.upsert({
        where: { contactAttemptId },
        create: { contactAttemptId, ...data },
        update: data,
        include: { contactAttempt: false },
      });
    },
  };
}
