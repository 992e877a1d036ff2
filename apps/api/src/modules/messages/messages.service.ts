import type { MessageLogResponse, SessionUser } from '@crm/contracts';
import type { MessagesRepository } from './messages.repository.js';

export type MessagesService = ReturnType<typeof createMessagesService>;

/** How many messages the log shows. */
const LOG_SIZE = 200;

export function createMessagesService({ messages }: { messages: Pick<MessagesRepository, 'list'> }) {
  return {
    /** The message log scoped like accounts: supervisors their teams' accounts, admins all. */
    async log(viewer: SessionUser): Promise<MessageLogResponse> {
      const rows = await messages.list(viewer, LOG_SIZE);
      return {
        items: rows.map((m) => ({
          id: m.id,
          accountId: m.account_id,
          channel: m.channel,
          recipient: m.recipient,
          subject: m.subject,
          body: m.body,
          at: m.at.toISOString(),
        })),
      };
    },
  };
}
