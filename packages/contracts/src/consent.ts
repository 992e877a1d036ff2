import { z } from 'zod';
import { problem } from './problems.js';
import { CHANNELS, oneOf } from './code-lists.js';
import { personal } from './personal-data.js';

// ---- Consent and preferences (compliance.md: channel opt-outs, work contact, customer-stated times) ----

export const hhmmSchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time HH:mm between 00:00 and 23:59' });

/** A local-time span in the customer's own zone; the end is exclusive and may be past midnight (start = end: empty). */
export const localTimeSpanSchema = z.object({ start: hhmmSchema, end: hhmmSchema });
export type LocalTimeSpanDto = z.infer<typeof localTimeSpanSchema>;

/** Times the customer said are inconvenient (as stored on the customer and as sent). */
export const inconvenientTimesSchema = z.array(localTimeSpanSchema).max(6, { message: 'can have at most 6 spans' });

/** What the customer said, and why it is recorded: every consent change needs a note (audited). */
const consentNote = z.string().trim().min(3, { message: 'must say what the customer said (3+ characters)' }).max(1000);

const channelSchema = z.enum(CHANNELS, { message: oneOf(CHANNELS) });

/**
 * A number's or an address's consent as the customer now states it (replaces it): opted out of
 * everything, the channels opted out of (an SMS opt-out leaves calls allowed), work inconvenient.
 */
export const contactPointConsentBodySchema = z.object({
  /** Opted out of every channel on this number or address. */
  optedOut: z.boolean(),
  /** The channels opted out of on it. */
  optedOutChannels: z
    .array(channelSchema)
    .max(CHANNELS.length)
    .refine((l) => new Set(l).size === l.length, {
      message: 'must not repeat a channel',
      params: problem('duplicate'),
    }),
  /** The customer said calls at work are inconvenient (work numbers only). */
  workInconvenient: z.boolean(),
  note: consentNote,
});
export type ContactPointConsentBody = z.infer<typeof contactPointConsentBodySchema>;

export const contactPointConsentSchema = z.object({
  contactPointId: z.uuid(),
  optedOut: z.boolean(),
  optedOutChannels: z.array(channelSchema),
  workInconvenient: z.boolean(),
});
export type ContactPointConsent = z.infer<typeof contactPointConsentSchema>;

/** The customer's stated preferences (replaces them all): preferred channel and time, inconvenient times. */
export const customerPreferencesSchema = z.object({
  preferredChannel: channelSchema.nullable(),
  preferredTime: localTimeSpanSchema.nullable(),
  inconvenientTimes: inconvenientTimesSchema,
});
export type CustomerPreferences = z.infer<typeof customerPreferencesSchema>;

export const customerPreferencesBodySchema = customerPreferencesSchema.extend({ note: consentNote });
export type CustomerPreferencesBody = z.infer<typeof customerPreferencesBodySchema>;

export const consentPointParamsSchema = z.object({
  id: z.uuid({ message: 'must be a UUID' }),
  pointId: z.uuid({ message: 'must be a UUID' }),
});

// ---- Inbound SMS from the messaging provider (a STOP reply) ----------------------------------

export const inboundSmsBodySchema = z.object({
  /** The sender's number as the provider gives it (E.164 or national; compared by its digits). */
  from: personal(
    z
      .string()
      .trim()
      .regex(/^\+?[\d\s().-]{5,30}$/, { message: 'must be a phone number' }),
  ),
  body: personal(z.string().max(1600, { message: 'must be at most 1600 characters' })),
  providerMessageId: z.string().max(200).optional(),
});
export type InboundSmsBody = z.infer<typeof inboundSmsBodySchema>;

export const inboundSmsResponseSchema = z.object({
  /** The message was an opt-out keyword (STOP, UNSUBSCRIBE, 退订...). */
  stop: z.boolean(),
  /** How many of our customers' numbers it opted out of SMS. */
  optedOut: z.number().int(),
});
export type InboundSmsResponse = z.infer<typeof inboundSmsResponseSchema>;

// ---- Third parties: do-not-contact, asked for more contact ---------------------------------

export const thirdPartyConsentBodySchema = z.object({
  /** They asked not to be contacted again. */
  doNotContact: z.boolean(),
  /** They asked to be contacted again (US: the one-location-call limit then does not apply). */
  moreContactRequested: z.boolean(),
  note: consentNote,
});
export type ThirdPartyConsentBody = z.infer<typeof thirdPartyConsentBodySchema>;

export const thirdPartyConsentSchema = z.object({
  thirdPartyId: z.uuid(),
  doNotContact: z.boolean(),
  moreContactRequested: z.boolean(),
});
export type ThirdPartyConsent = z.infer<typeof thirdPartyConsentSchema>;

export const thirdPartyParamsSchema = z.object({
  id: z.uuid({ message: 'must be a UUID' }),
  thirdPartyId: z.uuid({ message: 'must be a UUID' }),
});
