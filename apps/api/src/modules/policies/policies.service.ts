import {
  type PolicyVersionList,
  complianceProfilePolicySchema,
  promiseRulesPolicySchema,
  queueWeightsPolicySchema,
  stageThresholdsPolicySchema,
  type PolicyItem,
  type SessionUser,
} from '@crm/contracts';
import { Prisma } from '@crm/db';
import {
  DEFAULT_COMPLIANCE_PROFILES,
  DEFAULT_PROMISE_RULES,
  DEFAULT_QUEUE_WEIGHTS,
  DEFAULT_STAGE_THRESHOLDS,
  stageThresholdProblems,
} from '@crm/domain';
import { BadRequestError, ConflictError } from '../../lib/errors.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { PoliciesRepository } from './policies.repository.js';

type Kind = PolicyItem['kind'];
const SCHEMAS = {
  stage_thresholds: stageThresholdsPolicySchema,
  compliance_profile: complianceProfilePolicySchema,
  promise_rules: promiseRulesPolicySchema,
  queue_weights: queueWeightsPolicySchema,
} as const;
const KEYS: Record<Kind, string[]> = {
  stage_thresholds: ['default'],
  compliance_profile: ['US', 'UK', 'CN'],
  promise_rules: ['default'],
  queue_weights: ['default'],
};
const DEFAULTS: Record<Kind, Record<string, object>> = {
  stage_thresholds: { default: DEFAULT_STAGE_THRESHOLDS },
  compliance_profile: DEFAULT_COMPLIANCE_PROFILES,
  promise_rules: { default: DEFAULT_PROMISE_RULES },
  queue_weights: { default: DEFAULT_QUEUE_WEIGHTS },
};

export type PoliciesService = ReturnType<typeof createPoliciesService>;

type StoredPolicy = { version: number; data: unknown; createdAt: Date; createdById: string | null };
const toItem = (kind: Kind, key: string, row: StoredPolicy): PolicyItem => ({
  kind,
  key,
  version: row.version,
  data: row.data as Record<string, unknown>,
  createdAt: row.createdAt.toISOString(),
  createdBy: row.createdById,
});
/** The built-in defaults, shown as version 0 while nothing is stored. */
const defaultItem = (kind: Kind, key: string): PolicyItem => ({
  kind,
  key,
  version: 0,
  data: DEFAULTS[kind][key] as Record<string, unknown>,
  createdAt: null,
  createdBy: null,
});

function checkKey(kind: Kind, key: string) {
  if (!KEYS[kind].includes(key))
    throw new BadRequestError(`${kind} has no key ${key}`, [
      { field: 'key', message: `must be one of ${KEYS[kind].join(', ')}` },
    ]);
}

/**
 * Editable, versioned policies: every save is a new version (the newest is in force, read on
 * each request, so changes apply without a restart), validated and audited.
 */
export function createPoliciesService({
  policies,
  audit,
  onSaved = () => {},
}: {
  policies: Pick<PoliciesRepository, 'current' | 'addVersion' | 'versions' | 'userNames'>;
  audit: Pick<AuditRepository, 'record'>;
  /** Called after a new version is stored (caches built from policies drop their copies). */
  onSaved?: (kind: Kind, key: string) => void;
}) {
  return {
    async list(): Promise<{ items: PolicyItem[] }> {
      const stored = await policies.current();
      const items: PolicyItem[] = [];
      for (const kind of Object.keys(KEYS) as Kind[]) {
        for (const key of KEYS[kind]) {
          const row = stored.find((r) => r.kind === kind && r.key === key);
          items.push(row ? toItem(kind, key, row) : defaultItem(kind, key));
        }
      }
      return { items };
    },

    /** The history of one policy, newest first; the built-in defaults as version 0 when nothing was stored. */
    async versions(kind: Kind, key: string): Promise<PolicyVersionList> {
      checkKey(kind, key);
      const rows = await policies.versions(kind, key);
      if (rows.length === 0) return { items: [{ ...defaultItem(kind, key), createdByName: null }] };
      const names = await policies.userNames([...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))]);
      return {
        items: rows.map((r) => ({
          ...toItem(kind, key, r),
          createdByName: r.createdById ? (names.get(r.createdById) ?? null) : null,
        })),
      };
    },

    async save(
      user: SessionUser,
      kind: Kind,
      key: string,
      data: Record<string, unknown>,
      requestId: string,
    ): Promise<PolicyItem> {
      checkKey(kind, key);
      const parsed = SCHEMAS[kind].safeParse(data);
      if (!parsed.success) {
        throw new BadRequestError(
          'The policy is not valid.',
          parsed.error.issues.map((i) => ({ field: ['data', ...i.path].join('.'), message: i.message })),
        );
      }
      if (kind === 'stage_thresholds') {
        const problems = stageThresholdProblems(parsed.data as typeof DEFAULT_STAGE_THRESHOLDS);
        if (problems.length)
          throw new BadRequestError(
            'The stage thresholds are not valid.',
            problems.map((message) => ({ field: 'data', message })),
          );
      }
      if (kind === 'compliance_profile' && (parsed.data as { profile: string }).profile !== key) {
        throw new BadRequestError('profile must match the key', [{ field: 'data.profile', message: `must be ${key}` }]);
      }
      try {
        const row = await policies.addVersion(kind, key, parsed.data, user.id);
        await audit.record({
          actorId: user.id,
          action: 'policy.save',
          entityType: 'policy',
          entityId: null,
          requestId,
          data: { kind, key, version: row.version },
        });
        onSaved(kind, key);
        return toItem(kind, key, row);
      } catch (err) {
        if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
          throw new ConflictError('Someone saved this policy at the same moment; reload and try again.');
        throw err;
      }
    },
  };
}
