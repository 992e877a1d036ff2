import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { wholeQueue } from '../../../test/queue.js';
import { postOutcome } from '../../../test/outcomes.js';

// 10:00 in New York, 05:00 in Honolulu.
const NOW = '2026-11-20T15:00:00Z';
const HONOLULU_OPENS = '2026-11-20T18:00:00.000Z';

type Reason = { code: string };
const codes = (reasons: Reason[]) => reasons.map((r) => r.code);

/**
 * A collector adds a number or an address the customer gave in a call, states the zone the
 * customer said they are in, and marks a wrong number invalid (issue 13; nothing could before:
 * contact points came only from imports). The new zones reach the one gate at once: a Honolulu
 * number added to a New York customer makes the account uncallable at 05:00 Honolulu in the
 * queue, the case file and recording.
 */
describe('contact points added and edited by hand', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session, other: Session, supervisor: Session;
  let collectorId = '';
  let creditorId = '';

  beforeAll(async () => {
    const sup = await t.factories.user('supervisor', { username: 'cp-s' });
    const team = await t.factories.team(undefined, sup.id);
    collectorId = (await t.factories.user('collector', { username: 'cp-c', teamId: team.id })).id;
    await t.factories.user('collector', { username: 'cp-other' });
    creditorId = (await t.factories.creditor('US')).id;
    collector = await t.login('cp-c');
    other = await t.login('cp-other');
    supervisor = await t.login('cp-s');
  });

  /** A customer homed in New York with one New York number. */
  async function newYorker() {
    const a = await t.factories.account({
      creditorId,
      collectorId,
      timeZone: 'America/New_York',
      oldestUnpaidDueDate: '2026-11-01',
    });
    const home = (await t.factories.contactPoint(a.debtorId, { type: 'home', value: '+1 212-555-0190' })).id;
    return { accountId: a.id, debtorId: a.debtorId, home };
  }
  const add = (s: Session, accountId: string, body: Record<string, unknown>) =>
    s.inject({ method: 'POST', url: `/api/accounts/${accountId}/contact-points`, payload: body });
  const patch = (s: Session, accountId: string, pointId: string, body: Record<string, unknown>) =>
    s.inject({ method: 'PATCH', url: `/api/accounts/${accountId}/contact-points/${pointId}`, payload: body });
  const caseFile = async (accountId: string) =>
    (await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).json();
  const inQueue = async (accountId: string) => {
    const q = await wholeQueue(collector);
    const blocked = q.blocked.find((i: { accountId: string }) => i.accountId === accountId);
    return {
      callable: q.items.some((i: { accountId: string }) => i.accountId === accountId),
      reasons: blocked ? codes(blocked.reasons) : [],
      nextAllowedAt: blocked?.nextAllowedAt ?? null,
    };
  };
  const fieldsOf = (res: { json(): { error: { fields?: { field: string }[] } } }) =>
    (res.json().error.fields ?? []).map((f) => f.field);

  it('a Honolulu number added to a New York customer closes the window at 05:00 Honolulu everywhere', async () => {
    const c = await newYorker();
    expect((await inQueue(c.accountId)).callable).toBe(true);

    const res = await add(collector, c.accountId, { kind: 'phone', type: 'work', value: '(808) 555-0117' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'phone',
      type: 'work',
      status: 'unverified',
      timeZones: ['Pacific/Honolulu'],
      zoneSource: 'number',
      source: 'collector',
    });
    const stored = await t.db.contactPoint.findUniqueOrThrow({ where: { id: res.json().id } });
    expect(stored.value).toBe('+1 808 555 0117');

    const file = await caseFile(c.accountId);
    const home = file.contactPoints.find((p: { id: string }) => p.id === c.home);
    expect(home.gate.allowed).toBe(false);
    expect(codes(home.gate.reasons)).toEqual(['outside_calling_window']);
    expect(home.gate.nextAllowedAt).toBe(HONOLULU_OPENS);
    expect(file.customer.zones.find((z: { zone: string }) => z.zone === 'Pacific/Honolulu')).toMatchObject({
      binding: true,
      open: false,
    });
    expect(await inQueue(c.accountId)).toEqual({
      callable: false,
      reasons: ['outside_calling_window'],
      nextAllowedAt: HONOLULU_OPENS,
    });
    const call = await postOutcome(collector, c.accountId, {
      contactPointId: c.home,
      partyReached: 'nobody',
      disposition: 'no_answer',
    });
    expect(call.statusCode).toBe(409);
    expect(codes(call.json().error.reasons)).toEqual(['outside_calling_window']);

    const events = await t.db.auditEvent.findMany({
      where: { action: 'contact_point.added', entityId: res.json().id },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(collectorId);
  });

  it('marking the Honolulu number invalid needs a reason; then its zone no longer counts', async () => {
    const c = await newYorker();
    const added = (
      await add(collector, c.accountId, { kind: 'phone', type: 'mobile', value: '+1 808 555 0142' })
    ).json();
    const noReason = await patch(collector, c.accountId, added.id, { status: 'invalid' });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason)).toEqual(['reason']);

    const res = await patch(collector, c.accountId, added.id, { status: 'invalid', reason: 'wrong number: a bakery' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'invalid', statusReason: 'wrong number: a bakery' });
    const file = await caseFile(c.accountId);
    expect(file.contactPoints.find((p: { id: string }) => p.id === c.home).gate.allowed).toBe(true);
    expect(file.customer.zones.map((z: { zone: string }) => z.zone)).toEqual(['America/New_York']);
    expect((await inQueue(c.accountId)).callable).toBe(true);
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'contact_point.updated', entityId: added.id },
    });
    expect(event.data).toMatchObject({
      before: { status: 'unverified' },
      after: { status: 'invalid', statusReason: 'wrong number: a bakery' },
      reason: 'wrong number: a bakery',
    });
  });

  it('a zone the customer stated joins the derived ones with source collector; null goes back to the derived ones', async () => {
    const c = await newYorker();
    const res = await add(collector, c.accountId, {
      kind: 'phone',
      type: 'mobile',
      value: '+1 212 555 0177',
      label: 'travelling',
      timeZone: 'Pacific/Honolulu',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      label: 'travelling',
      timeZones: ['Pacific/Honolulu', 'America/New_York'],
      zoneSource: 'collector',
    });
    expect((await inQueue(c.accountId)).callable).toBe(false);

    const back = await patch(collector, c.accountId, res.json().id, { timeZone: null, label: null });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ label: null, timeZones: ['America/New_York'], zoneSource: 'number' });
    expect((await inQueue(c.accountId)).callable).toBe(true);
  });

  it('an address takes the zone of its ZIP, an e-mail none', async () => {
    const c = await newYorker();
    const address = await add(collector, c.accountId, {
      kind: 'address',
      type: 'home',
      value: '1 Aloha Tower Dr, Honolulu',
      country: 'US',
      postalCode: '96813',
      region: 'hi',
    });
    expect(address.statusCode, address.body).toBe(201);
    expect(address.json()).toMatchObject({
      country: 'US',
      region: 'HI',
      timeZones: ['Pacific/Honolulu'],
      zoneSource: 'address',
    });
    const email = await add(supervisor, c.accountId, { kind: 'email', type: 'other', value: 'ana@example.com' });
    expect(email.statusCode, email.body).toBe(201);
    expect(email.json()).toMatchObject({ timeZones: [], zoneSource: null });
  });

  it('a number, e-mail or address the customer already has is a 409 naming value, however it is written', async () => {
    const c = await newYorker();
    const dup = await add(collector, c.accountId, { kind: 'phone', type: 'mobile', value: '(212) 555-0190' });
    expect(dup.statusCode).toBe(409);
    expect(fieldsOf(dup)).toEqual(['value']);
    expect(
      (await add(collector, c.accountId, { kind: 'email', type: 'other', value: 'a@example.com' })).statusCode,
    ).toBe(201);
    const dupMail = await add(collector, c.accountId, { kind: 'email', type: 'other', value: 'A@Example.com ' });
    expect(dupMail.statusCode).toBe(409);
    expect(fieldsOf(dupMail)).toEqual(['value']);
    expect(await t.db.contactPoint.count({ where: { debtorId: c.debtorId } })).toBe(2);
  });

  it("a third party's number is not the customer's: 409 naming value", async () => {
    const c = await newYorker();
    await t.db.thirdParty.create({
      data: { debtorId: c.debtorId, name: 'Rosa', relationship: 'sister', phone: '+1 646-555-0101', source: 'test' },
    });
    const res = await add(collector, c.accountId, { kind: 'phone', type: 'mobile', value: '646 555 0101' });
    expect(res.statusCode).toBe(409);
    expect(fieldsOf(res)).toEqual(['value']);
  });

  it.each([
    [{ kind: 'phone', type: 'mobile', value: '555 01' }, 'value'],
    [{ kind: 'phone', type: 'mobile', value: 'call me maybe' }, 'value'],
    [{ kind: 'email', type: 'other', value: 'not-an-address' }, 'value'],
    [{ kind: 'address', type: 'home', value: '1 Main St' }, 'country'],
    [{ kind: 'address', type: 'home', value: '1 Main St', country: 'usa' }, 'country'],
    [{ kind: 'phone', type: 'mobile', value: '+1 808 555 0199', timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ kind: 'phone', type: 'mobile', value: '+1 808 555 0199', label: 'x'.repeat(101) }, 'label'],
    [{ kind: 'fax', type: 'mobile', value: '+1 808 555 0199' }, 'kind'],
  ])('%j is a 400 naming %s', async (body, field) => {
    const c = await newYorker();
    const res = await add(collector, c.accountId, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(fieldsOf(res)).toEqual([field]);
  });

  it("another collector can neither add to nor edit an account that is not theirs; the team's supervisor can", async () => {
    const c = await newYorker();
    expect(
      (await add(other, c.accountId, { kind: 'phone', type: 'mobile', value: '+1 808 555 0150' })).statusCode,
    ).toBe(403);
    expect((await patch(other, c.accountId, c.home, { label: 'x' })).statusCode).toBe(403);
    expect((await patch(supervisor, c.accountId, c.home, { label: 'landline' })).statusCode).toBe(200);
    const elsewhere = await newYorker();
    expect((await patch(collector, elsewhere.accountId, c.home, { label: 'x' })).statusCode).toBe(404);
  });
});
