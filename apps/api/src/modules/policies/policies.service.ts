import {
  POLICY_KEYS,
  parsePolicyDocument,
  type PolicyItem,
  type PolicyVersionList,
  type SessionUser,
} from '@crm/contracts';
import { defaultPolicy, policyFloorProblems, type ComplianceProfilePolicy } from '@crm/domain';
import { noCacheNotices, type CacheNotices } from '../../lib/cache-notices.js';
import { BadRequestError, PolicyBelowFloorError } from '../../lib/errors.js';
import type { Tx, UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { PoliciesRepository } from './policies.repository.js';

type Kind = PolicyItem['kind'];
const KINDS = Object.keys(POLICY_KEYS) as Kind[];
const keysOf = (kind: Kind): readonly string[] => POLICY_KEYS[kind];

export type PoliciesService = ReturnType<typeof createPoliciesService>;

type StoredPolicy = { version: number; data: unknown; createdAt: Date; createdById: string | null };
const toItem = (kind: Kind, key: string, row: StoredPolicy): PolicyItem => ({
  kind,
  key,
  version: row.version,
  data: row.data as Record<string, unknown>,
  createdAt: row.createdAt.toISOString(),
  createdBy: row.createdById,
  ...floorProblemsOf(kind, key, row.data),
});
/** How a stored compliance profile is looser than the law, when it is (shown to admins; ADR 021). */
function floorProblemsOf(kind: Kind, key: string, data: unknown): Pick<PolicyItem, 'floorProblems'> {
  if (kind !== 'compliance_profile') return {};
  const parsed = parsePolicyDocument(kind, key, data);
  if (!parsed.ok) return {};
  const problems = policyFloorProblems(parsed.data as ComplianceProfilePolicy);
  return problems.length > 0 ? { floorProblems: problems } : {};
}
/** The built-in defaults, shown as version 0 while nothing is stored. */
const defaultItem = (kind: Kind, key: string): PolicyItem => ({
  kind,
  key,
  version: 0,
  data: defaultPolicy(kind, key) as unknown as Record<string, unknown>,
  createdAt: null,
  createdBy: null,
});

function checkKey(kind: Kind, key: string) {
  if (!keysOf(kind).includes(key))
    throw new BadRequestError(`${kind} has no key ${key}`, [
      { field: 'key', message: `must be one of ${keysOf(kind).join(', ')}` },
    ]);
}

/**
 * Editable, versioned policies: every save is a new version (the newest is in force, read on
 * each request, so changes apply without a restart), validated and audited.
 */
export function createPoliciesService({
  policies,
  audit,
  uow,
  onSaved = async () => {},
  notices = noCacheNotices,
}: {
  policies: Pick<PoliciesRepository, 'current' | 'addVersion' | 'versions' | 'userNames'>;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  /** Called in the transaction that stored a new version (every worklist is stale, ADR 041). */
  onSaved?: (tx: Tx, kind: Kind, key: string) => Promise<void>;
  /** The save answers once its notice came back, so every instance has dropped its copy (ADR 046). */
  notices?: Pick<CacheNotices, 'expect'>;
}) {
  return {
    async list(): Promise<{ items: PolicyItem[] }> {
      const stored = await policies.current();
      const items: PolicyItem[] = [];
      for (const kind of KINDS) {
        for (const key of keysOf(kind)) {
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
      // The schema every stored version is read with (policies.repository.ts): what is saved can be read.
      const parsed = parsePolicyDocument(kind, key, data);
      if (!parsed.ok) throw new BadRequestError('The policy is not valid.', parsed.problems);
      // Never below the law (compliance.md "Floors", ADR 021): stricter is always allowed.
      if (kind === 'compliance_profile') {
        const below = policyFloorProblems(parsed.data as ComplianceProfilePolicy);
        if (below.length > 0) throw new PolicyBelowFloorError(key, below);
      }
      // The version and its audit row commit together; simultaneous saves of one policy become
      // consecutive versions (the repository locks the policy's name), and any other database
      // error is read by lib/db-errors.ts like everywhere else.
      let told: Promise<boolean> = Promise.resolve(false);
      const row = await uow(async (tx) => {
        const saved = await policies.addVersion(tx, kind, key, parsed.data, user.id);
        // Registered before the commit, which sends the notice (the policies trigger).
        told = notices.expect(`p:${kind}/${key}/${saved.version}`).arrived;
        await audit.record(
          {
            actorId: user.id,
            action: 'policy.save',
            entityType: 'policy',
            entityId: null,
            requestId,
            data: { kind, key, version: saved.version },
          },
          tx,
        );
        await onSaved(tx, kind, key);
        return saved;
      });
      await told;
      return toItem(kind, key, row);
    },
  };
}
