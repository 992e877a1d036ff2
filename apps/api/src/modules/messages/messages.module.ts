import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { ContactGate } from '../compliance/contact-gate.service.js';
import { createLocalLogSender, createSpoolLetterDrop, type LetterRenderer } from './message-sender.js';
import { createMessagesRepository } from './messages.repository.js';
import { messagesRoutes } from './messages.routes.js';
import { createMessagesService } from './messages.service.js';
import { createRemindersRepository } from './reminders.repository.js';
import { createRemindersService } from './reminders.service.js';

/** Messages to customers: promise reminders and letters (the validation notice) (sent by a job, through the contact gate) and the message log. */
export function createMessagesModule(
  deps: Pick<Core, 'db' | 'clock'> & {
    gate: ContactGate;
    /** Letters: who renders them as they go out, and the print-and-mail spool folder they are dropped in. */
    letters?: { renderer: LetterRenderer; spoolDir: string };
  },
) {
  const messages = createMessagesRepository(deps.db);
  const reminders = createRemindersService({
    gate: deps.gate,
    clock: deps.clock,
    reminders: createRemindersRepository(deps.db),
    sender: createLocalLogSender(messages),
    letters: deps.letters && { renderer: deps.letters.renderer, drop: createSpoolLetterDrop(deps.letters.spoolDir) },
  });
  const module: ApiModule = {
    name: 'messages',
    paths: ['/messages'],
    plugin: async (app) => app.register(messagesRoutes, { messagesService: createMessagesService({ messages }) }),
  };
  return { module, reminders };
}
