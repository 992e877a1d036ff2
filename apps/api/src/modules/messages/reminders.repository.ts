import type { Db } from '@crm/db';
import type { Tx } from '../../lib/transaction.js';

const DAY = 86_400_000;

export type RemindersRepository = ReturnType<typeof createRemindersRepository>;

export function createRemindersRepository(db: Pick<Db, 'paymentPromise' | 'outboxMessage'>) {
  return {
    /** Pending promises falling due in the next days that have no reminder yet. */
    async promisesNeedingReminder(now: Date, horizonDays: number, limit = 500) {
      const candidates = await db.paymentPromise.findMany({
        where: {
          status: 'pending',
          dueDate: { gte: new Date(now.getTime() - DAY), lte: new Date(now.getTime() + horizonDays * DAY) },
          account: { status: 'open' },
        },
        take: limit,
        select: {
          id: true,
          accountId: true,
          amountMinor: true,
          currency: true,
          dueDate: true,
          account: {
            select: {
              creditor: { select: { name: true } },
              debtor: {
                select: {
                  id: true,
                  salutation: true,
                  familyName: true,
                  fullName: true,
                  preferredLanguage: true,
                  timeZone: true,
                  contactPoints: true,
                },
              },
            },
          },
        },
      });
      const existing = await db.outboxMessage.findMany({
        where: { promiseId: { in: candidates.map((c) => c.id) }, kind: 'promise_reminder' },
        select: { promiseId: true },
      });
      const done = new Set(existing.map((e) => e.promiseId));
      return candidates.filter((c) => !done.has(c.id));
    },
    async enqueue(data: {
      accountId: string;
      promiseId: string;
      channel: 'sms' | 'email';
      contactPointId: string;
      recipient: string;
      locale: 'en' | 'zh_CN';
      subject: string | null;
      body: string;
      sendAfter: Date;
    }) {
      // One reminder per promise: a second scheduler run is a no-op.
      await db.outboxMessage.createMany({ data: [{ ...data, kind: 'promise_reminder' }], skipDuplicates: true });
    },
    dueMessages(now: Date, limit = 200) {
      return db.outboxMessage.findMany({
        where: { status: 'queued', sendAfter: { lte: now } },
        orderBy: { sendAfter: 'asc' },
        take: limit,
        include: {
          account: { select: { complianceProfile: true, debtorId: true, debtor: { select: { timeZone: true } } } },
        },
      });
    },
    /**
     * Takes a due message for sending inside the caller's transaction: false when another sender
     * took it (or it is no longer queued). Taking it moves its send time to `until`.
     */
    async claim(tx: Tx, id: string, now: Date, until: Date): Promise<boolean> {
      const taken = await tx.outboxMessage.updateMany({
        where: { id, status: 'queued', sendAfter: { lte: now } },
        data: { sendAfter: until },
      });
      return taken.count === 1;
    },
    promiseStatus(id: string, client: Pick<Db, 'paymentPromise'> = db) {
      return client.paymentPromise.findUnique({ where: { id }, select: { status: true, dueDate: true } });
    },
    async update(
      id: string,
      data: {
        status?: 'queued' | 'sent' | 'blocked' | 'failed' | 'cancelled';
        sendAfter?: Date;
        lastError?: string | null;
        sentAt?: Date;
        providerMessageId?: string;
        attempts?: { increment: number };
      },
      client: Pick<Db, 'outboxMessage'> = db,
    ) {
      await client.outboxMessage.update({ where: { id }, data });
    },
    forAccount(accountId: string) {
      return db.outboxMessage.findMany({ where: { accountId }, orderBy: { sendAfter: 'desc' } });
    },
  };
}
