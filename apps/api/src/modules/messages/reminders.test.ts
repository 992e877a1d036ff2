import { randomUUID } from 'node:crypto';
import { createPrismaClient, type Db } from '@crm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { createUnitOfWork } from '../../lib/transaction.js';
import { createComplianceModule } from '../compliance/compliance.module.js';
import { createMessagesModule } from './messages.module.js';
import { createContactGate } from '../compliance/contact-gate.service.js';
import { createGateFactsRepository } from '../compliance/gate-facts.repository.js';
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
    const { gate } = createComplianceModule({ db: t.db, uow: createUnitOfWork(t.db), clock: t.clock });
    service = createMessagesModule({ db: t.db, clock: t.clock, gate }).reminders;
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

  it('the local log keeps one delivery per outbox message, like a provider (a sender that died is retried)', async () => {
    const sender = createLocalLogSender(createMessagesRepository(t.db));
    const message = { outboxId: randomUUID(), channel: 'sms' as const, recipient: '+1 212-555-0199', subject: null };
    const first = await sender.send({ ...message, body: 'first' });
    const again = await sender.send({ ...message, body: 'first' });
    expect(again).toEqual(first);
    expect(await t.db.messageLog.count({ where: { outboxId: message.outboxId } })).toBe(1);
  });
});

/**
 * The job reads and writes in batches: the gate's facts of every account at once, one claim, one
 * write of the decisions, one of the results. Its statements (Prisma's query events) do not grow
 * with the number of reminders. Before, each message had its own locked transaction and its own
 * facts, claim and updates. The local log sender stands for the provider and is left out of the
 * count: a provider is called once per message by nature.
 */
describe('the reminder job in statements', () => {
  const t = useTestApp({ now: NOW });
  let statements = 0;
  let counting: Db;
  let service: ReturnType<typeof createRemindersService>;
  let collectorId = '',
    creditorId = '';

  beforeAll(async () => {
    collectorId = (await t.factories.user('collector', { username: 'rs-c' })).id;
    creditorId = (await t.factories.creditor()).id;
    counting = createPrismaClient(t.database.appUrl, { max: 2, onQuery: () => void statements++ });
    service = createRemindersService({
      reminders: createRemindersRepository(counting),
      sender: createLocalLogSender(createMessagesRepository(t.db)),
      gate: createContactGate({
        uow: createUnitOfWork(counting),
        gateFacts: createGateFactsRepository(counting),
        clock: t.clock,
      }),
      clock: t.clock,
    });
  });
  afterAll(() => counting?.$disconnect());

  /** `n` customers of each kind, a promise due tomorrow each: texted, ceased (blocked), in Tokyo at night (rescheduled), paid (cancelled). */
  async function customers(n: number) {
    const paid: string[] = [];
    for (let i = 0; i < n; i++) {
      for (const kind of ['texted', 'ceased', 'night', 'paid'] as const) {
        const a = await t.factories.account({
          creditorId,
          collectorId,
          timeZone: kind === 'night' ? 'Asia/Tokyo' : 'America/New_York',
        });
        await t.factories.contactPoint(a.debtorId, { type: 'mobile', value: `+1 212-555-04${i}${kind.length}` });
        if (kind === 'ceased')
          await t.db.stopFlag.create({ data: { debtorId: a.debtorId, type: 'cease_request', reason: 'test' } });
        const promise = await t.db.paymentPromise.create({
          data: {
            accountId: a.id,
            amountMinor: 1_000n,
            currency: 'USD',
            dueDate: new Date('2026-11-21T00:00:00Z'),
            channel: 'card',
          },
        });
        if (kind === 'paid') paid.push(promise.id);
      }
    }
    return paid;
  }

  async function run(n: number) {
    const paid = await customers(n);
    statements = 0;
    expect(await service.schedule()).toBe(4 * n);
    const scheduling = statements;
    // Paid after the reminder was queued: sending cancels it.
    await t.db.paymentPromise.updateMany({ where: { id: { in: paid } }, data: { status: 'kept' } });
    statements = 0;
    expect(await service.send()).toEqual({ sent: n, blocked: n, rescheduled: n });
    return { scheduling, sending: statements };
  }

  it('costs the same statements for 4 reminders as for 20', async () => {
    const few = await run(1);
    const many = await run(5);
    expect(many).toEqual(few);
    const outbox = await t.db.outboxMessage.groupBy({ by: ['status'], _count: true, orderBy: { status: 'asc' } });
    expect(Object.fromEntries(outbox.map((o) => [o.status, o._count]))).toEqual({
      queued: 6,
      sent: 6,
      blocked: 6,
      cancelled: 6,
    });
  });
});
