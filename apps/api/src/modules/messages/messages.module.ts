import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { ContactGate } from '../compliance/contact-gate.service.js';
import { createLocalLogSender } from './message-sender.js';
import { createMessagesRepository } from './messages.repository.js';
import { messagesRoutes } from './messages.routes.js';
import { createMessagesService } from './messages.service.js';
import { createRemindersRepository } from './reminders.repository.js';
import { createRemindersService } from './reminders.service.js';

/** Messages to customers: promise reminders (sent by a job, through the contact gate) and the message log. */
export function createMessagesModule(deps: Pick<Core, 'db' | 'clock'> & { gate: ContactGate }) {
  const messages = createMessagesRepository(deps.db);
  const reminders = createRemindersService({
    ...deps,
    reminders: createRemindersRepository(deps.db),
    sender: createLocalLogSender(messages),
  });
  const module: ApiModule = {
    name: 'messages',
    paths: ['/messages'],
    plugin: async (app) => app.register(messagesRoutes, { messagesService: createMessagesService({ messages }) }),
  };
  return { module, reminders };
}
