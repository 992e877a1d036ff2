import { randomUUID } from 'node:crypto';
import type { Db } from '@crm/db';
import type { createFactories } from './factories.js';

/**
 * A small world for tests that call every route as every kind of caller (authorisation matrix,
 * fuzz suite): two teams with a collector and a supervisor each, an admin, a service user, spare
 * users and a spare team that admin writes may change freely, and on team A's account a contact
 * attempt, a phone, a message in the message log. Team A's customer and staff carry unique
 * marker strings, so a response can be searched for data of team A that it must not contain.
 */
export interface ApiWorld {
  teamA: { id: string; name: string };
  teamB: { id: string; name: string };
  spareTeam: { id: string };
  users: {
    collectorA: WorldUser;
    collectorB: WorldUser;
    supervisorA: WorldUser;
    supervisorB: WorldUser;
    admin: WorldUser;
    service: WorldUser;
    /** A collector admin writes may edit, deactivate or reset (never used to sign in). */
    spare: WorldUser;
  };
  accountA: { id: string; externalId: string; contactPointId: string };
  accountB: { id: string; externalId: string };
  contactA: { id: string };
  /** A creditor with no accounts: bulk assignments filtered on it move nothing. */
  spareCreditorId: string;
  scriptId: string;
  scriptVersionId: string;
  objectionId: string;
  objectionVersionId: string;
  /** Strings that identify team A's customer and staff; outsiders must never receive them. */
  markers: string[];
  /** Values for path, query and body fields by name: the ids above, pointing at team A's data. */
  ids: Record<string, string>;
}

export interface WorldUser {
  id: string;
  username: string;
}

export async function createApiWorld(
  db: Db,
  factories: ReturnType<typeof createFactories>,
  now: Date,
): Promise<ApiWorld> {
  const tag = randomUUID().replace(/-/g, '').slice(0, 10);
  const user = async (
    role: 'collector' | 'supervisor' | 'admin' | 'service',
    name: string,
    teamId: string | null = null,
  ): Promise<WorldUser> => {
    const created = await factories.user(role, { username: `${name}-${tag}`, teamId });
    return { id: created.id, username: created.username };
  };

  const supervisorA = await user('supervisor', 'supa');
  const supervisorB = await user('supervisor', 'supb');
  const teamA = await factories.team(`Team Mkr${tag}`, supervisorA.id);
  const teamB = await factories.team(`Team B ${tag}`, supervisorB.id);
  const spareTeam = await factories.team(`Spare ${tag}`);
  const collectorA = await user('collector', `colmkr${tag}`, teamA.id);
  const collectorB = await user('collector', 'colb', teamB.id);
  const admin = await user('admin', 'admin');
  const service = await user('service', 'feed');
  const spare = await user('collector', 'spare', spareTeam.id);

  const creditor = await factories.creditor('US');
  const spareCreditor = await factories.creditor('US');
  const customerName = `Ada Mkr${tag}`;
  const accountA = await factories.account({
    creditorId: creditor.id,
    collectorId: collectorA.id,
    fullName: customerName,
    familyName: `Mkr${tag}`,
  });
  const phone = await factories.contactPoint(accountA.debtorId, {
    value: `+1 646-555-${tag.slice(0, 4).replace(/\D/g, '7').padEnd(4, '7')}`,
  });
  const accountB = await factories.account({ creditorId: creditor.id, collectorId: collectorB.id, withPhone: true });

  const contactA = await db.contactAttempt.create({
    data: {
      accountId: accountA.id,
      debtorId: accountA.debtorId,
      collectorId: collectorA.id,
      channel: 'phone',
      contactPointId: phone.id,
      partyReached: 'debtor',
      disposition: 'right_party_contact',
      notes: `Spoke with ${customerName}`,
      startedAt: new Date(now.getTime() - 86_400_000),
      stage: 'm1',
    },
  });
  await db.contactAttempt.create({
    data: {
      accountId: accountB.id,
      debtorId: accountB.debtorId,
      collectorId: collectorB.id,
      channel: 'phone',
      partyReached: 'nobody',
      disposition: 'no_answer',
      startedAt: new Date(now.getTime() - 86_400_000),
      stage: 'm1',
    },
  });
  const outbox = await db.outboxMessage.create({
    data: {
      accountId: accountA.id,
      kind: 'promise_due',
      channel: 'sms',
      contactPointId: phone.id,
      recipient: phone.value,
      locale: 'en',
      body: `Dear ${customerName}, a reminder.`,
      sendAfter: now,
      status: 'sent',
      sentAt: now,
    },
  });
  await db.messageLog.create({
    data: {
      outboxId: outbox.id,
      channel: 'sms',
      recipient: phone.value,
      body: `Dear ${customerName}, a reminder.`,
      at: now,
    },
  });

  const version = await db.scriptVersion.findFirstOrThrow({
    where: { status: 'published' },
    select: { id: true, scriptId: true },
  });
  const objection = await db.objectionAnswerVersion.findFirstOrThrow({ select: { id: true, objectionId: true } });

  return {
    teamA: { id: teamA.id, name: teamA.name },
    teamB: { id: teamB.id, name: teamB.name },
    spareTeam: { id: spareTeam.id },
    users: { collectorA, collectorB, supervisorA, supervisorB, admin, service, spare },
    accountA: { id: accountA.id, externalId: accountA.externalId, contactPointId: phone.id },
    accountB: { id: accountB.id, externalId: accountB.externalId },
    contactA: { id: contactA.id },
    spareCreditorId: spareCreditor.id,
    scriptId: version.scriptId,
    scriptVersionId: version.id,
    objectionId: objection.objectionId,
    objectionVersionId: objection.id,
    markers: [`Mkr${tag}`, accountA.externalId, phone.value, collectorA.username],
    ids: {
      id: accountA.id,
      accountId: accountA.id,
      account: accountA.externalId,
      contactId: contactA.id,
      contactPointId: phone.id,
      collectorId: collectorA.id,
      teamId: teamA.id,
      supervisorId: supervisorA.id,
      userId: spare.id,
      creditorId: spareCreditor.id,
      scriptId: version.scriptId,
      versionId: version.id,
      fromVersionId: version.id,
      scriptVersionId: version.id,
      objectionId: objection.objectionId,
      kind: 'compliance_profile',
      key: 'US',
    },
  };
}

/**
 * Field values by name for one route: team A's data, except where a write could change the
 * world under other tests (a team edit goes to the spare team) or a name means something else
 * on that route (an objection's versionId).
 */
export function worldIds(world: ApiWorld, path: string): Record<string, string> {
  // `kind` names a policy kind on /policies only; elsewhere (a contact point's kind, a reservation
  // release's kind) the field is its own and its schema's values are used.
  const { kind, ...ids } = world.ids;
  return {
    ...ids,
    ...(path.includes('/policies') ? { kind } : {}),
    ...(path.includes('/teams/') ? { teamId: world.spareTeam.id } : {}),
    ...(path.includes('/objections/') ? { versionId: world.objectionVersionId } : {}),
  };
}
