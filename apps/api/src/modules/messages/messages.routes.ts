import { errorResponseSchema, messageLogResponseSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SUPERVISORS, authz } from '../../plugins/access.js';
import { audited } from '../../plugins/audit.js';
import { currentUser } from '../../plugins/auth.js';
import type { MessagesService } from './messages.service.js';

export const messagesRoutes: FastifyPluginAsyncZod<{ messagesService: MessagesService }> = async (
  app,
  { messagesService },
) => {
  app.get(
    '/messages',
    {
      config: {
        access: SUPERVISORS,
        authz: authz({ supervisor: 'scoped', admin: 'allowed' }),
        audit: audited(messageLogResponseSchema, {
          action: 'messages.view',
          entityType: 'message_log',
          // The accounts the messages shown were about.
          accounts: (log) => log.items.map((m) => m.accountId),
        }),
      },
      schema: {
        tags: ['reminders'],
        summary: 'The local mail/SMS log written by the built-in sender, newest first (200)',
        description: "Scoped like accounts: supervisors see messages about their teams' accounts, admins all.",
        response: { 200: messageLogResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (request) => messagesService.log(currentUser(request)),
  );
};
