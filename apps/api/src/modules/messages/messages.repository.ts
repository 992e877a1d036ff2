import type { SessionUser } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import { accountScopeSql } from '../accounts/account-scope.repository.js';

export type MessagesRepository = ReturnType<typeof createMessagesRepository>;

export interface MessageLogRow {
  id: string;
  account_id: string;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  at: Date;
}

/** The local sender's message log: written by the sender, read through the account each message was about. */
export function createMessagesRepository(db: Pick<Db, '$queryRaw'>) {
  return {
    /**
     * The built-in sender's delivery: one row in the local log, once per outbox message (a sender
     * that died before recording a delivery sends it again with the same outbox id; like a real
     * provider, the log keeps the first). Returns the first row's id. The unique index on
     * outbox_id decides between senders racing on one message (ADR 043): the loser's insert does
     * nothing and it reads the winner's row, committed by the time ON CONFLICT gives way.
     */
    async append(m: {
      outboxId: string;
      channel: 'sms' | 'email';
      recipient: string;
      subject: string | null;
      body: string;
    }): Promise<string> {
      const rows = await db.$queryRaw<{ id: string }[]>`
        WITH added AS (
          INSERT INTO message_log (id, outbox_id, channel, recipient, subject, body)
          VALUES (gen_random_uuid(), ${m.outboxId}::uuid, ${m.channel}::"Channel", ${m.recipient}, ${m.subject}, ${m.body})
          ON CONFLICT (outbox_id) DO NOTHING
          RETURNING id)
        SELECT id FROM added UNION ALL SELECT id FROM message_log WHERE outbox_id = ${m.outboxId}::uuid`;
      if (rows[0]) return rows[0].id;
      // The conflicting row was committed after this statement's snapshot: read it now.
      const [earlier] = await db.$queryRaw<{ id: string }[]>`
        SELECT id FROM message_log WHERE outbox_id = ${m.outboxId}::uuid`;
      return earlier!.id;
    },

    /** Newest first, only messages about accounts the viewer may see (accountScopeSql). */
    list(viewer: SessionUser, limit: number): Promise<MessageLogRow[]> {
      return db.$queryRaw<MessageLogRow[]>(Prisma.sql`
        SELECT m.id, o.account_id, m.channel::text AS channel, m.recipient, m.subject, m.body, m.at
        FROM message_log m
        JOIN outbox_messages o ON o.id = m.outbox_id
        JOIN accounts a ON a.id = o.account_id
        WHERE ${accountScopeSql(viewer)}
        ORDER BY m.at DESC, m.id DESC
        LIMIT ${limit}`);
    },
  };
}
