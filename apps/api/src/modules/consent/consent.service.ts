import type {
  ContactPointConsent,
  ContactPointConsentBody,
  CustomerPreferences,
  CustomerPreferencesBody,
  InboundSmsBody,
  InboundSmsResponse,
  SessionUser,
  ThirdPartyConsent,
  ThirdPartyConsentBody,
} from '@crm/contracts';
import { isSmsStopReply, phoneDigits } from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import type { Tx, UnitOfWork } from '../../lib/transaction.js';
import type { AccountAccess } from '../accounts/account-access.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { lockAccountForWrite } from '../compliance/account-lock.js';
import type { GateFactsRepository } from '../compliance/gate-facts.repository.js';
import type { ConsentRepository } from './consent.repository.js';

export interface ConsentServiceDeps {
  consent: ConsentRepository;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  access: AccountAccess;
  gateFacts: Pick<GateFactsRepository, 'lock'>;
  clock: Clock;
  /** Told after a change (the queue drops its snapshots: a verdict may have changed). */
  /** In the change's transaction, after its writes (the worklist's epoch, ADR 041). */
  onChanged?: (tx: Tx) => Promise<void>;
}

export type ConsentService = ReturnType<typeof createConsentService>;

const consentOf = (p: {
  id: string;
  optedOut: boolean;
  optedOutChannels: ContactPointConsent['optedOutChannels'];
  workInconvenient: boolean;
}): ContactPointConsent => ({
  contactPointId: p.id,
  optedOut: p.optedOut,
  optedOutChannels: [...p.optedOutChannels].sort(),
  workInconvenient: p.workInconvenient,
});

/**
 * Consent and preferences (compliance.md): recorded by collectors from what the customer said, or
 * by the messaging provider's STOP reply; each change is written under the contact gate's locks
 * (the customer's, then the account's), so a contact being decided at the same moment sees it or
 * is decided before it, and audited in the same transaction with what it was and what it became.
 */
export function createConsentService({ consent, uow, audit, access, gateFacts, clock, onChanged }: ConsentServiceDeps) {
  /** Opens the account for this user, locks as the gate does, and returns the customer. */
  async function lockedCustomer(user: SessionUser, accountId: string, tx: Parameters<Parameters<UnitOfWork>[0]>[0]) {
    await lockAccountForWrite({ access, gateFacts, clock }, tx, user, accountId);
    const debtorId = await consent.debtorOf(tx, accountId);
    if (!debtorId) throw new NotFoundError('No such account.');
    return debtorId;
  }

  return {
    /** A number's or an address's opt-outs and "work is inconvenient", as the customer stated them. */
    async setContactPointConsent(
      user: SessionUser,
      accountId: string,
      pointId: string,
      body: ContactPointConsentBody,
      requestId: string,
    ): Promise<ContactPointConsent> {
      const result = await uow(async (tx) => {
        const debtorId = await lockedCustomer(user, accountId, tx);
        const point = await consent.contactPoint(tx, pointId);
        if (!point || point.debtorId !== debtorId)
          throw new NotFoundError("No such contact point of this account's customer.");
        if (body.workInconvenient === true && point.type !== 'work')
          throw new BadRequestError('Invalid body: workInconvenient is only recorded on a work number', [
            { field: 'workInconvenient', message: 'is only recorded on a work number' },
          ]);
        const before = consentOf(point);
        const anyOptOut = body.optedOut || body.optedOutChannels.length > 0;
        const saved = await consent.updateContactPoint(tx, pointId, {
          optedOut: body.optedOut,
          optedOutChannels: body.optedOutChannels,
          workInconvenient: body.workInconvenient,
          optedOutAt: anyOptOut ? clock.now() : null,
        });
        const after = consentOf(saved);
        await audit.record(
          {
            actorId: user.id,
            action: 'consent.contact_point',
            entityType: 'contact_point',
            entityId: pointId,
            requestId,
            accountIds: [accountId],
            data: { before, after, note: body.note },
          },
          tx,
        );
        await onChanged?.(tx);
        return after;
      });
      return result;
    },

    /** A third party's do-not-contact (they asked not to be contacted again) and "asked for more contact". */
    async setThirdPartyConsent(
      user: SessionUser,
      accountId: string,
      thirdPartyId: string,
      body: ThirdPartyConsentBody,
      requestId: string,
    ): Promise<ThirdPartyConsent> {
      const result = await uow(async (tx) => {
        const debtorId = await lockedCustomer(user, accountId, tx);
        const tp = await consent.thirdParty(tx, thirdPartyId);
        if (!tp || tp.debtorId !== debtorId) throw new NotFoundError("No such third party of this account's customer.");
        const saved = await consent.updateThirdParty(tx, thirdPartyId, {
          doNotContact: body.doNotContact,
          doNotContactAt: body.doNotContact ? (tp.doNotContactAt ?? clock.now()) : null,
          moreContactRequested: body.moreContactRequested,
        });
        const before = { doNotContact: tp.doNotContact, moreContactRequested: tp.moreContactRequested };
        const after = { doNotContact: saved.doNotContact, moreContactRequested: saved.moreContactRequested };
        await audit.record(
          {
            actorId: user.id,
            action: 'consent.third_party',
            entityType: 'third_party',
            entityId: thirdPartyId,
            requestId,
            accountIds: [accountId],
            data: { before, after, note: body.note },
          },
          tx,
        );
        await onChanged?.(tx);
        return { thirdPartyId, ...after };
      });
      return result;
    },

    /** The customer's preferred channel and time and the times they said are inconvenient (replaced as a whole). */
    async setPreferences(
      user: SessionUser,
      accountId: string,
      body: CustomerPreferencesBody,
      requestId: string,
    ): Promise<CustomerPreferences> {
      const { note, ...preferences } = body;
      const result = await uow(async (tx) => {
        const debtorId = await lockedCustomer(user, accountId, tx);
        const before = await consent.preferences(tx, debtorId);
        await consent.setPreferences(tx, debtorId, preferences);
        await audit.record(
          {
            actorId: user.id,
            action: 'consent.preferences',
            entityType: 'debtor',
            entityId: debtorId,
            requestId,
            accountIds: [accountId],
            data: { before, after: preferences, note },
          },
          tx,
        );
        await onChanged?.(tx);
        return preferences;
      });
      return result;
    },

    /**
     * An SMS from a customer, forwarded by the messaging provider: a STOP reply opts every number
     * of ours with the sender's digits out of SMS (calls stay allowed), audited per number.
     */
    async inboundSms(user: SessionUser, body: InboundSmsBody, requestId: string): Promise<InboundSmsResponse> {
      if (!isSmsStopReply(body.body)) return { stop: false, optedOut: 0 };
      const digits = phoneDigits(body.from);
      const changed = await uow(async (tx) => {
        const rows = await consent.optOutSmsByDigits(tx, digits);
        for (const row of rows)
          await audit.record(
            {
              actorId: user.id,
              action: 'consent.sms_stop',
              entityType: 'contact_point',
              entityId: row.id,
              requestId,
              data: { debtorId: row.debtorId, providerMessageId: body.providerMessageId ?? null, channel: 'sms' },
            },
            tx,
          );
        if (rows.length > 0) await onChanged?.(tx);
        return rows.length;
      });
      return { stop: true, optedOut: changed };
    },
  };
}
