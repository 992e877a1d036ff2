import { backfillContactPointZones } from '@crm/db/zone-backfill';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { wholeQueue } from '../../../test/queue.js';
import { postOutcome } from '../../../test/outcomes.js';
import { createUnitOfWork } from '../../lib/transaction.js';
import { createLocalLogSender } from '../messages/message-sender.js';
import { createMessagesRepository } from '../messages/messages.repository.js';
import { createRemindersRepository } from '../messages/reminders.repository.js';
import { createRemindersService } from '../messages/reminders.service.js';
import { createContactGate } from './contact-gate.service.js';
import { createGateFactsRepository } from './gate-facts.repository.js';

/**
 * Reg F 1006.6(b)(1)(i), issue 13: a customer homed in New York with a Denver mobile and a
 * Honolulu work number. At 05:00 in Honolulu (10:00 in New York, 08:00 in Denver) nothing may
 * reach them by phone or SMS: the queue, the case file, outcome recording and the reminder sender
 * all say so, from the one gate-facts loader. Before, every number carried the customer's zone
 * and the loader gave the gate no other zone, so all four allowed the call.
 */
const EARLY = '2026-11-20T15:00:00Z'; // 05:00 HST, 08:00 MST, 10:00 EST
const OPEN = '2026-11-20T18:30:00Z'; // 08:30 HST, 11:30 MST, 13:30 EST
const HONOLULU_OPENS = '2026-11-20T18:00:00.000Z';

function remindersFor(t: ReturnType<typeof useTestApp>) {
  return createRemindersService({
    reminders: createRemindersRepository(t.db),
    sender: createLocalLogSender(createMessagesRepository(t.db)),
    gate: createContactGate({
      uow: createUnitOfWork(t.db),
      gateFacts: createGateFactsRepository(t.db),
      clock: t.clock,
    }),
    clock: t.clock,
  });
}

describe('every known zone of the customer, everywhere the gate decides', () => {
  const t = useTestApp({ now: EARLY });
  let collector: Session;
  let accountId = '';
  const points: Record<string, string> = {};

  beforeAll(async () => {
    const c = await t.factories.user('collector', { username: 'z-c' });
    const creditor = await t.factories.creditor('US');
    const account = await t.factories.account({
      creditorId: creditor.id,
      collectorId: c.id,
      timeZone: 'America/New_York',
      fullName: 'Ana Rivera',
      oldestUnpaidDueDate: '2026-11-01',
    });
    accountId = account.id;
    points.mobile = (await t.factories.contactPoint(account.debtorId, { type: 'mobile', value: '+1 720-555-0142' })).id;
    points.work = (await t.factories.contactPoint(account.debtorId, { type: 'work', value: '+1 808-555-0117' })).id;
    await t.db.paymentPromise.create({
      data: {
        accountId,
        amountMinor: 20_000n,
        currency: 'USD',
        dueDate: new Date('2026-11-21T00:00:00Z'),
        channel: 'card',
      },
    });
    collector = await t.login('z-c');
  });

  it('each number keeps the zones of its own area code, with their source', async () => {
    const rows = await t.db.contactPoint.findMany({ where: { id: { in: Object.values(points) } } });
    expect(Object.fromEntries(rows.map((r) => [r.value, [r.timeZones, r.zoneSource]]))).toEqual({
      '+1 720-555-0142': [['America/Denver'], 'number'],
      '+1 808-555-0117': [['Pacific/Honolulu'], 'number'],
    });
  });

  it('at 05:00 in Honolulu the case file blocks both numbers and shows each zone, Honolulu binding', async () => {
    const res = await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` });
    expect(res.statusCode).toBe(200);
    const file = res.json();
    for (const p of file.contactPoints) {
      expect(p.gate.allowed, p.value).toBe(false);
      expect(p.gate.reasons.map((r: { code: string }) => r.code)).toEqual(['outside_calling_window']);
      expect(p.gate.nextAllowedAt).toBe(HONOLULU_OPENS);
    }
    expect(file.contactPoints.find((p: { id: string }) => p.id === points.work)).toMatchObject({
      timeZones: ['Pacific/Honolulu'],
      zoneSource: 'number',
    });
    expect(
      file.customer.zones.map(
        (z: { zone: string; localTime: string; open: boolean; binding: boolean; home: boolean }) => [
          z.zone,
          z.localTime,
          z.open,
          z.binding,
          z.home,
        ],
      ),
    ).toEqual([
      ['America/New_York', '10:00', true, false, true],
      ['America/Denver', '08:00', true, false, false],
      ['Pacific/Honolulu', '05:00', false, true, false],
    ]);
    expect(file.customer.zones[2]).toMatchObject({ opensAt: HONOLULU_OPENS, contactPointIds: [points.work] });
  });

  it('the queue lists the account as blocked until 08:00 in Honolulu', async () => {
    const body = await wholeQueue(collector);
    expect(body.items.map((i: { accountId: string }) => i.accountId)).not.toContain(accountId);
    const blocked = body.blocked.find((b: { accountId: string }) => b.accountId === accountId)!;
    expect(blocked.reasons.map((r: { code: string }) => r.code)).toEqual(['outside_calling_window']);
    expect(blocked.nextAllowedAt).toBe(HONOLULU_OPENS);
  });

  it('recording a call to the Denver mobile is refused', async () => {
    const res = await postOutcome(collector, accountId, {
      contactPointId: points.mobile,
      partyReached: 'nobody',
      disposition: 'no_answer',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'contact_not_allowed' });
    expect(res.json().error.reasons.map((r: { code: string }) => r.code)).toEqual(['outside_calling_window']);
  });

  it('an SMS reminder to the Denver mobile waits for 08:00 in Honolulu, then goes', async () => {
    const reminders = remindersFor(t);
    expect(await reminders.schedule()).toBe(1);
    await t.db.outboxMessage.updateMany({ where: { accountId }, data: { sendAfter: new Date(EARLY) } });
    expect(await reminders.send()).toEqual({ sent: 0, blocked: 0, rescheduled: 1 });
    const waiting = await t.db.outboxMessage.findFirstOrThrow({ where: { accountId } });
    expect(waiting).toMatchObject({ channel: 'sms', recipient: '+1 720-555-0142' });
    expect(waiting.sendAfter.toISOString()).toBe(HONOLULU_OPENS);
    t.clock.set(OPEN);
    expect(await reminders.send()).toEqual({ sent: 1, blocked: 0, rescheduled: 0 });
    t.clock.set(EARLY);
  });

  it('at 08:30 in Honolulu the case file, the queue and recording all allow the call', async () => {
    t.clock.set(OPEN);
    try {
      // Three and a half hours later: a new sign-in (the first session has gone idle).
      collector = await t.login('z-c');
      const read = await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` });
      expect(read.statusCode, read.body).toBe(200);
      const file = read.json();
      expect(file.contactPoints.map((p: { gate: { allowed: boolean } }) => p.gate.allowed)).toEqual([true, true]);
      // All open: New York closes first (21:00 EST = 02:00 UTC).
      expect(file.customer.zones.find((z: { binding: boolean }) => z.binding)).toMatchObject({
        zone: 'America/New_York',
        closesAt: '2026-11-21T02:00:00.000Z',
      });
      // No zone holds it any more; what keeps it out of the queue now is only its promise due
      // tomorrow (parked until its due day, ADR 035; issue 14).
      const queue = await wholeQueue(collector);
      const held = queue.blocked.find((b: { accountId: string }) => b.accountId === accountId)!;
      expect(held.reasons.map((r: { code: string }) => r.code)).toEqual(['parked_until_due']);
      const res = await postOutcome(collector, accountId, {
        contactPointId: points.mobile,
        partyReached: 'nobody',
        disposition: 'no_answer',
      });
      expect(res.statusCode).toBe(201);
    } finally {
      t.clock.set(EARLY);
    }
  });

  it('a number marked invalid no longer places the customer in its zone', async () => {
    await t.db.contactPoint.update({ where: { id: points.work }, data: { status: 'invalid' } });
    try {
      collector = await t.login('z-c');
      const file = (await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).json();
      expect(file.customer.zones.map((z: { zone: string }) => z.zone)).toEqual(['America/New_York', 'America/Denver']);
      const mobile = file.contactPoints.find((p: { id: string }) => p.id === points.mobile);
      expect(mobile.gate.allowed).toBe(true); // 08:00 in Denver, 10:00 in New York
    } finally {
      await t.db.contactPoint.update({ where: { id: points.work }, data: { status: 'valid' } });
    }
  });
});

describe('electronic messages in the US follow the window when sent', () => {
  // 23:00 in New York on the day before the promise falls due.
  const t = useTestApp({ now: '2026-11-21T04:00:00Z' });
  let accountId = '';

  beforeAll(async () => {
    const c = await t.factories.user('collector', { username: 'ze-c' });
    const creditor = await t.factories.creditor('US');
    const account = await t.factories.account({ creditorId: creditor.id, collectorId: c.id });
    accountId = account.id;
    await t.factories.contactPoint(account.debtorId, { kind: 'email', type: 'other', value: 'late@example.com' });
    await t.db.paymentPromise.create({
      data: {
        accountId,
        amountMinor: 20_000n,
        currency: 'USD',
        dueDate: new Date('2026-11-22T00:00:00Z'),
        channel: 'card',
      },
    });
  });

  it('an e-mail reminder due at 23:00 customer time waits for 08:00', async () => {
    const reminders = remindersFor(t);
    expect(await reminders.schedule()).toBe(1);
    await t.db.outboxMessage.updateMany({
      where: { accountId },
      data: { sendAfter: new Date('2026-11-21T04:00:00Z') },
    });
    expect(await reminders.send()).toEqual({ sent: 0, blocked: 0, rescheduled: 1 });
    const waiting = await t.db.outboxMessage.findFirstOrThrow({ where: { accountId } });
    expect(waiting.channel).toBe('email');
    expect(waiting.sendAfter.toISOString()).toBe('2026-11-21T13:00:00.000Z'); // 08:00 EST
  });
});

describe('contact points from before issue 13 are mended at start', () => {
  const t = useTestApp({ now: EARLY });

  it('re-derives rows that carried the customer’s zone, once', async () => {
    const creditor = await t.factories.creditor('US');
    const account = await t.factories.account({ creditorId: creditor.id });
    const legacy = (value: string) =>
      t.factories
        .contactPoint(account.debtorId, { value, timeZones: ['America/New_York'] })
        .then((p) => t.db.contactPoint.update({ where: { id: p.id }, data: { zoneSource: 'customer' } }));
    const hawaii = await legacy('+1 808-555-0100');
    const local = await legacy('(602) 555-0100'); // no country code: read in the US profile's country
    const tollFree = await legacy('+1 800-555-0100');
    const pool = new pg.Pool({ connectionString: t.database.url, max: 1 });
    try {
      expect(await backfillContactPointZones(pool, 2)).toBe(3);
      expect(await backfillContactPointZones(pool)).toBe(0);
    } finally {
      await pool.end();
    }
    const rows = await t.db.contactPoint.findMany({ where: { id: { in: [hawaii.id, local.id, tollFree.id] } } });
    expect(Object.fromEntries(rows.map((r) => [r.value, [r.timeZones, r.zoneSource]]))).toEqual({
      '+1 808-555-0100': [['Pacific/Honolulu'], 'number'],
      '(602) 555-0100': [['America/Phoenix'], 'number'],
      '+1 800-555-0100': [[], null],
    });
  });
});
