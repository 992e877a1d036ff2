import type {
  ContactPointRecordDto,
  NewContactPointBody,
  SessionUser,
  UpdateContactPointBody,
  ZoneSourceCode,
} from '@crm/contracts';
import { canonicalZone, deriveZones, normalisePhoneNumber, PROFILE_COUNTRY } from '@crm/zones';
import type { Clock } from '../../lib/clock.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import type { Tx, UnitOfWork } from '../../lib/transaction.js';
import type { AccountAccess } from '../accounts/account-access.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { lockAccountForWrite } from '../compliance/account-lock.js';
import type { GateFactsRepository } from '../compliance/gate-facts.repository.js';
import type { ContactPointsRepository } from './contact-points.repository.js';

export interface ContactPointsServiceDeps {
  contactPoints: ContactPointsRepository;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  access: AccountAccess;
  gateFacts: Pick<GateFactsRepository, 'lock'>;
  clock: Clock;
  /** Told after a change (the queue drops its snapshots: a zone or a number's status changes verdicts). */
  /** In the change's transaction, after its writes (the worklist's epoch, ADR 041). */
  onChanged?: (tx: Tx) => Promise<void>;
}

export type ContactPointsService = ReturnType<typeof createContactPointsService>;

type StoredPoint = NonNullable<Awaited<ReturnType<ContactPointsRepository['point']>>>;

const dtoOf = (p: StoredPoint): ContactPointRecordDto => ({
  id: p.id,
  kind: p.kind,
  type: p.type,
  label: p.label,
  country: p.country,
  region: p.region,
  status: p.status,
  statusReason: p.statusReason,
  timeZones: p.timeZones,
  zoneSource: p.zoneSource,
  source: p.source,
});

/**
 * A contact point's zones, derived exactly as on import (@crm/zones: the number's country and
 * area code, the address's country, ZIP or state). A zone the customer stated joins them with
 * source `collector`: it never replaces them, so the calling window can only become stricter
 * (a Honolulu number said to be "with me in New York" keeps Honolulu; Reg F 1006.6(b)(1)(i)).
 */
function zonesOf(
  point: {
    kind: 'phone' | 'email' | 'address';
    value: string;
    country: string | null;
    postalCode: string | null;
    region: string | null;
  },
  defaultCountry: string | null,
  statedZone: string | null,
): { timeZones: string[]; zoneSource: ZoneSourceCode | null } {
  const derived = deriveZones({ ...point, defaultCountry });
  if (!statedZone) return derived;
  return { timeZones: [...new Set([canonicalZone(statedZone), ...derived.timeZones])], zoneSource: 'collector' };
}

const sameText = (a: string, b: string) =>
  a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Contact points a collector adds or edits by hand: a number or address learned in a call, a
 * label, the zone the customer stated, a number marked invalid with a reason. Each write holds the
 * contact gate's locks (the customer's, then the account's), so a contact decided at the same
 * moment sees the new zones or is decided before them, and is audited in the same transaction.
 */
export function createContactPointsService({
  contactPoints,
  uow,
  audit,
  access,
  gateFacts,
  clock,
  onChanged,
}: ContactPointsServiceDeps) {
  /** Opens the account for this user, locks as the gate does, and returns its customer and profile country. */
  async function locked(user: SessionUser, accountId: string, tx: Tx) {
    await lockAccountForWrite({ access, gateFacts, clock }, tx, user, accountId);
    const account = await contactPoints.account(tx, accountId);
    if (!account) throw new NotFoundError('No such account.');
    return { debtorId: account.debtorId, profileCountry: PROFILE_COUNTRY[account.complianceProfile] ?? null };
  }

  return {
    async add(user: SessionUser, accountId: string, body: NewContactPointBody, requestId: string) {
      const result = await uow(async (tx) => {
        const { debtorId, profileCountry } = await locked(user, accountId, tx);
        const defaultCountry = (body.kind === 'email' ? null : body.country) ?? profileCountry;
        const existing = await contactPoints.pointsOf(tx, debtorId);
        let value = body.value;
        if (body.kind === 'phone') {
          const phone = normalisePhoneNumber(body.value, defaultCountry);
          if (!phone)
            throw new BadRequestError('Invalid body: value is not a phone number', [
              {
                field: 'value',
                message: `must be a phone number: with its country code (+1 808 555 0117) or a national number of ${defaultCountry ?? 'the account'}`,
              },
            ]);
          value = phone.international;
          const same = existing.find(
            (p) => p.kind === 'phone' && normalisePhoneNumber(p.value, profileCountry)?.e164 === phone.e164,
          );
          if (same)
            throw new ConflictError("This number is already one of the customer's.", [
              { field: 'value', message: `is already one of this customer's numbers (${same.type}, ${same.status})` },
            ]);
          const thirdParty = (await contactPoints.thirdPartyPhones(tx, debtorId)).find(
            (tp) => normalisePhoneNumber(tp.phone!, profileCountry)?.e164 === phone.e164,
          );
          if (thirdParty)
            throw new ConflictError("This number is a third party's, not the customer's.", [
              {
                field: 'value',
                message:
                  "is the number of one of this customer's third parties: record a call to them as a third-party call",
              },
            ]);
        } else {
          const same = existing.find(
            (p) =>
              p.kind === body.kind &&
              sameText(p.value, body.value) &&
              (p.postalCode ?? '') === ((body.kind === 'address' && body.postalCode) || ''),
          );
          if (same)
            throw new ConflictError(
              `This ${body.kind === 'email' ? 'e-mail address' : 'address'} is already the customer's.`,
              [
                {
                  field: 'value',
                  message: `is already one of this customer's ${body.kind === 'email' ? 'e-mail addresses' : 'addresses'}`,
                },
              ],
            );
        }
        const point = {
          kind: body.kind,
          value,
          country: body.kind === 'address' ? body.country : null,
          postalCode: body.kind === 'address' ? (body.postalCode ?? null) : null,
          region: body.kind === 'address' ? (body.region?.toUpperCase() ?? null) : null,
        };
        const created = await contactPoints.create(tx, {
          debtorId,
          type: body.type,
          ...point,
          ...zonesOf(point, defaultCountry, body.timeZone ?? null),
          label: body.label || null,
          status: 'unverified',
          source: 'collector',
        });
        const dto = dtoOf(created);
        await audit.record(
          {
            actorId: user.id,
            action: 'contact_point.added',
            entityType: 'contact_point',
            entityId: created.id,
            requestId,
            accountIds: [accountId],
            data: { after: dto, statedTimeZone: body.timeZone ?? null, note: body.note ?? null },
          },
          tx,
        );
        await onChanged?.(tx);
        return dto;
      });
      return result;
    },

    async update(
      user: SessionUser,
      accountId: string,
      pointId: string,
      body: UpdateContactPointBody,
      requestId: string,
    ) {
      const result = await uow(async (tx) => {
        const { debtorId, profileCountry } = await locked(user, accountId, tx);
        const point = await contactPoints.point(tx, pointId);
        if (!point || point.debtorId !== debtorId)
          throw new NotFoundError("No such contact point of this account's customer.");
        const changes: Parameters<ContactPointsRepository['update']>[2] = {};
        if (body.type !== undefined) changes.type = body.type;
        if (body.label !== undefined) changes.label = body.label || null;
        if (body.status !== undefined) {
          changes.status = body.status;
          changes.statusReason = body.status === 'invalid' ? (body.reason ?? null) : null;
        }
        // A stated zone joins the derived ones; null goes back to the derived ones alone.
        if (body.timeZone !== undefined)
          Object.assign(changes, zonesOf(point, point.country ?? profileCountry, body.timeZone));
        const saved = await contactPoints.update(tx, pointId, changes);
        const before = dtoOf(point);
        const after = dtoOf(saved);
        await audit.record(
          {
            actorId: user.id,
            action: 'contact_point.updated',
            entityType: 'contact_point',
            entityId: pointId,
            requestId,
            accountIds: [accountId],
            data: { before, after, reason: body.reason ?? null },
          },
          tx,
        );
        await onChanged?.(tx);
        return after;
      });
      return result;
    },
  };
}
