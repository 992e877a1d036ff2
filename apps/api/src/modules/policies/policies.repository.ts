import type { Db } from '@crm/db';
import { DEFAULT_STAGE_THRESHOLDS, stageThresholdProblems, type StageThresholds } from '@crm/domain';

export type PoliciesRepository = ReturnType<typeof createPoliciesRepository>;

/** Policies are versioned rows; the highest version of (kind, key) is in force. */
export function createPoliciesRepository(db: Pick<Db, 'policy'>) {
  return {
    async stageThresholds(): Promise<StageThresholds> {
      const row = await db.policy.findFirst({
        where: { kind: 'stage_thresholds', key: 'default' },
        orderBy: { version: 'desc' },
        select: { data: true },
      });
      const data = row?.data as StageThresholds | undefined;
      // A stored document that fails validation must not silently mis-stage accounts.
      if (data && stageThresholdProblems(data).length === 0) return data;
      return DEFAULT_STAGE_THRESHOLDS;
    },
  };
}
