import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { wholeQueue } from '../../../test/queue.js';
import { createUnitOfWork } from '../../lib/transaction.js';
import { createContactGate } from '../compliance/contact-gate.service.js';
import { createGateFactsRepository } from '../compliance/gate-facts.repository.js';
import { createLocalLogSender } from '../messages/message-sender.js';
import { createMessagesRepository } from '../messages/messages.repository.js';
import { createRemindersRepository } from '../messages/reminders.repository.js';
import { createRemindersService } from '../messages/reminders.service.js';

// 10:00 in New York, 15:00 in London.
const NOW = '2026-11-20T15:00:00Z';

type Reason = { code: string };
const codes = (reasons: Reason[]) => reasons.map((r) => r.code);

/**
 * Consent and preferences are recorded (nothing could set them before: no route wrote opted_out,
 * work_inconvenient or any preference, and there was no STOP endpoint) and the one contact gate
 * honours them in the queue, the case file, outcome recording and the reminder sender alike.
 */
describe('consent and preferences, honoured everywhere', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session, feed: Session, other: Session;
  let collectorId: string;
  let creditorId: string;

  beforeAll(async () => {
    collectorId = (await t.factories.user('collector', { username: 'cs-c' })).id;
    await t.factories.user('collector', { username: 'cs-other' });
    await t.factories.user('service', { username: 'cs-feed' });
    creditorId = (await t.factories.creditor()).id;
    collector = await t.login('cs-c');
    other = await t.login('cs-other');
    feed = await t.login('cs-feed');
  });

  async function customer(
    points: { type: 'mobile' | 'work' | 'home'; value: string }[],
    over: Partial<{ profile: 'US' | 'UK'; timeZone: string }> = {},
  ) {
    const a = await t.factories.account({ creditorId, collectorId, profile: over.profile ?? 'US', ...over });
    const ids = [];
    for (const p of points) ids.push((await t.factories.contactPoint(a.debtorId, p)).id);
    return { accountId: a.id, debtorId: a.debtorId, points: ids };
  }
  const caseFile = async (accountId: string) =>
    (await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).json();
  const queue = async () => await wholeQueue(collector);
  const inQueue = async (accountId: string) => {
    const q = await queue();
    const item = q.items.find((i: { accountId: string }) => i.accountId === accountId);
    const blocked = q.blocked.find((i: { accountId: string }) => i.accountId === accountId);
    return { callable: !!item, item, reasons: blocked ? codes(blocked.reasons) : [] };
  };
  const record = (accountId: string, channel: 'phone' | 'sms', contactPointId: string) =>
    collector.inject({
      method: 'POST',
      url: `/api/accounts/${accountId}/contacts`,
      // A text recorded by hand is "sent" (ADR 036); a call nobody answered is "no answer".
      payload: {
        channel,
        contactPointId,
        partyReached: 'nobody',
        disposition: channel === 'sms' ? 'message_sent' : 'no_answer',
      },
    });
  const setConsent = (s: Session, accountId: string, pointId: string, body: Record<string, unknown>) =>
    s.inject({
      method: 'PUT',
      url: `/api/accounts/${accountId}/consent/contact-points/${pointId}`,
      payload: {
        optedOut: false,
        optedOutChannels: [],
        workInconvenient: false,
        note: 'Customer asked on the call',
        ...body,
      },
    });

  it('an SMS opt-out blocks SMS on that number and leaves calls allowed, in all four places', async () => {
    const c = await customer([{ type: 'mobile', value: '+1 212-555-0201' }]);
    const [mobile] = c.points as [string];
    const res = await setConsent(collector, c.accountId, mobile, { optedOutChannels: ['sms'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      contactPointId: mobile,
      optedOut: false,
      optedOutChannels: ['sms'],
      workInconvenient: false,
    });

    const file = await caseFile(c.accountId);
    expect(file.contactPoints[0]).toMatchObject({ optedOutChannels: ['sms'], optedOut: false });
    expect(file.contactPoints[0].gate.allowed).toBe(true); // a phone's verdict is for a call
    expect(file.summary.gate.allowed).toBe(true);
    expect((await inQueue(c.accountId)).callable).toBe(true);

    const sms = await record(c.accountId, 'sms', mobile);
    expect(sms.statusCode).toBe(409);
    expect(codes(sms.json().error.reasons)).toEqual(['contact_point_channel_opted_out']);
    expect((await record(c.accountId, 'phone', mobile)).statusCode).toBe(201);

    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'consent.contact_point', entityId: mobile },
    });
    expect(audit).toMatchObject({ actorId: collectorId });
    expect(audit.data).toMatchObject({
      before: { optedOutChannels: [] },
      after: { optedOutChannels: ['sms'] },
      note: 'Customer asked on the call',
    });
  });

  it('"opt out of everything" blocks every channel of the number: the queue, the case file and recording agree', async () => {
    const c = await customer([{ type: 'mobile', value: '+1 212-555-0202' }]);
    const [mobile] = c.points as [string];
    expect((await inQueue(c.accountId)).callable).toBe(true);
    expect((await setConsent(collector, c.accountId, mobile, { optedOut: true })).statusCode).toBe(200);

    expect((await inQueue(c.accountId)).reasons).toEqual(['contact_point_opted_out']);
    const file = await caseFile(c.accountId);
    expect(codes(file.summary.gate.reasons)).toEqual(['contact_point_opted_out']);
    expect(codes(file.contactPoints[0].gate.reasons)).toEqual(['contact_point_opted_out']);
    for (const channel of ['phone', 'sms'] as const) {
      const res = await record(c.accountId, channel, mobile);
      expect(res.statusCode).toBe(409);
      expect(codes(res.json().error.reasons)).toEqual(['contact_point_opted_out']);
    }
  });

  it('"work is inconvenient" blocks calls to the work number only, and is refused on a mobile', async () => {
    const c = await customer([
      { type: 'work', value: '+1 212-555-0203' },
      { type: 'mobile', value: '+1 212-555-0204' },
    ]);
    const [work, mobile] = c.points as [string, string];
    const wrong = await setConsent(collector, c.accountId, mobile, { workInconvenient: true });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual([
      expect.objectContaining({ field: 'workInconvenient', message: 'is only recorded on a work number' }),
    ]);
    expect((await setConsent(collector, c.accountId, work, { workInconvenient: true })).statusCode).toBe(200);

    const file = await caseFile(c.accountId);
    const gateOf = (id: string) => file.contactPoints.find((p: { id: string }) => p.id === id).gate;
    expect(codes(gateOf(work).reasons)).toEqual(['work_number_inconvenient']);
    expect(gateOf(mobile).allowed).toBe(true);
    expect(file.summary.gate).toMatchObject({ allowed: true, contactPointId: mobile });
    expect((await inQueue(c.accountId)).callable).toBe(true);
    // The phone the queue calls: the worklist row's (the queue list shows no phone, ADR 050).
    const row = await t.db.worklistRow.findFirstOrThrow({ where: { accountId: c.accountId } });
    expect(row.contactPointId).toBe(mobile);
    expect(codes((await record(c.accountId, 'phone', work)).json().error.reasons)).toEqual([
      'work_number_inconvenient',
    ]);
  });

  it('times the customer said are inconvenient block calls then, everywhere, and the preferences are shown', async () => {
    const c = await customer([{ type: 'mobile', value: '+44 7700 900205' }], {
      profile: 'UK',
      timeZone: 'Europe/London',
    });
    const [mobile] = c.points as [string];
    const preferences = {
      preferredChannel: 'sms',
      preferredTime: { start: '18:00', end: '19:30' },
      inconvenientTimes: [{ start: '14:30', end: '16:00' }],
    };
    const res = await collector.inject({
      method: 'PUT',
      url: `/api/accounts/${c.accountId}/consent/preferences`,
      payload: { ...preferences, note: 'Collects the children from school' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(preferences);

    const file = await caseFile(c.accountId);
    expect(file.customer.preferences).toEqual(preferences);
    expect(codes(file.summary.gate.reasons)).toEqual(['customer_inconvenient_time']);
    expect(file.summary.gate.nextAllowedAt).toBe('2026-11-20T16:00:00.000Z');
    expect((await inQueue(c.accountId)).reasons).toEqual(['customer_inconvenient_time']);
    expect(codes((await record(c.accountId, 'phone', mobile)).json().error.reasons)).toEqual([
      'customer_inconvenient_time',
    ]);
    t.clock.set('2026-11-20T16:00:00Z');
    try {
      expect((await inQueue(c.accountId)).callable).toBe(true);
      expect((await record(c.accountId, 'phone', mobile)).statusCode).toBe(201);
    } finally {
      t.clock.set(NOW);
    }
    expect(await t.db.auditEvent.count({ where: { action: 'consent.preferences', entityId: c.debtorId } })).toBe(1);
  });

  it.each([
    [{ preferredChannel: 'fax', preferredTime: null, inconvenientTimes: [] }, 'preferredChannel'],
    [
      { preferredChannel: null, preferredTime: { start: '9:00', end: '10:00' }, inconvenientTimes: [] },
      'preferredTime.start',
    ],
    [
      { preferredChannel: null, preferredTime: null, inconvenientTimes: [{ start: '10:00', end: '24:00' }] },
      'inconvenientTimes.0.end',
    ],
    [{ preferredChannel: null, preferredTime: null, inconvenientTimes: [], note: '' }, 'note'],
  ])('bad preferences are a 400 naming the field (%#)', async (body, field) => {
    const c = await customer([]);
    const res = await collector.inject({
      method: 'PUT',
      url: `/api/accounts/${c.accountId}/consent/preferences`,
      payload: { note: 'said so', ...body },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('another collector cannot record consent on an account that is not theirs', async () => {
    const c = await customer([{ type: 'mobile', value: '+1 212-555-0206' }]);
    expect((await setConsent(other, c.accountId, c.points[0]!, { optedOut: true })).statusCode).toBe(403);
    const foreign = await customer([{ type: 'mobile', value: '+1 212-555-0207' }]);
    // A contact point of another customer is not found through this account.
    expect((await setConsent(collector, c.accountId, foreign.points[0]!, { optedOut: true })).statusCode).toBe(404);
  });

  it('a STOP reply from the provider opts the number out of SMS: reminders are blocked, calls stay allowed', async () => {
    const c = await customer([{ type: 'mobile', value: '+1 212-555-0208' }]);
    const [mobile] = c.points as [string];
    await t.db.paymentPromise.create({
      data: {
        accountId: c.accountId,
        amountMinor: 20_000n,
        currency: 'USD',
        dueDate: new Date('2026-11-21T00:00:00Z'),
        channel: 'card',
      },
    });
    const reminders = createRemindersService({
      reminders: createRemindersRepository(t.db),
      sender: createLocalLogSender(createMessagesRepository(t.db)),
      gate: createContactGate({
        uow: createUnitOfWork(t.db),
        gateFacts: createGateFactsRepository(t.db),
        clock: t.clock,
      }),
      clock: t.clock,
    });
    await reminders.schedule();
    const queued = await t.db.outboxMessage.findFirstOrThrow({ where: { accountId: c.accountId } });
    expect(queued).toMatchObject({ channel: 'sms', status: 'queued' });

    const inbound = (body: string, s = feed) =>
      s.inject({ method: 'POST', url: '/api/inbound/sms', payload: { from: '+1 (212) 555-0208', body } });
    expect((await inbound('Stop', collector)).statusCode).toBe(403);
    expect((await inbound('Please stop calling me at work')).json()).toEqual({ stop: false, optedOut: 0 });
    expect((await inbound(' stop. ')).json()).toEqual({ stop: true, optedOut: 1 });
    expect((await inbound('STOP')).json()).toEqual({ stop: true, optedOut: 0 }); // already opted out

    await reminders.send();
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
      status: 'blocked',
    });
    const file = await caseFile(c.accountId);
    expect(file.contactPoints[0].optedOutChannels).toEqual(['sms']);
    expect(file.summary.gate.allowed).toBe(true);
    expect((await record(c.accountId, 'phone', mobile)).statusCode).toBe(201);
    expect(await t.db.auditEvent.count({ where: { action: 'consent.sms_stop', entityId: mobile } })).toBe(1);
  });

  it('a STOP reply in Chinese (退订) works too, and bad input is a 400 naming the field', async () => {
    const c = await customer([{ type: 'mobile', value: '+86 138 0013 8209' }]);
    const res = await feed.inject({
      method: 'POST',
      url: '/api/inbound/sms',
      payload: { from: '+8613800138209', body: '退订' },
    });
    expect(res.json()).toEqual({ stop: true, optedOut: 1 });
    expect((await caseFile(c.accountId)).contactPoints[0].optedOutChannels).toEqual(['sms']);
    const bad = await feed.inject({
      method: 'POST',
      url: '/api/inbound/sms',
      payload: { from: 'nobody', body: 'STOP' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('from');
  });
});
