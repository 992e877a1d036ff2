import {
  parsePolicyDocument,
  type ComplianceProfileCode,
  type PolicyDocuments,
  type PolicyItem,
  type PolicyKindCode,
} from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import {
  DEFAULT_COMPLIANCE_PROFILES,
  DEFAULT_PROMISE_RULES,
  DEFAULT_QUEUE_WEIGHTS,
  DEFAULT_STAGE_THRESHOLDS,
  withinFloors,
  type ComplianceProfilePolicy,
  type PromiseRulesPolicy,
  type QueueWeights,
  type StageThresholds,
} from '@crm/domain';
import { createSharedCache, noCacheNotices, type CacheNotices } from '../../lib/cache-notices.js';
import { PolicyInvalidError } from '../../lib/errors.js';
import { lockName, type Tx } from '../../lib/transaction.js';
import { userNames } from '../users/user-names.repository.js';

// A document as read (its contracts schema) is exactly the shape the domain's rules take.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameShapes: [
  Same<PolicyDocuments['stage_thresholds'], StageThresholds>,
  Same<PolicyDocuments['compliance_profile'], ComplianceProfilePolicy>,
  Same<PolicyDocuments['promise_rules'], PromiseRulesPolicy>,
  Same<PolicyDocuments['queue_weights'], QueueWeights>,
] = [true, true, true, true];
void sameShapes;

export type ProfileCode = ComplianceProfileCode;

/** In force while no version of a policy is stored (the list shows them as version 0). */
const DEFAULTS: { [K in PolicyKindCode]: Record<string, PolicyDocuments[K]> } = {
  stage_thresholds: { default: DEFAULT_STAGE_THRESHOLDS },
  compliance_profile: DEFAULT_COMPLIANCE_PROFILES,
  promise_rules: { default: DEFAULT_PROMISE_RULES },
  queue_weights: { default: DEFAULT_QUEUE_WEIGHTS },
};

const POLICY_SELECT = { kind: true, key: true, version: true, data: true, createdAt: true, createdById: true } as const;

type Client = Pick<Db, 'policy'>;
type StoredVersion = { version: number; data: unknown } | null;

/**
 * The one reading of a stored policy: the newest version, checked against the schema saving uses
 * (contracts `parsePolicyDocument`). A version that fails it is an error naming the policy
 * (kind, key, version), never a silent default; the built-in default applies only while nothing
 * is stored at all.
 */
function validated<K extends PolicyKindCode>(kind: K, key: string, row: StoredVersion): PolicyDocuments[K] {
  if (!row) {
    const fallback = DEFAULTS[kind][key];
    if (!fallback) throw new Error(`${kind} has no key ${key}`);
    return fallback;
  }
  const parsed = parsePolicyDocument(kind, key, row.data);
  if (!parsed.ok) throw new PolicyInvalidError({ kind, key, version: row.version }, parsed.problems);
  // A stored profile looser than the law (saved before floors existed, or written outside the API)
  // is applied as the stricter of it and its statutory floor (ADR 021); the list shows what is off.
  if (kind === 'compliance_profile') return withinFloors(parsed.data as ComplianceProfilePolicy) as PolicyDocuments[K];
  return parsed.data;
}

async function newest<K extends PolicyKindCode>(client: Client, kind: K, key: string): Promise<PolicyDocuments[K]> {
  const row = await client.policy.findFirst({
    where: { kind, key },
    orderBy: { version: 'desc' },
    select: { version: true, data: true },
  });
  return validated(kind, key, row);
}

/**
 * The compliance profile in force for each code, in one query, validated. `client`: a
 * transaction to read through (the contact gate's facts are read inside one).
 */
export async function readComplianceProfiles(client: Client): Promise<Record<ProfileCode, ComplianceProfilePolicy>> {
  const rows = await client.policy.findMany({
    where: { kind: 'compliance_profile' },
    orderBy: { version: 'desc' },
    distinct: ['key'],
    select: { key: true, version: true, data: true },
  });
  return complianceProfilesOf(rows);
}

/** The newest stored version of each compliance profile, as rows `complianceProfilesOf` takes (one JSON array). */
export const complianceProfileRowsJsonSql = Prisma.sql`(
  SELECT COALESCE(json_agg(json_build_object('key', p.key, 'version', p.version, 'data', p.data)), '[]'::json)
  FROM (SELECT DISTINCT ON (key) key, version, data FROM policies
        WHERE kind = 'compliance_profile' ORDER BY key, version DESC) AS p)`;

/** Profiles already checked, by key and document (a document is checked once, however often it is read). */
const checkedProfiles = new Map<string, ComplianceProfilePolicy>();

/**
 * The compliance profile in force for each code from the newest stored rows (read by
 * `readComplianceProfiles`, or by a statement with `complianceProfileRowsJsonSql`), validated.
 */
export function complianceProfilesOf(
  rows: readonly { key: string; version: number; data: unknown }[],
): Record<ProfileCode, ComplianceProfilePolicy> {
  const profile = (key: ProfileCode) => {
    const row = rows.find((r) => r.key === key) ?? null;
    if (!row) return validated('compliance_profile', key, null);
    const id = `${key}:${row.version}:${JSON.stringify(row.data)}`;
    let checked = checkedProfiles.get(id);
    if (!checked) {
      checked = validated('compliance_profile', key, row);
      if (checkedProfiles.size >= 100) checkedProfiles.clear();
      checkedProfiles.set(id, checked);
    }
    return checked;
  };
  return { US: profile('US'), UK: profile('UK'), CN: profile('CN') };
}

/** A stored policy version as a single-statement read returns it (the newest of its kind and key). */
export interface PolicyRow {
  kind: PolicyKindCode;
  key: string;
  version: number;
  data: unknown;
}

/**
 * The compliance profiles, stage thresholds and promise rules in force, validated exactly as the
 * reads above do, from the newest rows a caller read itself (the case file's one statement, ADR 047).
 */
export function policiesInForce(rows: readonly PolicyRow[]) {
  const row = (kind: PolicyKindCode, key: string) => rows.find((r) => r.kind === kind && r.key === key) ?? null;
  return {
    complianceProfiles: {
      US: validated('compliance_profile', 'US', row('compliance_profile', 'US')),
      UK: validated('compliance_profile', 'UK', row('compliance_profile', 'UK')),
      CN: validated('compliance_profile', 'CN', row('compliance_profile', 'CN')),
    } satisfies Record<ProfileCode, ComplianceProfilePolicy>,
    stageThresholds: validated('stage_thresholds', 'default', row('stage_thresholds', 'default')),
    promiseRules: validated('promise_rules', 'default', row('promise_rules', 'default')),
  };
}

export type PoliciesRepository = ReturnType<typeof createPoliciesRepository>;

type Newest = Map<string, StoredVersion>;

/**
 * Policies are versioned rows; the highest version of (kind, key) is in force. Reads of the
 * policies in force come from a per-process copy of every newest version (one statement fills
 * it), dropped at once when any instance stores a version (a `p:` notice, ADR 046); without a
 * live listener (`notices`) every read goes to the database, as before, through `client`.
 */
export function createPoliciesRepository(
  db: Pick<Db, 'policy' | 'user'>,
  { notices = noCacheNotices, ttlMs = 60_000 }: { notices?: CacheNotices; ttlMs?: number } = {},
) {
  const cache = createSharedCache<Newest>(notices, { ttlMs, maxEntries: 1 });
  // Validated documents of the cached versions, so a read costs neither a statement nor a parse.
  const documents = new WeakMap<object, unknown>();
  notices.subscribe((payload) => {
    if (payload === '*' || payload.startsWith('p:')) cache.clear();
  });
  const loadNewest = async (): Promise<Newest> => {
    const rows = await db.policy.findMany({
      orderBy: [{ kind: 'asc' }, { key: 'asc' }, { version: 'desc' }],
      distinct: ['kind', 'key'],
      select: { kind: true, key: true, version: true, data: true },
    });
    return new Map(rows.map((r) => [`${r.kind}/${r.key}`, { version: r.version, data: r.data }]));
  };
  /** The document in force, from the copy when there is a live one; else read through `client`. */
  async function inForce<K extends PolicyKindCode>(kind: K, key: string, client: Client): Promise<PolicyDocuments[K]> {
    if (!notices.live) return newest(client, kind, key);
    const { value } = await cache.get('newest', loadNewest);
    const row = value!.get(`${kind}/${key}`) ?? null;
    if (!row) return validated(kind, key, row);
    if (!documents.has(row)) documents.set(row, validated(kind, key, row));
    return documents.get(row) as PolicyDocuments[K];
  }
  async function profiles(client: Client): Promise<Record<ProfileCode, ComplianceProfilePolicy>> {
    if (!notices.live) return readComplianceProfiles(client);
    const [US, UK, CN] = await Promise.all([
      inForce('compliance_profile', 'US', client),
      inForce('compliance_profile', 'UK', client),
      inForce('compliance_profile', 'CN', client),
    ]);
    return { US, UK, CN };
  }
  return {
    /** The newest version of every stored (kind, key), as stored: admins see (and can replace) a broken one. */
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
    /**
     * Adds the next version inside the caller's transaction. Saves of one policy take a lock on its
     * name first, so simultaneous saves become consecutive versions instead of colliding on the
     * unique (kind, key, version).
     */
    async addVersion(tx: Tx, kind: PolicyItem['kind'], key: string, data: object, createdById: string) {
      await lockName(tx, 'policy', `${kind}/${key}`);
      const last = await tx.policy.findFirst({
        where: { kind, key },
        orderBy: { version: 'desc' },
        select: { version: true },
      });
      return tx.policy.create({
        data: { kind, key, version: (last?.version ?? 0) + 1, data: data as never, createdById },
        select: POLICY_SELECT,
      });
    },

    /** The document in force for (kind, key), validated. `client`: a transaction to read through. */
    read: <K extends PolicyKindCode>(kind: K, key: string, client: Client = db) => inForce(kind, key, client),

    stageThresholds: (): Promise<StageThresholds> => inForce('stage_thresholds', 'default', db),

    /** The compliance profile in force for each code (one query when not cached). `client`: a transaction to read through. */
    complianceProfiles: (client: Client = db): Promise<Record<ProfileCode, ComplianceProfilePolicy>> =>
      profiles(client),

    /** `client`: a transaction to read through (promise evaluation runs inside one). */
    promiseRules: (client: Client = db): Promise<PromiseRulesPolicy> => inForce('promise_rules', 'default', client),

    queueWeights: (): Promise<QueueWeights> => inForce('queue_weights', 'default', db),
  };
}
