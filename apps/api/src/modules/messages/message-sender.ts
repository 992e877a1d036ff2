import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
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

export interface OutgoingLetter {
  outboxId: string;
  fileName: string;
  pdf: Buffer;
}

/** Hands a letter to print and mail. Swap in a print vendor's API behind this interface. */
export interface LetterDrop {
  drop(letter: OutgoingLetter): Promise<{ providerMessageId: string }>;
}

/** Renders a letter for the moment it goes out (its content may depend on the day: the validation notice's end date). */
export interface LetterRenderer {
  renderForSending(outboxId: string, sendAt: Date): Promise<{ fileName: string; pdf: Buffer }>;
}

/**
 * The built-in letter drop: writes each letter's PDF into a spool folder (like a print vendor's
 * SFTP drop), named by its outbox id, so sending the same letter again replaces the file instead
 * of printing it twice. Written to a temporary name and renamed: the vendor never sees half a file.
 */
export function createSpoolLetterDrop(dir: string): LetterDrop {
  return {
    async drop({ outboxId, pdf }) {
      await mkdir(dir, { recursive: true });
      const name = `${outboxId}.pdf`;
      const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
      await writeFile(tmp, pdf);
      await rename(tmp, path.join(dir, name));
      return { providerMessageId: `spool:${name}` };
    },
  };
}
