import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { createUnitOfWork } from '../../lib/transaction.js';
import { createContactGate } from '../compliance/contact-gate.service.js';
import { createGateFactsRepository } from '../compliance/gate-facts.repository.js';
import { createPoliciesRepository } from '../policies/policies.repository.js';
import { createLocalLogSender } from './message-sender.js';
import { createMessagesRepository } from './messages.repository.js';
import { createRemindersRepository } from './reminders.repository.js';
import { createRemindersService } from './reminders.service.js';

// 10:00 in New York on the day before the promises fall due.
const NOW = '2026-11-20T15:00:00Z';

describe('promise reminders', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session, admin: Session;
  let service: ReturnType<typeof createRemindersService>;
  const accounts: Record<string, string> = {};

  beforeAll(async () => {
    const c = await t.factories.user('collector', { username: 'r-c' });
    await t.factories.user('admin', { username: 'r-admin' });
    const creditor = await t.factories.creditor();
    const make = async (
      name: string,
      points: Parameters<typeof t.factories.contactPoint>[1][],
      flag?: 'cease_request',
    ) => {
      const a = await t.factories.account({
        creditorId: creditor.id,
        collectorId: c.id,
        fullName: `${name} Reed`,
        familyName: 'Reed',
      });
      for (const p of points) await t.factories.contactPoint(a.debtorId, p);
      if (flag) await t.db.stopFlag.create({ data: { debtorId: a.debtorId, type: flag, reason: 'test' } });
      await t.db.paymentPromise.create({
        data: {
          accountId: a.id,
          amountMinor: 20_000n,
          currency: 'USD',
          dueDate: new Date('2026-11-21T00:00:00Z'),
          channel: 'card',
        },
      });
      accounts[name] = a.id;
    };
    await make('Sms', [
      { type: 'mobile', value: '+1 212-555-0111' },
      { kind: 'email', type: 'other', value: 'sms@example.com' },
    ]);
    await make('Mail', [
      { type: 'mobile', value: '+1 212-555-0112', optedOut: true },
      { kind: 'email', type: 'other', value: 'mail@example.com' },
    ]);
    await make('Ceased', [{ type: 'mobile', value: '+1 212-555-0113' }], 'cease_request');
    const gate = createContactGate({
      uow: createUnitOfWork(t.db),
      gateFacts: createGateFactsRepository(t.db),
      clock: t.clock,
    });
    service = createRemindersService({
      reminders: createRemindersRepository(t.db),
      sender: createLocalLogSender(createMessagesRepository(t.db)),
      gate,
      policies: createPoliciesRepository(t.db),
      clock: t.clock,
    });
    collector = await t.login('r-c');
    admin = await t.login('r-admin');
  });

  it('queues one reminder per promise through the preferred allowed channel', async () => {
    expect(await service.schedule()).toBe(3);
    expect(await service.schedule()).toBe(0);
    const queued = await t.db.outboxMessage.findMany({ orderBy: { recipient: 'asc' } });
    expect(queued.map((m) => [m.channel, m.recipient])).toEqual(
      [
        ['sms', '+1 212-555-0111'],
        ['sms', '+1 212-555-0113'],
        ['email', 'mail@example.com'],
      ].sort((a, b) => a[1]!.localeCompare(b[1]!)),
    );
  });

  it('sends through the gate: delivered to the local log, blocked by a stop flag', async () => {
    expect(await service.send()).toEqual({ sent: 2, blocked: 1, rescheduled: 0 });
    const log = (await admin.inject({ method: 'GET', url: '/api/messages' })).json().items;
    expect(log).toHaveLength(2);
    const sms = log.find((m: { channel: string }) => m.channel === 'sms');
    expect(sms.body).toContain('$200.00');
    expect(sms.body).toContain('Reply STOP');
    const mail = log.find((m: { channel: string }) => m.channel === 'email');
    expect(mail.subject).toContain('Payment reminder');
    expect((await collector.inject({ method: 'GET', url: '/api/messages' })).statusCode).toBe(403);
    const ceased = (
      await collector.inject({ method: 'GET', url: `/api/accounts/${accounts.Ceased}/case-file` })
    ).json();
    expect(ceased.reminders[0]).toMatchObject({ status: 'blocked' });
    const sent = (await collector.inject({ method: 'GET', url: `/api/accounts/${accounts.Sms}/case-file` })).json();
    expect(sent.reminders[0]).toMatchObject({ status: 'sent', channel: 'sms' });
  });

  it('never reminds of a date that has already passed for the customer', async () => {
    const c = await t.db.user.findUniqueOrThrow({ where: { username: 'r-c' } });
    const creditor = await t.factories.creditor();
    const past = await t.factories.account({ creditorId: creditor.id, collectorId: c.id });
    await t.factories.contactPoint(past.debtorId, { type: 'mobile', value: '+1 212-555-0119' });
    await t.db.paymentPromise.create({
      data: {
        accountId: past.id,
        amountMinor: 1_000n,
        currency: 'USD',
        dueDate: new Date('2026-11-19T00:00:00Z'),
        channel: 'card',
      },
    });
    await service.schedule();
    expect(await t.db.outboxMessage.count({ where: { accountId: past.id } })).toBe(0);
  });

  it('waits for the calling window, and cancels once the promise is no longer pending', async () => {
    const c = await t.db.user.findUniqueOrThrow({ where: { username: 'r-c' } });
    const creditor = await t.factories.creditor();
    const night = await t.factories.account({ creditorId: creditor.id, collectorId: c.id, timeZone: 'Asia/Tokyo' });
    await t.factories.contactPoint(night.debtorId, { type: 'mobile', value: '+81 90-0000-0000' });
    await t.db.paymentPromise.create({
      data: {
        accountId: night.id,
        amountMinor: 1_000n,
        currency: 'USD',
        dueDate: new Date('2026-11-21T00:00:00Z'),
        channel: 'card',
      },
    });
    await service.schedule();
    // 2026-11-21 00:00 in Tokyo: outside the window; it waits until 08:00 there.
    expect(await service.send()).toEqual({ sent: 0, blocked: 0, rescheduled: 1 });
    const waiting = await t.db.outboxMessage.findFirstOrThrow({ where: { accountId: night.id } });
    expect(waiting.sendAfter).toEqual(new Date('2026-11-20T23:00:00Z'));
    await t.db.paymentPromise.updateMany({ where: { accountId: night.id }, data: { status: 'kept' } });
    t.clock.set('2026-11-20T23:05:00Z');
    await service.send();
    expect((await t.db.outboxMessage.findFirstOrThrow({ where: { accountId: night.id } })).status).toBe('cancelled');
    t.clock.set(NOW);
  });
});
