import { z } from 'zod';
import { accountDisputesSchema } from './disputes.js';
import { accountStatusSchema } from './accounts.js';
import {
  CHANNELS,
  COMPLIANCE_PROFILES,
  CONTACT_POINT_KINDS,
  CONTACT_POINT_STATUSES,
  ZONE_SOURCES,
  CONTACT_POINT_TYPES,
  DIRECTIONS,
  DISPOSITIONS,
  OBJECTION_CATEGORIES,
  SCRIPT_BRANCHES,
  OVERRIDE_REASON_CODES,
  PARTIES_REACHED,
  PAYMENT_CHANNELS,
  PLAN_STATUSES,
  RIGHT_PARTY_METHODS,
  PROMISE_STATUSES,
  RESERVATION_RELEASE_KINDS,
  RESERVATION_RELEASE_REASONS,
  SALUTATIONS,
  STOP_FLAG_TYPES,
  VERIFICATION_STATUSES,
  WILLINGNESS_ASSESSMENTS,
  oneOf,
} from './code-lists.js';
import { customerPreferencesSchema } from './consent.js';
import { personal } from './personal-data.js';
import { reminderSchema } from './messages.js';
import {
  amountMinorSchema,
  storedAmountMinorSchema,
  currencySchema,
  isoDateSchema,
  isoDateTimeSchema,
  limitSchema,
  localeSchema,
  stageSchema,
  uuidSchema,
} from './fields.js';

// ---- Contact gate and queue ----------------------------------------------------------------

export const gateReasonSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  until: z.string().nullable(),
  overridable: z.boolean(),
});
export type GateReasonDto = z.infer<typeof gateReasonSchema>;

export const gateVerdictSchema = z.object({
  allowed: z.boolean(),
  reasons: z.array(gateReasonSchema),
  nextAllowedAt: z.string().nullable(),
  viaCallback: z.boolean(),
  overridable: z.boolean(),
});
export type GateVerdictDto = z.infer<typeof gateVerdictSchema>;

export const queueReasonSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  points: z.number(),
});
export type QueueReasonDto = z.infer<typeof queueReasonSchema>;

/**
 * One row of the queue list: only what the list shows (ADR 050). Anything else the desk needs about
 * an account (its number, days past due, the phone to call...) comes from its case file.
 */
const queueRowFields = {
  accountId: uuidSchema,
  debtorName: personal(z.string()),
  stage: stageSchema,
};

/** A callable account: its overdue amount, the customer's clock, and the (at most two) reasons it ranks where it does. */
export const queueItemSchema = z.object({
  ...queueRowFields,
  overdueMinor: storedAmountMinorSchema,
  currency: currencySchema,
  customerLocalTime: z.string(),
  reasons: z.array(queueReasonSchema).max(2),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

/** A blocked account: why, and when it opens (shown on the customer's clock). */
export const blockedQueueItemSchema = z.object({
  ...queueRowFields,
  customerTimeZone: z.string(),
  reasons: z.array(gateReasonSchema),
  nextAllowedAt: z.string().nullable(),
});
export type BlockedQueueItem = z.infer<typeof blockedQueueItemSchema>;

export const QUEUE_LISTS = ['callable', 'blocked'] as const;
export type QueueList = (typeof QUEUE_LISTS)[number];

export const queueQuerySchema = z.object({
  collectorId: uuidSchema
    .optional()
    .describe(
      'Whose queue. Collectors: their own (omit it, or their own id). Supervisors: required, a collector in a team they supervise. Admins: required, any collector.',
    ),
  list: z
    .enum(QUEUE_LISTS, { message: oneOf(QUEUE_LISTS) })
    .default('callable')
    .describe('Which list: callable accounts by priority (default), or blocked ones, soonest to open first.'),
  cursor: z.string().max(300).optional().describe('The nextCursor of the previous page.'),
  limit: limitSchema.describe('Rows per page (1-200, default 50).'),
});
export type QueueQuery = z.input<typeof queueQuerySchema>;

/** The counts the queue's header shows, over the whole queue (not the page). */
export const queueTotalsSchema = z.object({
  callable: z.number().int(),
  blocked: z.number().int(),
  /** Callable accounts whose callback is due (the "callback due" reason). */
  callbacksDue: z.number().int(),
});
export type QueueTotals = z.infer<typeof queueTotalsSchema>;

const queuePageFields = {
  collectorId: uuidSchema,
  generatedAt: z.string(),
  totals: queueTotalsSchema,
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
};

/** One page of one list of the collector's queue, with the totals of both (ADR 050). */
export const queueResponseSchema = z.discriminatedUnion('list', [
  z.object({ ...queuePageFields, list: z.literal('callable'), items: z.array(queueItemSchema) }),
  z.object({ ...queuePageFields, list: z.literal('blocked'), items: z.array(blockedQueueItemSchema) }),
]);
export type QueueResponse = z.infer<typeof queueResponseSchema>;

export const leaseResponseSchema = z.object({
  accountId: uuidSchema,
  leaseExpiresAt: z.string(),
  reasons: z.array(queueReasonSchema),
});
export type LeaseResponse = z.infer<typeof leaseResponseSchema>;

/**
 * Give back or skip a reserved account without recording an outcome (ADR 032): `kind` and a
 * reason are required, and a note when the reason is `other`.
 */
export const releaseLeaseBodySchema = z
  .object({
    accountId: uuidSchema,
    kind: z.enum(RESERVATION_RELEASE_KINDS, { message: oneOf(RESERVATION_RELEASE_KINDS) }),
    reason: z.enum(RESERVATION_RELEASE_REASONS, { message: oneOf(RESERVATION_RELEASE_REASONS) }),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.reason === 'other' && !body.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'is required when the reason is other' });
  });
export type ReleaseLeaseBody = z.input<typeof releaseLeaseBodySchema>;

/** The signed-in collector's reservation (GET /api/queue/reservation); `now` is the server's clock. */
export const reservationSchema = z.object({
  accountId: uuidSchema,
  /** When the reservation ends (ISO, UTC); in the past when it has expired and nobody else took it. */
  expiresAt: z.string(),
  now: z.string(),
  /** How long a reservation (or an extension) lasts: the web extends once less than half is left. */
  leaseSeconds: z.number().int(),
});
export type Reservation = z.infer<typeof reservationSchema>;

export const extendReservationBodySchema = z.object({ accountId: uuidSchema });

/** One of the collector's pending callbacks due today (GET /api/queue/callbacks). */
export const callbackTodaySchema = z.object({
  id: uuidSchema,
  accountId: uuidSchema,
  externalId: z.string(),
  debtorName: personal(z.string()),
  /** The instant it is due (ISO, UTC). */
  dueAt: z.string(),
  /** The customer's zone: the due time is shown in it. */
  customerTimeZone: z.string(),
  /** The due time on the customer's clock, HH:mm, and their calendar date. */
  customerDueTime: z.string(),
  customerDueDate: isoDateSchema,
  /** Due before now and still pending: missed. */
  overdue: z.boolean(),
});
export type CallbackToday = z.infer<typeof callbackTodaySchema>;

export const callbacksTodayResponseSchema = z.object({
  /** The window: due from `from` (12 hours ago) until `to` (the end of the collector's day in their zone). */
  from: z.string(),
  to: z.string(),
  items: z.array(callbackTodaySchema),
});
export type CallbacksTodayResponse = z.infer<typeof callbacksTodayResponseSchema>;

// ---- Case file -----------------------------------------------------------------------------

export const contactPointDtoSchema = z.object({
  id: uuidSchema,
  kind: z.enum(CONTACT_POINT_KINDS),
  type: z.enum(CONTACT_POINT_TYPES),
  value: personal(z.string()),
  status: z.enum(CONTACT_POINT_STATUSES),
  optedOut: z.boolean(),
  /** Channels opted out of on this number or address (optedOut: every channel). */
  optedOutChannels: z.array(z.enum(CHANNELS)),
  workInconvenient: z.boolean(),
  source: z.string(),
  /** Every zone this number or address may be in (ADR 019); empty when it tells nothing. */
  timeZones: z.array(z.string()),
  /** Where the zones came from: the number, the address, the customer's zone, a collector. */
  zoneSource: z.enum(ZONE_SOURCES).nullable(),
  /** A collector's label ("sister's landline") and why it was marked invalid (contact points edited by hand). */
  label: z.string().nullable().optional(),
  statusReason: z.string().nullable().optional(),
  lastSuccessAt: z.string().nullable(),
  /** Reached the customer before on this contact point. */
  workedBefore: z.boolean(),
  gate: gateVerdictSchema,
});
export type ContactPointDto = z.infer<typeof contactPointDtoSchema>;

const accountFactsSchema = z.object({
  id: uuidSchema,
  externalId: z.string(),
  creditorName: z.string(),
  product: z.string(),
  currency: currencySchema,
  balanceMinor: storedAmountMinorSchema,
  overdueMinor: storedAmountMinorSchema,
  /** Paid beyond the balance (an overpayment): kept, never lost, and undone exactly by a reversal (ADR 009). */
  creditMinor: storedAmountMinorSchema,
  instalmentMinor: storedAmountMinorSchema,
  oldestUnpaidDueDate: isoDateSchema.nullable(),
  daysPastDue: z.number().int(),
  missedInstalments: z.number().int(),
  stage: stageSchema,
  status: accountStatusSchema,
});

export const historyEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('contact'),
    id: uuidSchema,
    at: z.string(),
    channel: z.string(),
    direction: z.string(),
    partyReached: z.string(),
    disposition: z.string(),
    notes: personal(z.string()).nullable(),
    objections: z.array(z.string()),
    collectorName: z.string().nullable(),
    contactPointValue: personal(z.string()).nullable(),
    overrideReasonCode: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('promise'),
    id: uuidSchema,
    at: z.string(),
    amountMinor: storedAmountMinorSchema,
    currency: currencySchema,
    dueDate: isoDateSchema,
    channel: z.string(),
    status: z.enum(PROMISE_STATUSES),
    paidMinor: storedAmountMinorSchema,
    planId: uuidSchema.nullable(),
    sequence: z.number().int().nullable(),
    /** Last day a payment counts for it (due date + grace days, customer's calendar). */
    graceEnds: isoDateSchema,
    /** The payments that count towards it, earliest promise first (packages/domain rules). */
    allocations: z.array(
      z.object({
        paymentId: uuidSchema,
        amountMinor: storedAmountMinorSchema,
        paidAt: z.string(),
        reference: z.string(),
      }),
    ),
  }),
  z.object({
    kind: z.literal('payment'),
    id: uuidSchema,
    at: z.string(),
    amountMinor: storedAmountMinorSchema,
    currency: currencySchema,
    channel: z.string(),
    reference: z.string(),
    reversal: z.boolean(),
    /** Reversed later (bounced, NSF): it counts for nothing. */
    reversed: z.boolean(),
    /** Which promises it went to; what is left counts towards the balance only. */
    allocatedTo: z.array(
      z.object({ promiseId: uuidSchema, dueDate: isoDateSchema, amountMinor: storedAmountMinorSchema }),
    ),
  }),
  z.object({
    kind: z.literal('plan'),
    id: uuidSchema,
    at: z.string(),
    status: z.enum(PLAN_STATUSES),
    instalments: z.number().int(),
    totalMinor: storedAmountMinorSchema,
    currency: currencySchema,
  }),
]);
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const caseFileSchema = z.object({
  account: accountFactsSchema.extend({
    complianceProfile: z.enum(COMPLIANCE_PROFILES),
    assignedCollector: z.object({ id: uuidSchema, displayName: z.string() }).nullable(),
    lease: z.object({ collectorId: uuidSchema, collectorName: z.string(), expiresAt: z.string() }).nullable(),
  }),
  customer: z.object({
    id: uuidSchema,
    salutation: z.enum(SALUTATIONS),
    fullName: personal(z.string()),
    familyName: personal(z.string()),
    givenName: personal(z.string()),
    ageBand: z.string().nullable(),
    preferredLanguage: localeSchema,
    timeZone: z.string(),
    localTime: z.string(),
    localDate: isoDateSchema,
    /**
     * Every zone the customer is known to be in (home zone, numbers, addresses) with its side of
     * the calling window now; `binding`: the one that closes first (or, when any is closed, opens
     * last). The gate allows a timed contact only inside the window in all of them.
     */
    zones: z.array(
      z.object({
        zone: z.string(),
        localTime: z.string(),
        open: z.boolean(),
        closesAt: z.string().nullable(),
        opensAt: z.string().nullable(),
        binding: z.boolean(),
        /** The customer's home zone. */
        home: z.boolean(),
        /** The contact points that place the customer in this zone. */
        contactPointIds: z.array(uuidSchema),
      }),
    ),
    employmentNotes: personal(z.string()).nullable(),
    householdNotes: personal(z.string()).nullable(),
    /** On file, to confirm the person who answers is the customer before any debt detail (right-party verification). */
    dateOfBirth: personal(isoDateSchema.nullable()),
    /** Preferred channel and time, inconvenient times, as the customer stated them (the gate honours the last). */
    preferences: customerPreferencesSchema,
  }),
  contactPoints: z.array(contactPointDtoSchema),
  /**
   * The customer's third parties (never collected from, never told about the debt), with whether
   * one may be called now under the third-party rules, and what to say to them.
   */
  thirdParties: z.array(
    z.object({
      id: uuidSchema,
      relationship: z.string(),
      name: personal(z.string()),
      phone: personal(z.string()).nullable(),
      source: z.string(),
      doNotContact: z.boolean(),
      moreContactRequested: z.boolean(),
      /** Outbound calls placed to them so far. */
      callsMade: z.number().int(),
      gate: gateVerdictSchema,
    }),
  ),
  /** What to say to a third party: who is calling, the customer asked for first, never the debt. */
  thirdPartyScript: z.array(z.object({ key: z.string(), title: z.string(), text: personal(z.string()) })),
  otherAccounts: z.array(accountFactsSchema),
  /** The stop flag types this account's compliance profile accepts (and do-not-contact always): the ones a form offers. */
  settableStopFlags: z.array(z.enum(STOP_FLAG_TYPES)),
  stopFlags: z.array(
    z.object({
      id: uuidSchema,
      type: z.string(),
      reason: z.string(),
      setAt: z.string(),
      expiresAt: z.string().nullable(),
      accountId: uuidSchema.nullable(),
    }),
  ),
  history: z.array(historyEntrySchema),
  pendingCallback: z.object({ id: uuidSchema, dueAt: z.string() }).nullable(),
  /** Reminders queued or sent for this account's promises. */
  reminders: z.array(reminderSchema),
  /** Validation notices (Reg F 1006.34) and disputes (1006.38): sent when, period ends, days left; status, response due. */
  disputes: accountDisputesSchema,
  /** "I already paid" claims and whether a matching payment has arrived. */
  claimedPayments: z.array(
    z.object({
      id: uuidSchema,
      claimedPaidOn: isoDateSchema,
      claimedAmountMinor: storedAmountMinorSchema,
      claimedChannel: z.string(),
      claimedReference: z.string().nullable(),
      status: z.enum(VERIFICATION_STATUSES),
      matchedPaymentId: uuidSchema.nullable(),
    }),
  ),
  summary: z.object({
    promisesKept: z.number().int(),
    promisesPartlyKept: z.number().int(),
    promisesBroken: z.number().int(),
    promisesPending: z.number().int(),
    /** Judged from promise outcomes and the branches recorded on recent calls (ADR 037). */
    willingness: z.enum(WILLINGNESS_ASSESSMENTS),
    /** The willingness branches collectors recorded on recent calls, newest first (the customer's local date). */
    recentBranches: z.array(z.object({ date: isoDateSchema, branch: z.enum(SCRIPT_BRANCHES) })),
    lastContact: z.object({ at: z.string(), disposition: z.string(), partyReached: z.string() }).nullable(),
    bestHours: z.array(z.number().int()),
    /** Verdict for the best phone number now. */
    gate: gateVerdictSchema.extend({ contactPointId: uuidSchema.nullable() }),
  }),
});
export type CaseFile = z.infer<typeof caseFileSchema>;

// ---- Suggested script ----------------------------------------------------------------------

/** A step as the collector reads it: filled in with the customer's name and amounts. */
export const scriptStepSchema = z.object({
  key: z.string(),
  title: z.string(),
  text: personal(z.string()),
  branches: z.array(z.object({ key: z.string(), title: z.string(), text: personal(z.string()) })).optional(),
});

export const suggestedScriptSchema = z.object({
  scriptVersionId: uuidSchema,
  scriptName: z.string(),
  version: z.number().int(),
  stage: stageSchema,
  locale: localeSchema,
  steps: z.array(scriptStepSchema),
  objections: z.array(
    z.object({
      id: uuidSchema,
      category: z.string(),
      customerSays: personal(z.string()),
      answer: personal(z.string()),
    }),
  ),
});
export type SuggestedScript = z.infer<typeof suggestedScriptSchema>;

// ---- Recording an outcome ------------------------------------------------------------------

export const recordContactBodySchema = z.object({
  channel: z.enum(CHANNELS, { message: oneOf(CHANNELS) }),
  direction: z.enum(DIRECTIONS).default('outbound'),
  contactPointId: uuidSchema.optional(),
  partyReached: z.enum(PARTIES_REACHED, { message: 'must be debtor, third_party or nobody' }),
  disposition: z.enum(DISPOSITIONS, { message: oneOf(DISPOSITIONS) }),
  notes: z.string().max(4000, { message: 'must be at most 4000 characters' }).optional(),
  objections: z.array(z.enum(OBJECTION_CATEGORIES)).max(OBJECTION_CATEGORIES.length).optional(),
  /** The script version shown during the call (a version of a script serving the account's stage). */
  scriptVersionId: uuidSchema.optional(),
  /** The willingness branch the collector chose in that script; only with scriptVersionId. */
  scriptBranch: z.enum(SCRIPT_BRANCHES, { message: oneOf(SCRIPT_BRANCHES) }).optional(),
  promise: z
    .object({
      amountMinor: amountMinorSchema,
      dueDate: isoDateSchema,
      channel: z.enum(PAYMENT_CHANNELS, { message: oneOf(PAYMENT_CHANNELS) }),
    })
    .optional(),
  plan: z
    .array(z.object({ amountMinor: amountMinorSchema, dueDate: isoDateSchema }))
    .min(2, { message: 'needs at least 2 instalments' })
    .max(24, { message: 'can have at most 24 instalments' })
    .optional(),
  planChannel: z.enum(PAYMENT_CHANNELS).optional(),
  callbackAt: isoDateTimeSchema.optional(),
  claimedPayment: z
    .object({
      paidAt: isoDateSchema,
      amountMinor: amountMinorSchema,
      channel: z.enum(PAYMENT_CHANNELS),
      reference: z.string().max(100).optional(),
    })
    .optional(),
  flag: z
    .object({
      type: z.enum(STOP_FLAG_TYPES),
      reason: z.string().trim().min(3, { message: 'must explain why (3+ characters)' }).max(1000),
    })
    .optional(),
  /**
   * Who was reached, when a third party (relative, employer...) was: one of the customer's third
   * parties, or `thirdParty` for someone new. With no contactPointId, the call was to the third
   * party's own number and the third-party rules decide it (do-not-contact, US one location call,
   * CN only once the customer is unreachable).
   */
  thirdPartyId: uuidSchema.optional(),
  thirdParty: z
    .object({
      relationship: z.string().trim().min(1, { message: 'must say who they are to the customer' }).max(100),
      name: z.string().trim().min(1, { message: 'is required' }).max(200),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[\d\s().-]{5,30}$/, { message: 'must be a phone number' })
        .optional(),
    })
    .optional(),
  /** The third party asked to be contacted again (US: the one-call limit then does not apply to them). */
  thirdPartyAsksMoreContact: z.boolean().optional(),
  /**
   * Right-party verification (compliance.md "Third parties"): how and when the person who answered
   * was confirmed to be the customer, before the desk showed any debt detail. Only with partyReached debtor.
   */
  rightPartyVerification: z
    .object({
      method: z.enum(RIGHT_PARTY_METHODS, { message: oneOf(RIGHT_PARTY_METHODS) }),
      verifiedAt: isoDateTimeSchema,
    })
    .optional(),
  override: z
    .object({
      reasonCode: z.enum(OVERRIDE_REASON_CODES),
      note: z.string().trim().min(3, { message: 'must explain the override' }).max(1000),
    })
    .optional(),
});
export type RecordContactBody = z.infer<typeof recordContactBodySchema>;

export const recordContactResponseSchema = z.object({
  id: uuidSchema,
  accountId: uuidSchema,
  startedAt: z.string(),
  disposition: z.string(),
  promiseIds: z.array(uuidSchema),
  planId: uuidSchema.nullable(),
  callbackId: uuidSchema.nullable(),
  stopFlagId: uuidSchema.nullable(),
  overrideUsed: z.boolean(),
  /** True when the caller's reservation of the account had expired before this save (ADR 032). */
  reservationExpired: z.boolean().optional(),
});
export type RecordContactResponse = z.infer<typeof recordContactResponseSchema>;

export const accountIdParamsSchema = z.object({ id: uuidSchema });
