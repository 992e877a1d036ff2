import type { ChannelCode, CustomerPreferences } from '@crm/contracts';
import type { Prisma } from '@crm/db';
import { preferencesOf } from '@crm/domain';
import type { Tx } from '../../lib/transaction.js';

export type ConsentRepository = ReturnType<typeof createConsentRepository>;

const POINT_CONSENT = {
  id: true,
  debtorId: true,
  kind: true,
  type: true,
  optedOut: true,
  optedOutChannels: true,
  workInconvenient: true,
} as const;

/** Consent and preferences as stored: on contact points and on the customer. Writes take the service's transaction. */
export function createConsentRepository() {
  return {
    /** The account's customer, read through the transaction holding the gate's locks. */
    async debtorOf(tx: Tx, accountId: string): Promise<string | null> {
      const account = await tx.account.findUnique({ where: { id: accountId }, select: { debtorId: true } });
      return account?.debtorId ?? null;
    },
    contactPoint: (tx: Tx, id: string) => tx.contactPoint.findUnique({ where: { id }, select: POINT_CONSENT }),
    updateContactPoint(
      tx: Tx,
      id: string,
      data: { optedOut: boolean; optedOutChannels: ChannelCode[]; workInconvenient: boolean; optedOutAt: Date | null },
    ) {
      return tx.contactPoint.update({ where: { id }, data, select: POINT_CONSENT });
    },
    thirdParty: (tx: Tx, id: string) =>
      tx.thirdParty.findUnique({
        where: { id },
        select: { id: true, debtorId: true, doNotContact: true, doNotContactAt: true, moreContactRequested: true },
      }),
    updateThirdParty: (
      tx: Tx,
      id: string,
      data: { doNotContact: boolean; doNotContactAt: Date | null; moreContactRequested: boolean },
    ) =>
      tx.thirdParty.update({
        where: { id },
        data,
        select: { id: true, doNotContact: true, moreContactRequested: true },
      }),
    async preferences(tx: Tx, debtorId: string): Promise<CustomerPreferences> {
      const d = await tx.debtor.findUniqueOrThrow({
        where: { id: debtorId },
        select: { preferredChannel: true, preferredTimeStart: true, preferredTimeEnd: true, inconvenientTimes: true },
      });
      return preferencesOf(d);
    },
    async setPreferences(tx: Tx, debtorId: string, p: CustomerPreferences): Promise<void> {
      await tx.debtor.update({
        where: { id: debtorId },
        data: {
          preferredChannel: p.preferredChannel,
          preferredTimeStart: p.preferredTime?.start ?? null,
          preferredTimeEnd: p.preferredTime?.end ?? null,
          inconvenientTimes: p.inconvenientTimes as unknown as Prisma.InputJsonValue,
        },
      });
    },
    /**
     * Opts every phone number whose digits are these out of SMS (a STOP reply), under their
     * customers' locks; returns the numbers changed with their customers and one of their accounts.
     */
    async optOutSmsByDigits(tx: Tx, digits: string) {
      // Locks the customers first (the gate's lock order: customers, then accounts, in id order).
      await tx.$queryRaw`
        SELECT id FROM debtors WHERE id IN (
          SELECT debtor_id FROM contact_points
          WHERE kind = 'phone' AND regexp_replace(value, '[^0-9]', '', 'g') = ${digits})
        ORDER BY id FOR NO KEY UPDATE`;
      return tx.$queryRaw<{ id: string; debtorId: string }[]>`
        UPDATE contact_points
        SET opted_out_channels = array_append(coalesce(opted_out_channels, '{}'), 'sms'::"Channel")
        WHERE kind = 'phone' AND regexp_replace(value, '[^0-9]', '', 'g') = ${digits}
          AND NOT (coalesce(opted_out_channels, '{}') @> ARRAY['sms'::"Channel"])
        RETURNING id, debtor_id AS "debtorId"`;
    },
  };
}
