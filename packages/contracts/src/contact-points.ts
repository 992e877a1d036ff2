import { z } from 'zod';
import { problem } from './problems.js';
import { CONTACT_POINT_KINDS, CONTACT_POINT_STATUSES, CONTACT_POINT_TYPES, ZONE_SOURCES, oneOf } from './code-lists.js';
import { personal } from './personal-data.js';

// ---- Contact points added and edited by hand (a collector learns a number or an address in a call) ----

/** The IANA zones this runtime knows, canonical names ("Pacific/Honolulu"); an enum, so the OpenAPI document lists them. */
export const IANA_ZONES = Intl.supportedValuesOf('timeZone') as [string, ...string[]];
export const ianaZoneSchema = z.enum(IANA_ZONES, { message: 'must be an IANA time zone such as America/New_York' });

const common = {
  type: z.enum(CONTACT_POINT_TYPES, { message: oneOf(CONTACT_POINT_TYPES) }),
  label: z.string().trim().max(100).optional(),
  /** Where the customer said they are when using this number or address. */
  timeZone: ianaZoneSchema.optional(),
  /** How the collector learned it (audited). */
  note: z.string().trim().max(1000).optional(),
};

/**
 * A new number, e-mail address or postal address of the account's customer. A number is parsed
 * by the server (libphonenumber; a national number is read in `country`, else in the account's
 * profile's country; 400 naming value when it is not a possible number) and its zones derived
 * from it as on import; `timeZone` is where the customer said they are (it joins the derived
 * zones: the calling window applies in all of them).
 */
export const newContactPointBodySchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('phone'),
      ...common,
      value: personal(z.string().trim().min(1, { message: 'is required' }).max(40)),
      /** ISO 3166 country of a number written without its country code (default: the account's profile's). */
      country: z
        .string()
        .regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166 country code such as US' })
        .optional(),
    }),
    z.object({
      kind: z.literal('email'),
      ...common,
      value: personal(
        z
          .string()
          .trim()
          .max(254)
          .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'must be an e-mail address' }),
      ),
    }),
    z.object({
      kind: z.literal('address'),
      ...common,
      /** Street lines and town. */
      value: personal(z.string().trim().min(1, { message: 'is required' }).max(300)),
      country: z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166 country code such as US' }),
      /** ZIP or postcode (a US ZIP gives the zone). */
      postalCode: personal(z.string().trim().min(1).max(20)).optional(),
      /** State or region (US: the two-letter state). */
      region: z.string().trim().min(1).max(60).optional(),
    }),
  ],
  { message: oneOf(CONTACT_POINT_KINDS) },
);
export type NewContactPointBody = z.infer<typeof newContactPointBodySchema>;

/**
 * Changes to a contact point (only the fields named): its type and label, the zone the customer
 * stated (null: back to the derived zones), and its status; marking it invalid needs a reason.
 * The value itself is never edited: a new number is a new contact point (attempts keep theirs).
 */
export const updateContactPointBodySchema = z
  .object({
    type: z.enum(CONTACT_POINT_TYPES, { message: oneOf(CONTACT_POINT_TYPES) }).optional(),
    label: z.string().trim().max(100).nullable().optional(),
    timeZone: ianaZoneSchema.nullable().optional(),
    status: z.enum(CONTACT_POINT_STATUSES, { message: oneOf(CONTACT_POINT_STATUSES) }).optional(),
    /** Why it is marked invalid ("wrong number: a restaurant answered"); required with status invalid. */
    reason: z.string().trim().min(3, { message: 'must say why (3+ characters)' }).max(1000).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.status === 'invalid' && !b.reason)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'is required when marking it invalid',
        params: problem('required'),
      });
  });
export type UpdateContactPointBody = z.infer<typeof updateContactPointBodySchema>;

export const contactPointParamsSchema = z.object({
  id: z.uuid({ message: 'must be a UUID' }),
  pointId: z.uuid({ message: 'must be a UUID' }),
});

/**
 * A contact point as added or edited: what was decided about it, not the number or address
 * itself (the caller sent it; the case file, an audited read, shows it as stored).
 */
export const contactPointSchema = z.object({
  id: z.uuid(),
  kind: z.enum(CONTACT_POINT_KINDS),
  type: z.enum(CONTACT_POINT_TYPES),
  label: z.string().nullable(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  status: z.enum(CONTACT_POINT_STATUSES),
  statusReason: z.string().nullable(),
  timeZones: z.array(z.string()),
  zoneSource: z.enum(ZONE_SOURCES).nullable(),
  source: z.string(),
});
export type ContactPointRecordDto = z.infer<typeof contactPointSchema>;
