import type { ComplianceProfileCode, PolicyKindCode, StopFlagTypeCode } from '@crm/contracts';
import { DEFAULT_QUEUE_WEIGHTS, type QueueWeights } from './queue-priority.js';
import { DEFAULT_STAGE_THRESHOLDS, type StageThresholds } from './stages.js';

/**
 * Default policy documents (compliance.md). They are starting values written to the
 * `policies` table; admins edit new versions there, code never hard-codes them elsewhere.
 */
export interface ComplianceProfilePolicy {
  profile: ComplianceProfileCode;
  /** Local-time window in which outbound calls are allowed, "HH:mm" 24h, start inclusive, end exclusive. */
  callWindow: { start: string; end: string };
  /** Placed calls allowed per (person, debt) in a rolling window; null = no cap. */
  callCap: { maxCalls: number; windowDays: number } | null;
  /** Unanswered attempts allowed per day per contact method; null = no cap. */
  dailyUnansweredCapPerContactPoint: number | null;
  /** Days without outbound calls after a conversation (day of the conversation = day 1); 0 = none. */
  quietDaysAfterConversation: number;
  /** Stop flags this profile honours. */
  stopFlags: StopFlagTypeCode[];
  /**
   * How long a contact the customer asked for counts as their prior consent, in days (Reg F
   * 1006.14(b)(3)(i): 7): a callback due later is an ordinary appointment.
   */
  priorConsentDays: number;
  /** Third-party contact rules; absent: the shipped profile's (third-parties.ts DEFAULT_THIRD_PARTY_RULES). */
  thirdParty?: { locationCallsPerThirdParty: number | null; onlyWhenCustomerUnreachable: boolean } | undefined;
  /** Validation notices (Reg F 1006.34); absent: the US sends them with a translation, others do not (disputes.ts). */
  validationNotice?: { send: boolean; translation: boolean } | undefined;
  /** Whether a collector may override a block, with a reason code. */
  overrideAllowed: boolean;
  retentionYears: number;
}

export interface PromiseRulesPolicy {
  graceDays: number;
  minAmountMinor: number;
  maxHorizonDays: number;
}

export const DEFAULT_COMPLIANCE_PROFILES: Record<ComplianceProfileCode, ComplianceProfilePolicy> = {
  US: {
    profile: 'US',
    callWindow: { start: '08:00', end: '21:00' },
    callCap: { maxCalls: 7, windowDays: 7 },
    dailyUnansweredCapPerContactPoint: null,
    quietDaysAfterConversation: 7,
    priorConsentDays: 7,
    stopFlags: ['cease_request', 'attorney_represented', 'dispute_hold', 'bankruptcy', 'deceased'],
    overrideAllowed: false,
    retentionYears: 3,
  },
  UK: {
    profile: 'UK',
    callWindow: { start: '08:00', end: '21:00' },
    callCap: { maxCalls: 7, windowDays: 7 },
    dailyUnansweredCapPerContactPoint: null,
    quietDaysAfterConversation: 0,
    priorConsentDays: 7,
    stopFlags: [
      'dispute_hold',
      'breathing_space',
      'mental_health_crisis',
      'mental_capacity',
      'cease_request',
      'deceased',
      'bankruptcy',
    ],
    overrideAllowed: true,
    retentionYears: 3,
  },
  CN: {
    profile: 'CN',
    callWindow: { start: '08:00', end: '22:00' },
    callCap: null,
    dailyUnansweredCapPerContactPoint: 6,
    quietDaysAfterConversation: 0,
    priorConsentDays: 7,
    stopFlags: ['dispute_hold', 'do_not_contact', 'deceased'],
    overrideAllowed: true,
    retentionYears: 2,
  },
};

export const DEFAULT_PROMISE_RULES: PromiseRulesPolicy = {
  graceDays: 3,
  minAmountMinor: 100,
  maxHorizonDays: 30,
};

export interface DefaultPolicy {
  kind: PolicyKindCode;
  key: string;
  data: StageThresholds | ComplianceProfilePolicy | PromiseRulesPolicy | QueueWeights;
}

export const DEFAULT_POLICIES: DefaultPolicy[] = [
  { kind: 'stage_thresholds', key: 'default', data: DEFAULT_STAGE_THRESHOLDS },
  ...Object.values(DEFAULT_COMPLIANCE_PROFILES).map((data) => ({
    kind: 'compliance_profile' as const,
    key: data.profile,
    data,
  })),
  { kind: 'promise_rules', key: 'default', data: DEFAULT_PROMISE_RULES },
  { kind: 'queue_weights', key: 'default', data: DEFAULT_QUEUE_WEIGHTS },
];

/** The built-in default of one policy (in force while no version of it is stored), or null for an unknown key. */
export function defaultPolicy(kind: PolicyKindCode, key: string): DefaultPolicy['data'] | null {
  return DEFAULT_POLICIES.find((p) => p.kind === kind && p.key === key)?.data ?? null;
}
