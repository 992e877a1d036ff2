import type { Db } from '@crm/db';
import type { Tx } from '../../lib/transaction.js';

export type OutboxStatus = 'queued' | 'sent' | 'blocked' | 'failed' | 'cancelled';

/** What happened to one outbox message; fields left out keep their value. */
export interface OutboxChange {
  id: string;
  status?: OutboxStatus;
  sendAfter?: Date;
  /** null clears it. */
  lastError?: string | null;
  sentAt?: Date;
  providerMessageId?: string;
  /** A delivery was tried (adds one to `attempts`). */
  attempted?: boolean;
}

const DAY = 86_400_000;

export type RemindersRepository = ReturnType<typeof createRemindersRepository>;

export function createRemindersRepository(db: Pick<Db, 'paymentPromise' | 'outboxMessage' | '$executeRaw'>) {
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
                  preferredChannel: true,
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
    /** Queues reminders, one statement for all; returns how many were new (one reminder per promise). */
    async enqueue(
      rows: {
        accountId: string;
        promiseId: string;
        channel: 'sms' | 'email';
        contactPointId: string;
        recipient: string;
        locale: 'en' | 'zh_CN';
        subject: string | null;
        body: string;
        sendAfter: Date;
      }[],
    ): Promise<number> {
      if (rows.length === 0) return 0;
      // A second scheduler run (or a simultaneous one) inserts nothing for a promise already reminded.
      const created = await db.outboxMessage.createMany({
        data: rows.map((r) => ({ ...r, kind: 'promise_reminder' })),
        skipDuplicates: true,
      });
      return created.count;
    },
    dueMessages(now: Date, limit = 200) {
      return db.outboxMessage.findMany({
        where: { status: 'queued', sendAfter: { lte: now } },
        orderBy: { sendAfter: 'asc' },
        take: limit,
      });
    },
    /**
     * Takes due messages for sending inside the caller's transaction, in one statement: the ids
     * it took (another sender took the rest, or they are no longer queued). Taking a message moves
     * its send time to `until`.
     */
    async claim(tx: Tx, ids: string[], now: Date, until: Date): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const taken = await tx.outboxMessage.updateManyAndReturn({
        where: { id: { in: ids }, status: 'queued', sendAfter: { lte: now } },
        data: { sendAfter: until },
        select: { id: true },
      });
      return new Set(taken.map((t) => t.id));
    },
    /** Status and due date of these promises, by id, in one query. */
    async promiseStatuses(ids: string[], client: Pick<Db, 'paymentPromise'> = db) {
      if (ids.length === 0) return new Map<string, { status: string; dueDate: Date }>();
      const rows = await client.paymentPromise.findMany({
        where: { id: { in: ids } },
        select: { id: true, status: true, dueDate: true },
      });
      return new Map(rows.map((r) => [r.id, { status: r.status as string, dueDate: r.dueDate }]));
    },
    /** Applies what happened to each message, all in one statement. */
    async settle(changes: OutboxChange[], client: Pick<Db, '$executeRaw'> = db): Promise<void> {
      if (changes.length === 0) return;
      const col = <T>(f: (c: OutboxChange) => T) => changes.map(f);
      const iso = (d: Date | undefined) => d?.toISOString() ?? null;
      await client.$executeRaw`
        UPDATE outbox_messages o SET
          status = COALESCE(v.status::"OutboxStatus", o.status),
          send_after = COALESCE(v.send_after, o.send_after),
          last_error = CASE WHEN v.set_error THEN v.last_error ELSE o.last_error END,
          sent_at = COALESCE(v.sent_at, o.sent_at),
          provider_message_id = COALESCE(v.provider_message_id, o.provider_message_id),
          attempts = o.attempts + v.attempted
        FROM unnest(
          ${col((c) => c.id)}::uuid[],
          ${col((c) => c.status ?? null)}::text[],
          ${col((c) => iso(c.sendAfter))}::timestamptz[],
          ${col((c) => c.lastError !== undefined)}::boolean[],
          ${col((c) => c.lastError ?? null)}::text[],
          ${col((c) => iso(c.sentAt))}::timestamptz[],
          ${col((c) => c.providerMessageId ?? null)}::text[],
          ${col((c) => (c.attempted ? 1 : 0))}::int[]
        ) AS v(id, status, send_after, set_error, last_error, sent_at, provider_message_id, attempted)
        WHERE o.id = v.id`;
    },
    forAccount(accountId: string) {
      return db.outboxMessage.findMany({ where: { accountId }, orderBy: { sendAfter: 'desc' } });
    },
  };
}
