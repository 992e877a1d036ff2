import { Prisma, type Db } from '@crm/db';
import {
  gateLookbackDays,
  gateLookbackStart,
  inconvenientTimesOf,
  knownZones,
  type ComplianceProfilePolicy,
  type CustomerAttempt,
  type GateThirdParty,
  type GateAttempt,
  type GateStopFlag,
  type LocalTimeSpan,
  type RankedContactPoint,
} from '@crm/domain';
import type { ZoneSourceCode } from '@crm/contracts';
import { groupBy } from '../../lib/group-by.js';
import { lockAccounts, type Tx } from '../../lib/transaction.js';
import {
  complianceProfileRowsJsonSql,
  complianceProfilesOf,
  readComplianceProfiles,
  type ProfileCode,
} from '../policies/policies.repository.js';

/** A contact point as the gate judges it and as the case file shows it (the same read). */
export interface GateFactsContactPoint extends RankedContactPoint {
  value: string;
  source: string;
  /** Where `timeZones` came from (ADR 019); null when nothing was derived. */
  zoneSource: ZoneSourceCode | null;
  /** A collector's label, and why it was marked invalid (contact points edited by hand). */
  label: string | null;
  statusReason: string | null;
}

/** A stop flag in force at the facts' instant (neither cleared nor expired), newest first. */
export interface GateFactsStopFlag extends GateStopFlag {
  id: string;
  /** null: the customer's flag, for all their accounts. */
  accountId: string | null;
  reason: string;
  setAt: Date;
}

export interface GateFacts {
  debtorId: string;
  customerTimeZone: string;
  /**
   * Every zone the customer is known to be in: the home zone and the zones of every contact point
   * not marked invalid (domain `knownZones`). Every caller hands it to the gate as
   * `otherTimeZones`, so the window is the intersection over all of them wherever it is decided.
   */
  knownZones: string[];
  /** The account's compliance profile in force, read with the facts (its windows set how far back they go). */
  profile: ComplianceProfilePolicy;
  contactPoints: GateFactsContactPoint[];
  stopFlags: GateFactsStopFlag[];
  /** This account's attempts since the look-back start (any order). */
  attempts: GateAttempt[];
  callback: { id: string; dueAt: Date; requestedByCustomer: boolean; requestedAt: Date } | null;
  /** Times the customer said are inconvenient (their own zone), honoured by the gate. */
  inconvenientTimes: LocalTimeSpan[];
}

export type GateFactsRepository = ReturnType<typeof createGateFactsRepository>;

export type GateFactsClient = Pick<
  Db,
  '$queryRaw' | 'contactPoint' | 'stopFlag' | 'contactAttempt' | 'callback' | 'policy' | 'thirdParty'
>;

/** A third party of the customer as the third-party gate judges it and the case file shows it. */
export interface ThirdPartyFact extends GateThirdParty {
  name: string;
  relationship: string;
  phone: string | null;
  source: string;
}

/** What the third-party rules decide on: the customer's third parties and the latest attempts to reach the customer. */
export interface ThirdPartyFacts {
  thirdParties: ThirdPartyFact[];
  /** The customer's latest attempts on their own contact points, any debt (newest first). */
  customerAttempts: CustomerAttempt[];
}

/** How many of the customer's latest attempts the unreachability rule reads (it needs the streak since the last reach). */
const CUSTOMER_ATTEMPTS_READ = 50;

/**
 * The third-party facts of one customer (case file, recording a third-party call): each third
 * party with the outbound calls placed to them ever, and the customer's latest attempts.
 */
export async function loadThirdPartyFacts(client: GateFactsClient, debtorId: string): Promise<ThirdPartyFacts> {
  const [thirdParties, attempts] = await Promise.all([
    client.thirdParty.findMany({
      where: { debtorId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        name: true,
        relationship: true,
        phone: true,
        source: true,
        doNotContact: true,
        moreContactRequested: true,
        _count: { select: { contactAttempts: { where: { direction: 'outbound', channel: 'phone' } } } },
      },
    }),
    client.contactAttempt.findMany({
      where: { debtorId, contactPointId: { not: null } },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take: CUSTOMER_ATTEMPTS_READ,
      select: { startedAt: true, channel: true, direction: true, partyReached: true },
    }),
  ]);
  return {
    thirdParties: thirdParties.map(({ _count, ...t }) => ({ ...t, callsMade: _count.contactAttempts })),
    customerAttempts: attempts.map(({ startedAt, ...a }) => ({ ...a, at: startedAt })),
  };
}

/**
 * The one loader of the contact gate's facts (ADR 016): the queue, the case file, outcome
 * recording and the reminder sender all read them here, for any number of accounts in a fixed
 * number of queries (one per kind of fact). Attempts are read as far back as the compliance
 * profiles in force need (domain `gateLookbackStart`: the longest call-cap window or quiet period
 * of any profile, plus a day), so a policy with a longer window is honoured everywhere at once.
 */
export function createGateFactsRepository(
  db: GateFactsClient,
  /** The compliance profiles in force (the policies reader's cached copy, ADR 046); default: read through the client. */
  { profiles = readComplianceProfiles }: { profiles?: ProfilesReader } = {},
) {
  return {
    /** For display (queue, case file): what the gate would say now. Decisions use `lock` and `loadLocked`. */
    load: (accountIds: string[], now: Date) => loadGateFacts(db, accountIds, now, profiles),
    /**
     * Locks the customers of these accounts, then the accounts, for the rest of the transaction:
     * no other contact with these people about any of their debts can be decided or recorded
     * until it ends, so the facts read afterwards (caps, quiet period, the customers' stop flags
     * and opt-outs) stay true for the writes that follow. Returns the accounts that exist.
     * Lock order (ADR 009): customers in id order, then accounts in id order, then names.
     */
    async lock(tx: Tx, accountIds: string[]): Promise<string[]> {
      if (accountIds.length === 0) return [];
      await tx.$queryRaw`
        SELECT id FROM debtors
        WHERE id IN (SELECT debtor_id FROM accounts WHERE id = ANY(${accountIds}::uuid[]))
        ORDER BY id FOR NO KEY UPDATE`;
      return lockAccounts(tx, accountIds);
    },
    /** The facts of accounts locked with `lock`, read through the same transaction. */
    loadLocked: (tx: Tx, accountIds: string[], now: Date) => loadGateFacts(tx, accountIds, now, profiles),
    /** The third-party facts of a customer locked with `lock`, read through the same transaction. */
    thirdPartiesLocked: (tx: Tx, debtorId: string) => loadThirdPartyFacts(tx, debtorId),
  };
}

/**
 * The gate's facts of each account that exists, by account id. `client`: the root client or a
 * transaction (everything is read through it, the policies included).
 */
export async function loadGateFacts(
  client: GateFactsClient,
  accountIds: string[],
  now: Date,
  profiles: ProfilesReader = readComplianceProfiles,
): Promise<Map<string, GateFacts>> {
  return loadFacts(client, [...new Set(accountIds)], now, profiles);
}

type ProfilesReader = (client: GateFactsClient) => Promise<Record<ProfileCode, ComplianceProfilePolicy>>;

async function loadFacts(
  db: GateFactsClient,
  accountIds: string[],
  now: Date,
  readProfiles: ProfilesReader,
): Promise<Map<string, GateFacts>> {
  if (accountIds.length === 0) return new Map();
  const [accounts, profiles] = await Promise.all([
    // One statement (Prisma would read the customers' zones with a second one).
    db.$queryRaw<
      { id: string; debtorId: string; complianceProfile: ProfileCode; timeZone: string; inconvenientTimes: unknown }[]
    >`
      SELECT a.id, a.debtor_id AS "debtorId", a.compliance_profile::text AS "complianceProfile", d.time_zone AS "timeZone",
             d.inconvenient_times AS "inconvenientTimes"
      FROM accounts a JOIN debtors d ON d.id = a.debtor_id
      WHERE a.id = ANY(${accountIds}::uuid[])`,
    readProfiles(db),
  ]);
  const since = gateLookbackStart(now, Object.values(profiles));
  const debtorIds = [...new Set(accounts.map((a) => a.debtorId))];
  const [points, flags, attempts, callbacks] = await Promise.all([
    db.contactPoint.findMany({
      where: { debtorId: { in: debtorIds } },
      orderBy: [{ kind: 'asc' }, { type: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        debtorId: true,
        value: true,
        source: true,
        kind: true,
        type: true,
        status: true,
        optedOut: true,
        optedOutChannels: true,
        workInconvenient: true,
        timeZones: true,
        zoneSource: true,
        label: true,
        statusReason: true,
        lastSuccessAt: true,
      },
    }),
    db.stopFlag.findMany({
      // In force only: a cleared or expired flag stops nothing (ADR 023), wherever the facts are used.
      where: {
        clearedAt: null,
        AND: [
          { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
          { OR: [{ accountId: { in: accountIds } }, { accountId: null, debtorId: { in: debtorIds } }] },
        ],
      },
      orderBy: [{ setAt: 'desc' }, { id: 'asc' }],
      select: { id: true, accountId: true, debtorId: true, type: true, reason: true, setAt: true, expiresAt: true },
    }),
    db.contactAttempt.findMany({
      where: { accountId: { in: accountIds }, startedAt: { gte: since } },
      select: {
        accountId: true,
        startedAt: true,
        channel: true,
        direction: true,
        contactPointId: true,
        partyReached: true,
        disposition: true,
        customerRequested: true,
      },
    }),
    db.callback.findMany({
      where: { accountId: { in: accountIds }, status: 'pending' },
      orderBy: { dueAt: 'asc' },
      select: { id: true, accountId: true, dueAt: true, requestedByCustomer: true, createdAt: true },
    }),
  ]);
  return assembleGateFacts({ accounts, profiles, points, flags, attempts, callbacks });
}

/** The rows the gate's facts are made of, as read by `loadFacts` or by a caller's own statement (outcome recording). */
export interface GateFactRows {
  accounts: {
    id: string;
    debtorId: string;
    complianceProfile: ProfileCode;
    timeZone: string;
    inconvenientTimes: unknown;
  }[];
  profiles: Record<ProfileCode, ComplianceProfilePolicy>;
  points: (Omit<GateFactsContactPoint, 'timeZones'> & { debtorId: string; timeZones: string[] })[];
  flags: {
    id: string;
    accountId: string | null;
    debtorId: string;
    type: GateFactsStopFlag['type'];
    reason: string;
    setAt: Date;
    expiresAt: Date | null;
  }[];
  attempts: (Omit<GateAttempt, 'at'> & { accountId: string; startedAt: Date })[];
  /** Pending callbacks, earliest due first. */
  callbacks: { id: string; accountId: string; dueAt: Date; requestedByCustomer: boolean; createdAt: Date }[];
}

/** The gate's facts of each account from their rows: the one assembly every reader shares. */
export function assembleGateFacts({ accounts, profiles, points, flags, attempts, callbacks }: GateFactRows) {
  const pointsByDebtor = groupBy(points, (p) => p.debtorId);
  const accountFlags = groupBy(
    flags.filter((f) => f.accountId !== null),
    (f) => f.accountId,
  );
  const debtorFlags = groupBy(
    flags.filter((f) => f.accountId === null),
    (f) => f.debtorId,
  );
  const attemptsByAccount = groupBy(attempts, (t) => t.accountId);
  const callbackByAccount = new Map<string, (typeof callbacks)[number]>();
  for (const c of callbacks) if (!callbackByAccount.has(c.accountId)) callbackByAccount.set(c.accountId, c);

  const facts = new Map<string, GateFacts>();
  for (const a of accounts) {
    facts.set(
      a.id,
      gateFactsOf({
        account: a,
        profiles,
        contactPoints: pointsByDebtor.get(a.debtorId) ?? [],
        stopFlags: [...(accountFlags.get(a.id) ?? []), ...(debtorFlags.get(a.debtorId) ?? [])],
        attempts: attemptsByAccount.get(a.id) ?? [],
        callback: callbackByAccount.get(a.id),
      }),
    );
  }
  return facts;
}

/**
 * One account's gate facts from its rows: the one assembly of `loadGateFacts` and of the case
 * file's single statement (ADR 047), so both hand the gate the same facts. `stopFlags`: the flags
 * in force on the account and the customer's own; `attempts`: the account's since the look-back.
 */
export function gateFactsOf(rows: {
  account: {
    id: string;
    debtorId: string;
    complianceProfile: ProfileCode;
    timeZone: string;
    inconvenientTimes: unknown;
  };
  profiles: Record<ProfileCode, ComplianceProfilePolicy>;
  contactPoints: GateFactsContactPoint[];
  stopFlags: (GateFactsStopFlag & { debtorId: string })[];
  attempts: (Omit<GateAttempt, 'at'> & { startedAt: Date })[];
  callback: { id: string; dueAt: Date; requestedByCustomer: boolean; createdAt: Date } | undefined;
}): GateFacts {
  const { account: a, contactPoints, callback } = rows;
  return {
    debtorId: a.debtorId,
    customerTimeZone: a.timeZone,
    knownZones: knownZones(a.timeZone, contactPoints),
    profile: rows.profiles[a.complianceProfile],
    contactPoints,
    stopFlags: [...rows.stopFlags].sort((x, y) => y.setAt.getTime() - x.setAt.getTime() || x.id.localeCompare(y.id)),
    attempts: rows.attempts.map((t) => ({ ...t, at: t.startedAt })),
    callback: callback
      ? {
          id: callback.id,
          dueAt: callback.dueAt,
          requestedByCustomer: callback.requestedByCustomer,
          requestedAt: callback.createdAt,
        }
      : null,
    inconvenientTimes: inconvenientTimesOf(a.inconvenientTimes),
  };
}

/**
 * One account's gate facts as columns of a statement that does something else with the account
 * (worklist.leaseTop: the claim returns the facts the gate re-checks, no second round trip). `a`
 * and `d` name the account's and its customer's rows in that statement; the same facts as
 * `loadGateFacts`, with the account's attempts since `since` (`oneAccountFactsOf` says when a
 * compliance profile in force needs more, and the caller reads again from further back).
 */
export function oneAccountFactsSql(now: Date, since: Date): Prisma.Sql {
  return Prisma.sql`a.compliance_profile::text AS facts_profile, d.time_zone AS facts_time_zone,
    d.inconvenient_times AS facts_inconvenient_times,
    ${complianceProfileRowsJsonSql} AS facts_profiles,
    (SELECT COALESCE(json_agg(json_build_object(
        'id', cp.id, 'debtorId', cp.debtor_id, 'value', cp.value, 'source', cp.source, 'kind', cp.kind,
        'type', cp.type, 'status', cp.status, 'optedOut', cp.opted_out, 'optedOutChannels', cp.opted_out_channels,
        'workInconvenient', cp.work_inconvenient, 'timeZones', cp.time_zones, 'zoneSource', cp.zone_source,
        'label', cp.label, 'statusReason', cp.status_reason, 'lastSuccessAt', cp.last_success_at)
      ORDER BY cp.kind, cp.type, cp.id), '[]'::json)
     FROM contact_points cp WHERE cp.debtor_id = d.id) AS facts_points,
    (SELECT COALESCE(json_agg(json_build_object(
        'id', f.id, 'accountId', f.account_id, 'debtorId', f.debtor_id, 'type', f.type, 'reason', f.reason,
        'setAt', f.set_at, 'expiresAt', f.expires_at)), '[]'::json)
     FROM stop_flags f
     WHERE f.cleared_at IS NULL AND (f.expires_at IS NULL OR f.expires_at > ${now})
       AND (f.account_id = a.id OR (f.account_id IS NULL AND f.debtor_id = d.id))) AS facts_flags,
    (SELECT COALESCE(json_agg(json_build_object(
        'accountId', t.account_id, 'startedAt', t.started_at, 'channel', t.channel, 'direction', t.direction,
        'contactPointId', t.contact_point_id, 'partyReached', t.party_reached, 'disposition', t.disposition,
        'customerRequested', t.customer_requested)), '[]'::json)
     FROM contact_attempts t WHERE t.account_id = a.id AND t.started_at >= ${since}) AS facts_attempts,
    (SELECT json_build_object('id', c.id, 'dueAt', c.due_at, 'requestedByCustomer', c.requested_by_customer,
                              'createdAt', c.created_at)
     FROM callbacks c WHERE c.account_id = a.id AND c.status = 'pending' ORDER BY c.due_at LIMIT 1) AS facts_callback`;
}

/** The columns `oneAccountFactsSql` adds to a row. */
export interface OneAccountFactsColumns {
  facts_profile: ProfileCode;
  facts_time_zone: string;
  facts_inconvenient_times: unknown;
  facts_profiles: { key: string; version: number; data: unknown }[];
  facts_points: (Omit<GateFactsContactPoint, 'lastSuccessAt'> & { lastSuccessAt: string | null })[];
  facts_flags: (Omit<GateFactsStopFlag, 'setAt' | 'expiresAt'> & {
    debtorId: string;
    setAt: string;
    expiresAt: string | null;
  })[];
  facts_attempts: (Omit<GateAttempt, 'at'> & { accountId: string; startedAt: string })[];
  facts_callback: { id: string; dueAt: string; requestedByCustomer: boolean; createdAt: string } | null;
}

const date = (s: string) => new Date(s);
const dateOrNull = (s: string | null) => (s === null ? null : new Date(s));

/**
 * The account's gate facts from the columns of `oneAccountFactsSql` read with attempts since
 * `since`; or, when a compliance profile in force looks further back than that, how many days to
 * read instead (the attempts read may miss one that counts).
 */
export function oneAccountFactsOf(
  accountId: string,
  debtorId: string,
  row: OneAccountFactsColumns,
  now: Date,
  since: Date,
): { facts: GateFacts } | { readDays: number } {
  const profiles = complianceProfilesOf(row.facts_profiles);
  const needed = gateLookbackStart(now, Object.values(profiles));
  if (needed.getTime() < since.getTime()) return { readDays: gateLookbackDays(Object.values(profiles)) };
  return {
    facts: gateFactsOf({
      account: {
        id: accountId,
        debtorId,
        complianceProfile: row.facts_profile,
        timeZone: row.facts_time_zone,
        inconvenientTimes: row.facts_inconvenient_times,
      },
      profiles,
      contactPoints: row.facts_points.map((p) => ({ ...p, lastSuccessAt: dateOrNull(p.lastSuccessAt) })),
      stopFlags: row.facts_flags.map((f) => ({ ...f, setAt: date(f.setAt), expiresAt: dateOrNull(f.expiresAt) })),
      // As loadGateFacts reads them: since the look-back start of the profiles in force.
      attempts: row.facts_attempts
        .map((t) => ({ ...t, startedAt: date(t.startedAt) }))
        .filter((t) => t.startedAt.getTime() >= needed.getTime()),
      callback: row.facts_callback
        ? {
            ...row.facts_callback,
            dueAt: date(row.facts_callback.dueAt),
            createdAt: date(row.facts_callback.createdAt),
          }
        : undefined,
    }),
  };
}
