import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/build-app.js';
import { untilSomeoneWaitsForALock } from '../../../test/lock-waits.js';
import { createUnitOfWork } from '../../lib/transaction.js';
import { createComplianceModule } from '../compliance/compliance.module.js';
import { createMessagesModule } from './messages.module.js';
import { createContactGate } from '../compliance/contact-gate.service.js';
import { createLocalLogSender, type MessageSender } from './message-sender.js';
import { createMessagesRepository } from './messages.repository.js';
import { createRemindersRepository } from './reminders.repository.js';
import { createRemindersService } from './reminders.service.js';

// 10:00 in New York on the day before the promises fall due.
const NOW = '2026-11-20T15:00:00Z';

describe('reminders under concurrency', () => {
  const t = useTestApp({ now: NOW });
  let gate: ReturnType<typeof createContactGate>;
  let service: ReturnType<typeof createRemindersService>;
  let collectorId = '',
    creditorId = '';

  beforeAll(async () => {
    collectorId = (await t.factories.user('collector', { username: 'rc-c' })).id;
    creditorId = (await t.factories.creditor()).id;
    ({ gate } = createComplianceModule({ db: t.db, uow: createUnitOfWork(t.db), clock: t.clock }));
    service = createMessagesModule({ db: t.db, clock: t.clock, gate }).reminders;
  });

  /** An account with a promise due tomorrow and a mobile to text. */
  async function accountWithPromise(n: number) {
    const a = await t.factories.account({ creditorId, collectorId });
    await t.factories.contactPoint(a.debtorId, { type: 'mobile', value: `+1 212-555-02${String(n).padStart(2, '0')}` });
    await t.db.paymentPromise.create({
      data: {
        accountId: a.id,
        amountMinor: 5_000n,
        currency: 'USD',
        dueDate: new Date('2026-11-21T00:00:00Z'),
        channel: 'card',
      },
    });
    return a;
  }

  it('sends each due reminder once when three senders run at the same moment', async () => {
    const accounts = await Promise.all([1, 2, 3, 4, 5].map(accountWithPromise));
    expect(await service.schedule()).toBe(5);

    const runs = await Promise.all([service.send(), service.send(), service.send()]);

    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(5);
    const outbox = await t.db.outboxMessage.findMany({ where: { accountId: { in: accounts.map((a) => a.id) } } });
    expect(outbox.map((m) => m.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect(await t.db.messageLog.count({ where: { outboxId: { in: outbox.map((m) => m.id) } } })).toBe(5);
  });

  it('decides a reminder after a contact being recorded for the same customer, and obeys the stop flag it sets', async () => {
    const account = await accountWithPromise(9);
    await service.schedule();

    // A recording holds the customer's and the account's locks and is about to write a cease request.
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const recording = gate.withAccount(account.id, async ({ tx }) => {
      locked();
      await released;
      await tx.stopFlag.create({
        data: { debtorId: account.debtorId, type: 'cease_request', reason: 'asked us to stop', setById: collectorId },
      });
    });
    await isLocked;

    // The sender starts meanwhile: it must wait for the recording, not decide on what it read before.
    const sending = service.send();
    let settled = false;
    void sending.finally(() => (settled = true));
    // Wait until the sender is blocked on the lock (or has finished without waiting, which would be the bug).
    await untilSomeoneWaitsForALock(t.db, () => settled);
    release();
    await recording;
    const counts = await sending;

    expect(counts).toMatchObject({ sent: 0, blocked: 1 });
    const message = await t.db.outboxMessage.findFirstOrThrow({ where: { accountId: account.id } });
    expect(message.status).toBe('blocked');
    expect(message.lastError).toContain('cease request');
    expect(await t.db.messageLog.count({ where: { outboxId: message.id } })).toBe(0);
  });

  it('the local log keeps one delivery when many senders deliver the same outbox message at once', async () => {
    const sender = createLocalLogSender(createMessagesRepository(t.db));
    const outboxId = randomUUID();
    const ids = await Promise.all(
      Array.from({ length: 8 }, () =>
        sender.send({ outboxId, channel: 'sms', recipient: '+1 212-555-0299', subject: null, body: 'once' }),
      ),
    );
    expect(new Set(ids.map((r) => r.providerMessageId)).size).toBe(1);
    expect(await t.db.messageLog.count({ where: { outboxId } })).toBe(1);
    // The database itself refuses a second delivery of one outbox message (the unique index).
    await expect(
      t.db.messageLog.create({ data: { outboxId, channel: 'sms', recipient: '+1 212-555-0299', body: 'again' } }),
    ).rejects.toThrow();
  });

  it('a provider that fails is retried with backoff, and a retry after a lost answer delivers nothing twice', async () => {
    const account = await accountWithPromise(40);
    expect(await service.schedule()).toBe(1);
    const local = createLocalLogSender(createMessagesRepository(t.db));
    // 1st call: the provider is down. 2nd: it delivers but the answer is lost (a timeout). 3rd: fine.
    let calls = 0;
    const flaky: MessageSender = {
      async send(m) {
        calls++;
        if (calls === 1) throw new Error('provider unavailable');
        const delivered = await local.send(m);
        if (calls === 2) throw new Error('provider timed out');
        return delivered;
      },
    };
    const flakyService = createRemindersService({
      reminders: createRemindersRepository(t.db),
      sender: flaky,
      gate,
      clock: t.clock,
    });
    const message = () => t.db.outboxMessage.findFirstOrThrow({ where: { accountId: account.id } });
    try {
      expect(await flakyService.send()).toMatchObject({ sent: 0 });
      expect(await message()).toMatchObject({ status: 'queued', attempts: 1, lastError: 'provider unavailable' });
      // Backoff: not due again at once.
      expect((await message()).sendAfter.getTime()).toBeGreaterThan(t.clock.now().getTime());
      await flakyService.send();
      expect(calls).toBe(1);

      t.clock.advance(5 * 60_000);
      expect(await flakyService.send()).toMatchObject({ sent: 0 });
      expect(await message()).toMatchObject({ status: 'queued', attempts: 2, lastError: 'provider timed out' });
      t.clock.advance(10 * 60_000);
      expect(await flakyService.send()).toMatchObject({ sent: 1 });
      const sent = await message();
      expect(sent).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
      expect(calls).toBe(3);
      const log = await t.db.messageLog.findMany({ where: { outboxId: sent.id } });
      expect(log).toHaveLength(1);
      expect(sent.providerMessageId).toBe(`local:${log[0]!.id}`);
    } finally {
      t.clock.set(NOW);
    }
  });
});
