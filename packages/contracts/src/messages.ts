import { z } from 'zod';
import { OUTBOX_STATUSES } from './code-lists.js';
import { uuidSchema } from './fields.js';
import { personal } from './personal-data.js';

export const messageLogEntrySchema = z.object({
  id: uuidSchema,
  /** The account the message was about. */
  accountId: uuidSchema,
  channel: z.string(),
  recipient: personal(z.string()),
  subject: z.string().nullable(),
  body: personal(z.string()),
  at: z.string(),
});

export const messageLogResponseSchema = z.object({ items: z.array(messageLogEntrySchema) });
export type MessageLogResponse = z.infer<typeof messageLogResponseSchema>;

export const reminderSchema = z.object({
  id: uuidSchema,
  channel: z.string(),
  recipient: personal(z.string()),
  status: z.enum(OUTBOX_STATUSES),
  sendAfter: z.string(),
  sentAt: z.string().nullable(),
  body: personal(z.string()),
  lastError: z.string().nullable(),
});
export type Reminder = z.infer<typeof reminderSchema>;
