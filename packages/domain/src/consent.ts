import { inconvenientTimesSchema, type ChannelCode, type CustomerPreferences } from '@crm/contracts';
import type { LocalTimeSpan } from './contact-gate.js';

/**
 * Consent and preferences (compliance.md "Channel opt-outs", "Work contact", customer-stated
 * inconvenient times): the pure parts. The contact gate honours them (contact-gate.ts).
 */

/**
 * The stored inconvenient times of a customer, checked: they were validated when recorded, so a
 * value that does not parse is corruption, and the gate must not silently forget what the
 * customer asked (an error, never an empty list).
 */
export function inconvenientTimesOf(stored: unknown): LocalTimeSpan[] {
  const parsed = inconvenientTimesSchema.safeParse(stored ?? []);
  if (!parsed.success)
    throw new Error(`Stored inconvenient times are not a list of HH:mm spans: ${JSON.stringify(stored)}`);
  return parsed.data;
}

/**
 * Keywords that opt a number out of SMS when a reply consists of one of them (the carriers'
 * and CTIA's standard opt-out words, and the Chinese 退订 / TD used by CN SMS providers).
 * Matched on the whole reply, trimmed, case- and width-insensitive, trailing punctuation ignored.
 */
export const SMS_STOP_KEYWORDS = [
  'STOP',
  'STOPALL',
  'STOP ALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPT OUT',
  'OPTOUT',
  'REVOKE',
  'TD',
  '退订',
  '退訂',
] as const;

const STOP = new Set<string>(SMS_STOP_KEYWORDS);

/** Whether an inbound SMS is an opt-out reply. */
export function isSmsStopReply(text: string): boolean {
  const normal = text
    .normalize('NFKC')
    .trim()
    .replace(/[\s.!。！]+$/u, '')
    .replace(/\s+/g, ' ')
    .toUpperCase();
  return STOP.has(normal);
}

/** A phone number's digits, the national trunk prefix kept: how an inbound sender is matched to our numbers. */
export function phoneDigits(value: string): string {
  return value.replace(/\D/g, '');
}

/** The stored preferences as sent (the customer's own zone). */
export function preferencesOf(d: {
  preferredChannel: ChannelCode | null;
  preferredTimeStart: string | null;
  preferredTimeEnd: string | null;
  inconvenientTimes: unknown;
}): CustomerPreferences {
  return {
    preferredChannel: d.preferredChannel,
    preferredTime:
      d.preferredTimeStart && d.preferredTimeEnd ? { start: d.preferredTimeStart, end: d.preferredTimeEnd } : null,
    inconvenientTimes: inconvenientTimesOf(d.inconvenientTimes),
  };
}
