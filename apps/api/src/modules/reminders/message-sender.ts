import type { Db } from '@crm/db';

export interface OutgoingMessage {
  outboxId: string;
  channel: 'sms' | 'email';
  recipient: string;
  subject: string | null;
  body: string;
}

/** Delivers a message. Swap in a real SMS or e-mail provider behind this interface. */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<{ providerMessageId: string }>;
}

/** The built-in sender: writes to a local mail/SMS log that admins and supervisors read in the UI. */
export function createLocalLogSender(db: Pick<Db, 'messageLog'>): MessageSender {
  return {
    async send(m) {
      const row = await db.messageLog.create({
        data: { outboxId: m.outboxId, channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body },
      });
      return { providerMessageId: `local:${row.id}` };
    },
  };
}
