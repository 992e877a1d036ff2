import type { MessagesRepository } from './messages.repository.js';

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
export function createLocalLogSender(messages: Pick<MessagesRepository, 'append'>): MessageSender {
  return {
    async send(m) {
      const id = await messages.append(m);
      return { providerMessageId: `local:${id}` };
    },
  };
}
