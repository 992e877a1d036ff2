import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/build-app.js';
import { untilSomeoneWaitsForALock } from '../../../test/lock-waits.js';
import { createUnitOfWork } from '../../lib/transaction.js';
import { createComplianceModule } from '../compliance/compliance.module.js';
import { createMessagesModule } from './messages.module.js';
import { createContactGate } from '../compliance/contact-gate.service.js';
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
});
