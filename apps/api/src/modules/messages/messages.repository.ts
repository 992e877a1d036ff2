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
export function createMessagesRepository(db: Pick<Db, '$queryRaw' | 'messageLog'>) {
  return {
    /** The built-in sender's delivery: one row in the local log. Returns its id. */
    async append(m: {
      outboxId: string;
      channel: 'sms' | 'email';
      recipient: string;
      subject: string | null;
      body: string;
    }): Promise<string> {
      const row = await db.messageLog.create({
        data: { outboxId: m.outboxId, channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body },
        select: { id: true },
      });
      return row.id;
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
