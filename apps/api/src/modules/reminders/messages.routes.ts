import { errorResponseSchema, messageLogResponseSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SUPERVISORS } from '../../plugins/access.js';
import type { RemindersRepository } from './reminders.repository.js';

export const messagesRoutes: FastifyPluginAsyncZod<{ reminders: Pick<RemindersRepository, 'log'> }> = async (app, { reminders }) => {
  app.get(
    '/messages',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['reminders'],
        summary: 'The local mail/SMS log written by the built-in sender, newest first (200)',
        response: { 200: messageLogResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async () => ({
      items: (await reminders.log(200)).map((m) => ({ id: m.id, channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body, at: m.at.toISOString() })),
    }),
  );
};
