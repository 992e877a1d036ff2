import { queueWeightsPolicySchema, type PolicyItem } from '@crm/contracts';
import type { Db } from '@crm/db';
import {
  DEFAULT_COMPLIANCE_PROFILES,
  DEFAULT_PROMISE_RULES,
  DEFAULT_QUEUE_WEIGHTS,
  DEFAULT_STAGE_THRESHOLDS,
  stageThresholdProblems,
  type ComplianceProfilePolicy,
  type PromiseRulesPolicy,
  type QueueWeights,
  type StageThresholds,
} from '@crm/domain';
import type { z } from 'zod';
import { userNames } from '../users/user-names.js';

// The stored document and the domain's weights are the same shape, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const queueWeightsMatch: Same<z.infer<typeof queueWeightsPolicySchema>, QueueWeights> = true;
void queueWeightsMatch;

export type ProfileCode = 'US' | 'UK' | 'CN';

const POLICY_SELECT = { kind: true, key: true, version: true, data: true, createdAt: true, createdById: true } as const;

export type PoliciesRepository = ReturnType<typeof createPoliciesRepository>;

/** Policies are versioned rows; the highest version of (kind, key) is in force. */
export function createPoliciesRepository(db: Pick<Db, 'policy' | 'user'>) {
  return {
    /** The newest version of every stored (kind, key). */
    current: () =>
      db.policy.findMany({
        orderBy: [{ kind: 'asc' }, { key: 'asc' }, { version: 'desc' }],
        distinct: ['kind', 'key'],
        select: POLICY_SELECT,
      }),
    /** Every stored version of one policy, newest first. */
    versions: (kind: PolicyItem['kind'], key: string) =>
      db.policy.findMany({ where: { kind, key }, orderBy: { version: 'desc' }, select: POLICY_SELECT }),
    userNames: (ids: string[]) => userNames(db, ids),
    /** Adds the next version; the unique (kind, key, version) makes a concurrent save fail instead of overwrite. */
    async addVersion(kind: PolicyItem['kind'], key: string, data: object, createdById: string) {
      const last = await db.policy.findFirst({
        where: { kind, key },
        orderBy: { version: 'desc' },
        select: { version: true },
      });
      return db.policy.create({
        data: { kind, key, version: (last?.version ?? 0) + 1, data: data as never, createdById },
        select: POLICY_SELECT,
      });
    },

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

    /** The compliance profile in force for each code (newest version; defaults when none stored). */
    async complianceProfiles(): Promise<Record<ProfileCode, ComplianceProfilePolicy>> {
      const rows = await db.policy.findMany({
        where: { kind: 'compliance_profile' },
        orderBy: { version: 'desc' },
        distinct: ['key'],
        select: { key: true, data: true },
      });
      const result = { ...DEFAULT_COMPLIANCE_PROFILES };
      for (const row of rows) {
        if (row.key === 'US' || row.key === 'UK' || row.key === 'CN')
          result[row.key] = row.data as unknown as ComplianceProfilePolicy;
      }
      return result;
    },

    /** `client`: a transaction to read through (promise evaluation runs inside one). */
    async promiseRules(client: Pick<Db, 'policy'> = db): Promise<PromiseRulesPolicy> {
      const row = await client.policy.findFirst({
        where: { kind: 'promise_rules', key: 'default' },
        orderBy: { version: 'desc' },
        select: { data: true },
      });
      return (row?.data as PromiseRulesPolicy | undefined) ?? DEFAULT_PROMISE_RULES;
    },

    async queueWeights(): Promise<QueueWeights> {
      const row = await db.policy.findFirst({
        where: { kind: 'queue_weights', key: 'default' },
        orderBy: { version: 'desc' },
        select: { data: true },
      });
      const parsed = row ? queueWeightsPolicySchema.safeParse(row.data) : null;
      return parsed?.success ? parsed.data : DEFAULT_QUEUE_WEIGHTS;
    },
  };
}
