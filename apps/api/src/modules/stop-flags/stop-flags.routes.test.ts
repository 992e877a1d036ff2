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

// 11:00 in London (GMT), 06:00 in New York.
const NOW = '2026-12-03T11:00:00Z';
const DAY = 86_400_000;

type Reason = { code: string };
const codes = (reasons: Reason[]) => reasons.map((r) => r.code);

/**
 * The stop-flag lifecycle (ADR 023): before it, flags could only be set (with an outcome), a
 * breathing space never expired and nothing wrote clearedAt. Now a flag is set with evidence,
 * expires by rule, or is cleared by a supervisor with a reason; the queue, the case file,
 * recording and reminders agree on it through the one gate-facts loader.
 */
describe('stop flags: set, expire, clear', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session, supervisor: Session, admin: Session, outsider: Session;
  let collectorId: string, supervisorId: string;
  let creditorId: string;

  beforeAll(async () => {
    supervisorId = (await t.factories.user('supervisor', { username: 'sf-s', displayName: 'Sam Supervisor' })).id;
    const team = await t.factories.team('Flags team', supervisorId);
    await t.factories.user('admin', { username: 'sf-a' });
    collectorId = (
      await t.factories.user('collector', { username: 'sf-c', displayName: 'Cora Collector', teamId: team.id })
    ).id;
    await t.factories.user('collector', { username: 'sf-other' });
    creditorId = (await t.factories.creditor('UK')).id;
    await signInAll();
  });

  async function signInAll() {
    collector = await t.login('sf-c');
    supervisor = await t.login('sf-s');
    admin = await t.login('sf-a');
    outsider = await t.login('sf-other');
  }
  /** Back from a trip in time: the sessions timed out while the clock was ahead. */
  async function backToNow() {
    t.clock.set(NOW);
    await signInAll();
  }

  async function customer(value = '+44 7700 900301') {
    const a = await t.factories.account({ creditorId, collectorId, profile: 'UK', timeZone: 'Europe/London' });
    const point = await t.factories.contactPoint(a.debtorId, { value });
    return { accountId: a.id, debtorId: a.debtorId, pointId: point.id };
  }
  const setFlag = (s: Session, accountId: string, body: Record<string, unknown>) =>
    s.inject({
      method: 'POST',
      url: `/api/accounts/${accountId}/stop-flags`,
      payload: { reason: 'Customer entered breathing space', evidence: 'Insolvency Service notice', ...body },
    });
  const clear = (
    s: Session,
    accountId: string,
    flagId: string,
    payload: unknown = { reason: 'Moratorium cancelled' },
  ) => s.inject({ method: 'POST', url: `/api/accounts/${accountId}/stop-flags/${flagId}/clear`, payload });
  const list = async (accountId: string, s = collector) =>
    (await s.inject({ method: 'GET', url: `/api/accounts/${accountId}/stop-flags` })).json();
  const caseFile = async (accountId: string) =>
    (await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).json();
  const inQueue = async (accountId: string) => {
    const q = await wholeQueue(collector);
    const item = q.items.find((i: { accountId: string }) => i.accountId === accountId);
    const blocked = q.blocked.find((i: { accountId: string }) => i.accountId === accountId);
    return { callable: !!item, reasons: blocked ? codes(blocked.reasons) : [] };
  };
  const call = (accountId: string, contactPointId: string) =>
    collector.inject({
      method: 'POST',
      url: `/api/accounts/${accountId}/contacts`,
      payload: { channel: 'phone', contactPointId, partyReached: 'nobody', disposition: 'no_answer' },
    });
  /** The queue, the case file and recording agree: all blocked by a stop flag, or all allowed. */
  async function expectEverywhere(c: { accountId: string; pointId: string }, blocked: boolean) {
    const q = await inQueue(c.accountId);
    const file = await caseFile(c.accountId);
    if (blocked) {
      expect(q.reasons).toContain('stop_flag');
      expect(codes(file.summary.gate.reasons)).toContain('stop_flag');
      const res = await call(c.accountId, c.pointId);
      expect(res.statusCode).toBe(409);
      expect(codes(res.json().error.reasons)).toContain('stop_flag');
    } else {
      expect(q.callable).toBe(true);
      expect(file.summary.gate.allowed).toBe(true);
      expect(file.stopFlags).toEqual([]);
      expect((await call(c.accountId, c.pointId)).statusCode).toBe(201);
    }
  }

  it('a collector sets a breathing space with evidence: it expires 60 days after the start date, audited', async () => {
    const c = await customer();
    const res = await setFlag(collector, c.accountId, {
      type: 'breathing_space',
      evidenceReference: 'BS-2026-0042',
      startsOn: '2026-12-01',
    });
    expect(res.statusCode).toBe(201);
    const flag = res.json();
    expect(flag).toMatchObject({
      type: 'breathing_space',
      status: 'active',
      accountId: null,
      evidenceReference: 'BS-2026-0042',
      startsOn: '2026-12-01',
      // 60 days beginning 2026-12-01: ends as 2027-01-30 begins in London.
      expiresAt: '2027-01-30T00:00:00.000Z',
      reviewAt: null,
      setBy: { id: collectorId, name: 'Cora Collector' },
      clearedAt: null,
    });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'stop_flag.set', entityId: flag.id } });
    expect(audit).toMatchObject({ actorId: collectorId, accountIds: [c.accountId] });
    expect(audit.data).toMatchObject({ type: 'breathing_space', expiresAt: '2027-01-30T00:00:00.000Z' });
    await expectEverywhere(c, true);
    expect((await list(c.accountId)).flags).toEqual([
      expect.objectContaining({
        id: flag.id,
        evidence: 'Insolvency Service notice',
        reason: 'Customer entered breathing space',
      }),
    ]);
  });

  it('a breathing space recorded through POST /contacts gets its 60-day expiry too (it had none)', async () => {
    const c = await customer('+44 7700 900302');
    const res = await collector.inject({
      method: 'POST',
      url: `/api/accounts/${c.accountId}/contacts`,
      payload: {
        channel: 'phone',
        contactPointId: c.pointId,
        partyReached: 'debtor',
        disposition: 'right_party_contact',
        flag: { type: 'breathing_space', reason: 'Adviser confirmed breathing space' },
      },
    });
    expect(res.statusCode).toBe(201);
    const stored = await t.db.stopFlag.findUniqueOrThrow({ where: { id: res.json().stopFlagId } });
    expect(stored.expiresAt?.toISOString()).toBe('2027-02-01T00:00:00.000Z');
    expect(stored.startsOn?.toISOString().slice(0, 10)).toBe('2026-12-03');
  });

  it('after expiry (the clock moves) the queue, the case file and recording all allow the call; the history shows it expired', async () => {
    const c = await customer('+44 7700 900303');
    const flag = (await setFlag(collector, c.accountId, { type: 'breathing_space' })).json();
    expect(flag.expiresAt).toBe('2027-02-01T00:00:00.000Z');
    await expectEverywhere(c, true);
    t.clock.set('2027-02-01T10:00:00Z');
    await signInAll();
    try {
      await expectEverywhere(c, false);
      expect((await list(c.accountId)).flags[0]).toMatchObject({ id: flag.id, status: 'expired' });
      // Expired: nothing to clear.
      expect((await clear(supervisor, c.accountId, flag.id)).statusCode).toBe(409);
    } finally {
      await backToNow();
    }
  });

  it('a supervisor clears a flag with a reason: callable again everywhere, the history shows who, when and why', async () => {
    const c = await customer('+44 7700 900304');
    const flag = (
      await setFlag(collector, c.accountId, { type: 'cease_request', reason: 'Asked us to stop', evidence: 'Letter' })
    ).json();
    expect(flag.reviewAt).toBe('2027-12-03T00:00:00.000Z');
    await expectEverywhere(c, true);

    // A collector cannot lift a cease request.
    const byCollector = await clear(collector, c.accountId, flag.id);
    expect(byCollector.statusCode).toBe(403);
    // The reason is required, named.
    const noReason = await clear(supervisor, c.accountId, flag.id, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);
    const short = await clear(supervisor, c.accountId, flag.id, { reason: ' ' });
    expect(short.statusCode).toBe(400);

    const res = await clear(supervisor, c.accountId, flag.id, { reason: 'Letter was from a different person' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'cleared',
      clearedBy: { id: supervisorId, name: 'Sam Supervisor' },
      clearedAt: '2026-12-03T11:00:00.000Z',
    });
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'stop_flag.cleared', entityId: flag.id },
    });
    expect(audit).toMatchObject({ actorId: supervisorId, accountIds: [c.accountId] });
    expect(audit.data).toMatchObject({ type: 'cease_request', reason: 'Letter was from a different person' });

    await expectEverywhere(c, false);
    expect((await list(c.accountId)).flags).toEqual([
      expect.objectContaining({
        id: flag.id,
        status: 'cleared',
        setBy: { id: collectorId, name: 'Cora Collector' },
        clearReason: 'Letter was from a different person',
      }),
    ]);
    // Clearing twice: 409.
    expect((await clear(supervisor, c.accountId, flag.id)).statusCode).toBe(409);
  });

  it('a flag of another account: 404 (not probed); another team: 403/404', async () => {
    const a = await customer('+44 7700 900305');
    const b = await customer('+44 7700 900306');
    const flag = (
      await setFlag(collector, a.accountId, { type: 'dispute_hold', reason: 'Disputes the amount' })
    ).json();
    expect(flag.accountId).toBe(a.accountId);
    expect((await clear(supervisor, b.accountId, flag.id)).statusCode).toBe(404);
    expect([403, 404]).toContain(
      (await outsider.inject({ method: 'GET', url: `/api/accounts/${a.accountId}/stop-flags` })).statusCode,
    );
    expect((await list(a.accountId)).flags[0].status).toBe('active');
  });

  it('a supervisor and an admin clearing at once (twice): one clears, the other gets 409; one audit event', async () => {
    const c = await customer('+44 7700 900307');
    const flag = (await setFlag(collector, c.accountId, { type: 'deceased', reason: 'Relative said so' })).json();
    const results = await Promise.all([
      clear(supervisor, c.accountId, flag.id, { reason: 'Customer answered the phone himself' }),
      clear(admin, c.accountId, flag.id, { reason: 'Wrong customer, identity confirmed' }),
      clear(supervisor, c.accountId, flag.id, { reason: 'Customer answered the phone himself' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect(await t.db.auditEvent.count({ where: { action: 'stop_flag.cleared', entityId: flag.id } })).toBe(1);
  });

  it('a mental-health crisis has no end until a supervisor records it, then 30 more days', async () => {
    const c = await customer('+44 7700 900308');
    const flag = (
      await setFlag(collector, c.accountId, {
        type: 'mental_health_crisis',
        reason: 'Receiving crisis treatment',
        evidence: 'AMHP evidence form',
        startsOn: '2026-11-20',
      })
    ).json();
    expect(flag).toMatchObject({ expiresAt: null, reviewAt: '2027-01-02T00:00:00.000Z', crisisEndedOn: null });
    const end = (s: Session, body: Record<string, unknown>) =>
      s.inject({ method: 'POST', url: `/api/accounts/${c.accountId}/stop-flags/${flag.id}/crisis-end`, payload: body });
    expect((await end(collector, { endedOn: '2026-12-02', note: 'AMHP confirmed' })).statusCode).toBe(403);
    const future = await end(supervisor, { endedOn: '2026-12-04', note: 'AMHP confirmed' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['endedOn']);
    const res = await end(supervisor, { endedOn: '2026-12-02', note: 'AMHP confirmed treatment ended' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ crisisEndedOn: '2026-12-02', expiresAt: '2027-01-02T00:00:00.000Z' });
    expect((await end(supervisor, { endedOn: '2026-12-02', note: 'again' })).statusCode).toBe(409);
    expect(await t.db.auditEvent.count({ where: { action: 'stop_flag.crisis_ended', entityId: flag.id } })).toBe(1);
    await expectEverywhere(c, true);
    t.clock.set('2027-01-02T00:00:00Z');
    await signInAll();
    try {
      expect((await inQueue(c.accountId)).reasons).not.toContain('stop_flag');
      expect(codes((await caseFile(c.accountId)).summary.gate.reasons)).not.toContain('stop_flag');
    } finally {
      await backToNow();
    }
    // A breathing space is not a crisis.
    const bs = (await setFlag(collector, c.accountId, { type: 'breathing_space' })).json();
    const wrong = await supervisor.inject({
      method: 'POST',
      url: `/api/accounts/${c.accountId}/stop-flags/${bs.id}/crisis-end`,
      payload: { endedOn: '2026-12-02', note: 'AMHP confirmed' },
    });
    expect(wrong.statusCode).toBe(409);
  });

  it.each([
    [{ type: 'attorney_represented' }, 'type'],
    [{ type: 'breathing_space', startsOn: '2026-12-04' }, 'startsOn'],
    [{ type: 'breathing_space', startsOn: '2026-10-01' }, 'startsOn'],
    [{ type: 'cease_request', startsOn: '2026-12-01' }, 'startsOn'],
    [{ type: 'breathing_space', evidence: '' }, 'evidence'],
    [{ type: 'nonsense' }, 'type'],
  ])('bad flags are a 400 naming the field (%#)', async (body, field) => {
    const c = await customer('+44 7700 900309');
    const res = await setFlag(collector, c.accountId, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('the reminder sender obeys a flag and, once it is cleared, sends', async () => {
    const c = await customer('+44 7700 900310');
    await t.db.paymentPromise.create({
      data: {
        accountId: c.accountId,
        amountMinor: 20_000n,
        currency: 'GBP',
        dueDate: new Date('2026-12-04T00:00:00Z'),
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
    const flag = (await setFlag(collector, c.accountId, { type: 'bankruptcy', reason: 'Bankruptcy order' })).json();
    await reminders.schedule();
    const queued = await t.db.outboxMessage.findFirstOrThrow({ where: { accountId: c.accountId } });
    expect((await clear(supervisor, c.accountId, flag.id, { reason: 'Order annulled' })).statusCode).toBe(200);
    t.clock.advance(DAY / 24);
    try {
      await reminders.send();
      expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: queued.id } })).status).toBe('sent');
    } finally {
      await backToNow();
    }
  });
});
