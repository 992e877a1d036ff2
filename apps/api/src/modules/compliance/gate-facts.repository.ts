import type { Db } from '@crm/db';
import {
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
import { readComplianceProfiles, type ProfileCode } from '../policies/policies.repository.js';

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
