/**
 * Every code list of the product, defined once (ADR 016). Request and response schemas, the pure
 * rules in packages/domain and the web's pickers all derive from these arrays; none of them
 * spells a list again.
 *
 * Lists stored as PostgreSQL enums (prisma/schema.prisma) are named in `DATABASE_ENUMS` with the
 * enum they must equal, value for value and in order: apps/api/test/code-lists.test.ts reads
 * pg_enum and fails when a list and its enum differ (a value added to one and not the other).
 * The other lists are stored as text and checked on the way in by the schemas built from them.
 */

// ---- People and accounts -------------------------------------------------------------------

/** `service`: integrations (payment feeds) that sign in through the API only. */
export const ROLES = ['collector', 'supervisor', 'admin', 'service'] as const;
export const LOCALES = ['en', 'zh-CN'] as const;
export const SALUTATIONS = ['mr', 'ms', 'mx', 'dr', 'none'] as const;
export const COMPLIANCE_PROFILES = ['US', 'UK', 'CN'] as const;
export const ACCOUNT_STATUSES = ['open', 'settled', 'closed', 'charged_off', 'recalled'] as const;
export const CONTACT_POINT_KINDS = ['phone', 'email', 'address'] as const;
export const CONTACT_POINT_TYPES = ['home', 'mobile', 'work', 'other'] as const;
export const CONTACT_POINT_STATUSES = ['valid', 'invalid', 'unverified'] as const;
/** Where a contact point's zones came from (ADR 019). */
export const ZONE_SOURCES = ['number', 'address', 'customer', 'collector'] as const;
/** Delinquency stages, in order (packages/domain stageFor). */
export const STAGES = ['pre_due', 'm1', 'm2', 'm3', 'm4_plus'] as const;

// ---- Contacts and their outcomes -----------------------------------------------------------

export const CHANNELS = ['phone', 'sms', 'email', 'letter', 'visit'] as const;
export const DIRECTIONS = ['outbound', 'inbound'] as const;
export const PARTIES_REACHED = ['debtor', 'third_party', 'nobody'] as const;
/**
 * How the person who answered was confirmed to be the customer before any debt detail was given
 * (right-party verification, compliance.md "Third parties"): their full name and one more fact on file.
 */
export const RIGHT_PARTY_METHODS = ['name_and_date_of_birth', 'name_and_postcode'] as const;
export const DISPOSITIONS = [
  'no_answer',
  'busy',
  'voicemail',
  'wrong_number',
  'right_party_contact',
  'refused',
  'dispute',
  'claims_paid',
  'callback_requested',
  'promise_to_pay',
  /** A third party took a message: a name and a number to call back, the debt never mentioned (ADR 036). */
  'message_left',
  /** A third party said the customer is not available (not in, at work). */
  'not_available',
  /** A third party declined to pass a message (without asking not to be called: that is refused). */
  'message_refused',
  /** A text, an e-mail or a letter sent by hand: nobody reached by sending it. */
  'message_sent',
] as const;
export const STOP_FLAG_TYPES = [
  'cease_request',
  'attorney_represented',
  'dispute_hold',
  'bankruptcy',
  'deceased',
  'breathing_space',
  'mental_capacity',
  'do_not_contact',
  /** UK mental-health crisis breathing space: no fixed end; until crisis treatment ends, plus 30 days (ADR 023). */
  'mental_health_crisis',
] as const;
/** Why a collector overrode the contact gate (stored as text with the attempt). */
export const OVERRIDE_REASON_CODES = ['customer_requested_contact', 'supervisor_approved', 'hardship_support'] as const;
/** The willingness step's branches: which one the collector chose on the call (stored with the attempt). */
export const SCRIPT_BRANCHES = ['willing_able', 'willing_unable', 'unwilling'] as const;
/**
 * How willing and able to pay the customer seems, judged from promise outcomes and the willingness
 * branches collectors recorded on recent calls (domain `willingness`, ADR 037).
 */
export const WILLINGNESS_ASSESSMENTS = [
  'keeps_promises',
  'mixed',
  'breaks_promises',
  'willing_able',
  'willing_unable',
  'unwilling',
  'no_history',
] as const;
/** What the customer raised on the call (stored as text in the attempt; the objection library's categories). */
export const OBJECTION_CATEGORIES = [
  'already_paid',
  'payment_in_progress',
  'cash_flow',
  'job_loss_or_illness',
  'never_received_bill',
  'dispute',
  'forgot',
  'call_later',
  'wrong_person',
] as const;
/** How a customer pays or says they paid (promises and claimed payments; stored as text). */
export const PAYMENT_CHANNELS = [
  'bank_transfer',
  'card',
  'direct_debit',
  'online_banking',
  'alipay',
  'wechat_pay',
  'cash_at_branch',
  'cheque',
] as const;
/**
 * Why a collector handed back a reserved account without recording an outcome (ADR 032). `other`
 * needs a note. A skip keeps the account out of that collector's queue for a short cooldown, a
 * give-back until the end of their day.
 */
export const RESERVATION_RELEASE_KINDS = ['skip', 'give_back'] as const;
export const RESERVATION_RELEASE_REASONS = ['customer_busy_now', 'needs_supervisor', 'wrong_queue', 'other'] as const;
export const CALLBACK_STATUSES = ['pending', 'done', 'cancelled'] as const;

// ---- Promises, payments, messages ----------------------------------------------------------

export const PROMISE_STATUSES = ['pending', 'kept', 'partly_kept', 'broken', 'cancelled', 'superseded'] as const;
export const PROMISE_CHANGE_CAUSES = [
  'payment_posted',
  'payment_reversed',
  'grace_expired',
  'cancelled',
  'superseded',
  'amended',
] as const;
export const PLAN_STATUSES = ['active', 'completed', 'broken', 'cancelled'] as const;
export const VERIFICATION_STATUSES = ['open', 'matched', 'cancelled'] as const;
export const OUTBOX_STATUSES = ['queued', 'sent', 'blocked', 'failed', 'cancelled'] as const;
/** What an import (run as a job, ADR 042) loads, and where it is. */
export const IMPORT_KINDS = ['payments', 'portfolio'] as const;
export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
/** A dispute (Reg F 1006.38): open -> verification_sent -> closed, or withdrawn while open. */
export const DISPUTE_STATUSES = ['open', 'verification_sent', 'closed', 'withdrawn'] as const;
export const DISPUTE_METHODS = ['written', 'oral'] as const;

// ---- Scripts and policies ------------------------------------------------------------------

export const SCRIPT_VERSION_STATUSES = [
  'draft',
  'published',
  'archived',
  'awaiting_approval',
  'rejected',
  'approved',
] as const;
/** Champion/challenger experiments (ADR 056). */
export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped', 'promoted'] as const;
/** An objection answer's saved version: in force once approved (at once when it has no findings). */
export const OBJECTION_VERSION_STATUSES = ['approved', 'awaiting_approval', 'rejected'] as const;
/** The script linter's categories (compliance.md, "Script library linter"). */
export const LINT_CATEGORIES = [
  'arrest_or_crime',
  'impersonation',
  'false_legal_action',
  'false_urgency',
  'third_party_disclosure',
  'insult',
  'blacklist_or_relatives',
  'borrow_to_pay',
  'private_channel_or_fee',
  'visit_or_violence',
  'missing_disclosure',
] as const;
export const POLICY_KINDS = ['stage_thresholds', 'compliance_profile', 'promise_rules', 'queue_weights'] as const;

export type RoleCode = (typeof ROLES)[number];
export type ComplianceProfileCode = (typeof COMPLIANCE_PROFILES)[number];
export type ZoneSourceCode = (typeof ZONE_SOURCES)[number];
export type ContactPointKindCode = (typeof CONTACT_POINT_KINDS)[number];
export type ContactPointTypeCode = (typeof CONTACT_POINT_TYPES)[number];
export type ContactPointStatusCode = (typeof CONTACT_POINT_STATUSES)[number];
export type ChannelCode = (typeof CHANNELS)[number];
export type DirectionCode = (typeof DIRECTIONS)[number];
export type PartyReachedCode = (typeof PARTIES_REACHED)[number];
export type RightPartyMethodCode = (typeof RIGHT_PARTY_METHODS)[number];
export type DispositionCode = (typeof DISPOSITIONS)[number];
export type StopFlagTypeCode = (typeof STOP_FLAG_TYPES)[number];
export type ObjectionCategoryCode = (typeof OBJECTION_CATEGORIES)[number];
export type PaymentChannelCode = (typeof PAYMENT_CHANNELS)[number];
export type LintCategoryCode = (typeof LINT_CATEGORIES)[number];
export type PolicyKindCode = (typeof POLICY_KINDS)[number];
export type DisputeStatusCode = (typeof DISPUTE_STATUSES)[number];
export type DisputeMethodCode = (typeof DISPUTE_METHODS)[number];

/**
 * The PostgreSQL enum (by its name in schema.prisma) each stored list must equal. Every enum of
 * the schema is here: a new enum without a list fails the same test.
 */
export const DATABASE_ENUMS = {
  Role: ROLES,
  Locale: LOCALES,
  Salutation: SALUTATIONS,
  ComplianceProfile: COMPLIANCE_PROFILES,
  ContactPointKind: CONTACT_POINT_KINDS,
  ContactPointType: CONTACT_POINT_TYPES,
  ContactPointStatus: CONTACT_POINT_STATUSES,
  ZoneSource: ZONE_SOURCES,
  AccountStatus: ACCOUNT_STATUSES,
  StopFlagType: STOP_FLAG_TYPES,
  Channel: CHANNELS,
  Direction: DIRECTIONS,
  PartyReached: PARTIES_REACHED,
  RightPartyMethod: RIGHT_PARTY_METHODS,
  ScriptBranch: SCRIPT_BRANCHES,
  Disposition: DISPOSITIONS,
  PromiseStatus: PROMISE_STATUSES,
  PromiseChangeCause: PROMISE_CHANGE_CAUSES,
  VerificationStatus: VERIFICATION_STATUSES,
  OutboxStatus: OUTBOX_STATUSES,
  ImportKind: IMPORT_KINDS,
  ImportStatus: IMPORT_STATUSES,
  DisputeStatus: DISPUTE_STATUSES,
  DisputeMethod: DISPUTE_METHODS,
  PlanStatus: PLAN_STATUSES,
  CallbackStatus: CALLBACK_STATUSES,
  ScriptVersionStatus: SCRIPT_VERSION_STATUSES,
  ExperimentStatus: EXPERIMENT_STATUSES,
  ObjectionVersionStatus: OBJECTION_VERSION_STATUSES,
  Stage: STAGES,
  PolicyKind: POLICY_KINDS,
} as const satisfies Record<string, readonly string[]>;

/** "must be one of a, b, c": the message every list's schema gives. */
export const oneOf = (list: readonly string[]) => `must be one of ${list.join(', ')}`;
