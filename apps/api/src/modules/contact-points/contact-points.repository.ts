import type {
  ContactPointKindCode,
  ContactPointStatusCode,
  ContactPointTypeCode,
  ZoneSourceCode,
} from '@crm/contracts';
import type { Tx } from '../../lib/transaction.js';

export type ContactPointsRepository = ReturnType<typeof createContactPointsRepository>;

const POINT = {
  id: true,
  debtorId: true,
  kind: true,
  type: true,
  value: true,
  label: true,
  country: true,
  postalCode: true,
  region: true,
  status: true,
  statusReason: true,
  timeZones: true,
  zoneSource: true,
  source: true,
} as const;

export interface NewContactPointRow {
  debtorId: string;
  kind: ContactPointKindCode;
  type: ContactPointTypeCode;
  value: string;
  label: string | null;
  country: string | null;
  postalCode: string | null;
  region: string | null;
  timeZones: string[];
  zoneSource: ZoneSourceCode | null;
  status: ContactPointStatusCode;
  source: string;
}

/** Contact points added and edited by hand. Reads and writes go through the service's transaction (under the gate's locks). */
export function createContactPointsRepository() {
  return {
    /** The account's customer and profile, read through the transaction holding the gate's locks. */
    account: (tx: Tx, accountId: string) =>
      tx.account.findUnique({ where: { id: accountId }, select: { debtorId: true, complianceProfile: true } }),
    /** Every contact point of the customer (duplicates are found among them). */
    pointsOf: (tx: Tx, debtorId: string) =>
      tx.contactPoint.findMany({ where: { debtorId }, select: POINT, orderBy: { createdAt: 'asc' } }),
    /** The customer's third parties' numbers (a number of theirs is not the customer's). */
    thirdPartyPhones: (tx: Tx, debtorId: string) =>
      tx.thirdParty.findMany({
        where: { debtorId, phone: { not: null } },
        select: { id: true, name: true, phone: true },
      }),
    point: (tx: Tx, id: string) => tx.contactPoint.findUnique({ where: { id }, select: POINT }),
    create: (tx: Tx, row: NewContactPointRow) => tx.contactPoint.create({ data: row, select: POINT }),
    update: (
      tx: Tx,
      id: string,
      data: Partial<{
        type: ContactPointTypeCode;
        label: string | null;
        status: ContactPointStatusCode;
        statusReason: string | null;
        timeZones: string[];
        zoneSource: ZoneSourceCode | null;
      }>,
    ) => tx.contactPoint.update({ where: { id }, data, select: POINT }),
  };
}
