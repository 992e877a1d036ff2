import {
  canContact,
  type ComplianceProfilePolicy,
  type ContactChannel,
  type ContactGateVerdict,
  type GateContactPoint,
  type GateThirdParty,
} from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { NotFoundError } from '../../lib/errors.js';
import type { Tx, UnitOfWork } from '../../lib/transaction.js';
import type { GateFacts, GateFactsRepository, ThirdPartyFacts } from './gate-facts.repository.js';
import { gateInputOf, thirdPartyVerdict } from './gate-input.js';

export interface ContactGateDeps {
  uow: UnitOfWork;
  gateFacts: Pick<GateFactsRepository, 'lock' | 'loadLocked' | 'thirdPartiesLocked'>;
  clock: Clock;
}

interface GateContact {
  channel: ContactChannel;
  profile: ComplianceProfilePolicy;
  contactPoint: GateContactPoint | null;
}

/** What a caller of the gate gets inside the locked transaction. */
export interface LockedContactGate {
  /** The transaction holding the lock: write the contact through it. */
  tx: Tx;
  /** The clock read once the lock was held: the instant of the decision and of the contact. */
  now: Date;
  /** The gate's facts, read under the lock. */
  facts: GateFacts;
  /** The gate's verdict on these facts for one contact now. */
  verdict(contact: GateContact): ContactGateVerdict;
  /** The customer's third parties and latest attempts, read under the lock (for a call to a third party). */
  thirdParties(): Promise<ThirdPartyFacts>;
  /** The third-party gate's verdict on calling this third party now (facts from `thirdParties()`). */
  thirdPartyVerdict(tp: ThirdPartyFacts, thirdParty: GateThirdParty): ContactGateVerdict;
}

/** The same for several accounts locked and read at once (the reminder sender's batch). */
export interface LockedContactGates {
  tx: Tx;
  now: Date;
  /** The facts of each account that exists, by account id. */
  facts: Map<string, GateFacts>;
  /** The gate's verdict for one contact now with the customer of one of these accounts. */
  verdict(accountId: string, contact: GateContact): ContactGateVerdict;
}

export type ContactGate = ReturnType<typeof createContactGate>;

const decide = (now: Date, facts: GateFacts, { channel, profile, contactPoint }: GateContact) =>
  canContact({ ...gateInputOf(facts, now), channel, profile, contactPoint });

/**
 * The one way an outbound contact is decided and recorded (ADR 009): inside one transaction that
 * holds the customer's and the account's locks, the gate's facts are read, the verdict is
 * decided, and the caller writes what it did before the locks are released. Two contacts with
 * the same person (a call and a reminder, two collectors, a retried request) are therefore
 * decided one after the other, each on facts that include the other: caps and the quiet period
 * cannot be passed by doing things at the same moment. Outcome recording and the reminder
 * sender use it; a new channel must too.
 */
export function createContactGate({ uow, gateFacts, clock }: ContactGateDeps) {
  /** Locks, then reads the clock and the facts through the transaction. */
  async function lockAndLoad(tx: Tx, accountIds: string[]) {
    const existing = await gateFacts.lock(tx, accountIds);
    // Read after the lock: every contact recorded before it was granted is in the past of `now`.
    const now = clock.now();
    const facts = await gateFacts.loadLocked(tx, existing, now);
    return { now, facts };
  }

  return {
    async withAccount<T>(accountId: string, work: (gate: LockedContactGate) => Promise<T>): Promise<T> {
      return uow(async (tx) => {
        const { now, facts: all } = await lockAndLoad(tx, [accountId]);
        const facts = all.get(accountId);
        if (!facts) throw new NotFoundError('No such account.');
        return work({
          tx,
          now,
          facts,
          verdict: (contact) => decide(now, facts, contact),
          thirdParties: () => gateFacts.thirdPartiesLocked(tx, facts.debtorId),
          thirdPartyVerdict: (tp, thirdParty) => thirdPartyVerdict(facts, tp, thirdParty, now),
        });
      });
    },

    /**
     * `withAccount` for a caller that reads the gate's facts together with its own in one
     * statement (outcome recording, ADR 048): `lock` takes the same locks as the gate's (the
     * customer, then the account, then any names) and says whether the account exists; the clock
     * is read once they are held; `load` then reads, through the transaction and in a statement
     * of its own (a fresh snapshot that sees every contact committed before the locks were
     * granted), the facts and whatever else the caller needs. 404 when there is no account.
     */
    async withAccountLoaded<T, X>(
      io: {
        lock: (tx: Tx) => Promise<boolean>;
        load: (tx: Tx, now: Date) => Promise<{ facts: GateFacts | null; extra: X }>;
      },
      work: (gate: LockedContactGate & { extra: X }) => Promise<T>,
    ): Promise<T> {
      return uow(async (tx) => {
        const exists = await io.lock(tx);
        const now = clock.now();
        const { facts, extra } = await io.load(tx, now);
        if (!exists || !facts) throw new NotFoundError('No such account.');
        return work({
          tx,
          now,
          facts,
          extra,
          verdict: (contact) => decide(now, facts, contact),
          thirdParties: () => gateFacts.thirdPartiesLocked(tx, facts.debtorId),
          thirdPartyVerdict: (tp, thirdParty) => thirdPartyVerdict(facts, tp, thirdParty, now),
        });
      });
    },

    /**
     * Several accounts in one transaction: their customers and then the accounts are locked in id
     * order, and the facts of all are read in the loader's fixed number of queries, so a batch
     * costs the same number of statements however many accounts it holds. Accounts that do not
     * exist are absent from `facts`.
     */
    async withAccounts<T>(accountIds: string[], work: (gate: LockedContactGates) => Promise<T>): Promise<T> {
      return uow(async (tx) => {
        const { now, facts } = await lockAndLoad(tx, accountIds);
        return work({
          tx,
          now,
          facts,
          verdict: (accountId, contact) => {
            const f = facts.get(accountId);
            if (!f) throw new NotFoundError('No such account.');
            return decide(now, f, contact);
          },
        });
      });
    },
  };
}
