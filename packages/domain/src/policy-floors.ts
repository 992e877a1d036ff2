import type { ComplianceProfileCode, StopFlagTypeCode } from '@crm/contracts';
import type { ComplianceProfilePolicy } from './policies.js';
import { thirdPartyRulesOf } from './third-parties.js';

/**
 * Statutory floors of each compliance profile (compliance.md "Floors"): what the law allows at
 * most, whatever an admin saves. A profile may be stricter than its floor, never looser. Data, so
 * docs/compliance.md and the tests read the same table; each entry names the rule it comes from.
 */
export interface StatutoryFloor {
  /** The stored window must lie inside this one (local time, start inclusive, end exclusive). */
  callWindow: { start: string; end: string; rule: string };
  /** At most `maxCalls` placed calls in any `windowDays` days; null = the law sets no cap. */
  callCap: { maxCalls: number; windowDays: number; rule: string } | null;
  /** At most this many unanswered attempts per contact method per day; null = no cap. */
  dailyUnansweredCap: { max: number; rule: string } | null;
  /** At least this many quiet days after a conversation; null = the law sets none. */
  quietDaysAfterConversation: { min: number; rule: string } | null;
  /** Stop flags the profile must honour, each with its rule. */
  mandatoryStopFlags: { flag: StopFlagTypeCode; rule: string }[];
  /** Collectors may not override the caps under this profile (the caps are the law, not a target). */
  noOverride: { rule: string } | null;
  /** Records are kept at least this long. */
  minRetentionYears: { min: number; rule: string } | null;
  /** A customer-requested contact counts as consent for at most this many days. */
  maxPriorConsentDays: { max: number; rule: string } | null;
  /** Third parties: at most this many location calls each (unless they ask for more); contact only once the customer is unreachable. */
  thirdParty: {
    maxLocationCalls: { max: number; rule: string } | null;
    onlyWhenCustomerUnreachable: { rule: string } | null;
  };
}

export const STATUTORY_FLOORS: Record<ComplianceProfileCode, StatutoryFloor> = {
  US: {
    callWindow: { start: '08:00', end: '21:00', rule: 'Reg F 12 CFR 1006.6(b)(1)(i)' },
    callCap: { maxCalls: 7, windowDays: 7, rule: 'Reg F 12 CFR 1006.14(b)(2)(i)(A)' },
    dailyUnansweredCap: null,
    quietDaysAfterConversation: { min: 7, rule: 'Reg F 12 CFR 1006.14(b)(2)(i)(B)' },
    mandatoryStopFlags: [
      { flag: 'cease_request', rule: 'FDCPA 15 USC 1692c(c)' },
      { flag: 'attorney_represented', rule: 'FDCPA 15 USC 1692c(a)(2)' },
      { flag: 'dispute_hold', rule: 'FDCPA 15 USC 1692g(b); Reg F 12 CFR 1006.38' },
      { flag: 'bankruptcy', rule: '11 USC 362 (automatic stay)' },
      { flag: 'deceased', rule: 'Reg F 12 CFR 1006.2(e), 1006.6(a)(4)' },
    ],
    noOverride: { rule: 'Reg F 12 CFR 1006.14(b)(2)' },
    minRetentionYears: { min: 3, rule: 'Reg F 12 CFR 1006.100(a)' },
    maxPriorConsentDays: { max: 7, rule: 'Reg F 12 CFR 1006.14(b)(3)(i)' },
    thirdParty: {
      maxLocationCalls: { max: 1, rule: 'FDCPA 15 USC 1692b(3); Reg F 12 CFR 1006.10' },
      onlyWhenCustomerUnreachable: null,
    },
  },
  UK: {
    callWindow: { start: '08:00', end: '21:00', rule: 'FCA CONC 7.9.4R' },
    callCap: null,
    dailyUnansweredCap: null,
    quietDaysAfterConversation: null,
    mandatoryStopFlags: [
      { flag: 'dispute_hold', rule: 'FCA CONC 7.14.3R' },
      { flag: 'breathing_space', rule: 'Debt Respite Scheme (Breathing Space Moratorium) Regulations 2020' },
      {
        flag: 'mental_health_crisis',
        rule: 'Debt Respite Scheme (Breathing Space Moratorium) Regulations 2020 (mental health crisis moratorium)',
      },
      { flag: 'mental_capacity', rule: 'FCA CONC 7.10.2R' },
    ],
    noOverride: null,
    minRetentionYears: null,
    maxPriorConsentDays: null,
    thirdParty: { maxLocationCalls: null, onlyWhenCustomerUnreachable: null },
  },
  CN: {
    callWindow: { start: '08:00', end: '22:00', rule: 'CBA collection guidelines 2021/2026 (no contact 22:00-08:00)' },
    callCap: null,
    dailyUnansweredCap: { max: 6, rule: 'CBA personal consumer loan collection guidelines 2026' },
    quietDaysAfterConversation: null,
    mandatoryStopFlags: [
      { flag: 'dispute_hold', rule: 'CBA collection guidelines 2021/2026' },
      { flag: 'do_not_contact', rule: 'CBA collection guidelines 2021/2026; PIPL art. 15' },
    ],
    noOverride: null,
    minRetentionYears: null,
    maxPriorConsentDays: null,
    thirdParty: {
      maxLocationCalls: null,
      onlyWhenCustomerUnreachable: { rule: 'CBA collection guidelines 2021/2026 (third parties)' },
    },
  },
};

export interface FloorProblem {
  /** Path of the field in the policy document ("callWindow.start", "stopFlags"). */
  field: string;
  /** The rule the floor comes from. */
  rule: string;
  message: string;
}

/**
 * Most placed calls a rolling cap of `m` per `w` days lets through in any `days` days:
 * `m * ceil(days / w)` (blocks of `w` days side by side, `m` calls at the start of each).
 */
export function maxCallsIn(days: number, cap: { maxCalls: number; windowDays: number }): number {
  return cap.maxCalls * Math.ceil(days / cap.windowDays);
}

const floorOf = (profile: ComplianceProfilePolicy) => STATUTORY_FLOORS[profile.profile];

/**
 * Every way `policy` is looser than its profile's statutory floor (empty: lawful). Stricter is
 * always allowed: a narrower window, a lower cap, a longer quiet period, more stop flags.
 */
export function policyFloorProblems(policy: ComplianceProfilePolicy): FloorProblem[] {
  const floor = floorOf(policy);
  const out: FloorProblem[] = [];
  const { callWindow: w } = floor;
  const below = (field: string, rule: string, must: string) =>
    out.push({ field, rule, message: `${must} (statutory floor of the ${policy.profile} profile: ${rule})` });

  if (policy.callWindow.start < w.start) below('callWindow.start', w.rule, `must be ${w.start} or later`);
  if (policy.callWindow.end > w.end) below('callWindow.end', w.rule, `must be ${w.end} or earlier`);

  if (floor.callCap) {
    const { maxCalls, windowDays, rule } = floor.callCap;
    const limit = `at most ${maxCalls} calls in any ${windowDays} days`;
    if (!policy.callCap) below('callCap', rule, `must be set: the law allows ${limit}`);
    else {
      const allowed = maxCallsIn(windowDays, policy.callCap);
      if (allowed > maxCalls)
        below('callCap.maxCalls', rule, `lets ${allowed} calls through in ${windowDays} days; must allow ${limit}`);
    }
  }

  if (floor.dailyUnansweredCap) {
    const { max, rule } = floor.dailyUnansweredCap;
    const cap = policy.dailyUnansweredCapPerContactPoint;
    if (cap === null) below('dailyUnansweredCapPerContactPoint', rule, `must be set, at most ${max}`);
    else if (cap > max) below('dailyUnansweredCapPerContactPoint', rule, `must be at most ${max}`);
  }

  if (floor.quietDaysAfterConversation && policy.quietDaysAfterConversation < floor.quietDaysAfterConversation.min)
    below(
      'quietDaysAfterConversation',
      floor.quietDaysAfterConversation.rule,
      `must be at least ${floor.quietDaysAfterConversation.min}`,
    );

  for (const { flag, rule } of floor.mandatoryStopFlags)
    if (!policy.stopFlags.includes(flag)) below('stopFlags', rule, `must include ${flag}`);

  if (floor.noOverride && policy.overrideAllowed)
    below('overrideAllowed', floor.noOverride.rule, 'must be false: collectors may not override the caps');

  if (floor.minRetentionYears && policy.retentionYears < floor.minRetentionYears.min)
    below('retentionYears', floor.minRetentionYears.rule, `must be at least ${floor.minRetentionYears.min}`);

  if (floor.maxPriorConsentDays && policy.priorConsentDays > floor.maxPriorConsentDays.max)
    below('priorConsentDays', floor.maxPriorConsentDays.rule, `must be at most ${floor.maxPriorConsentDays.max}`);

  const thirdParty = thirdPartyRulesOf(policy);
  const { maxLocationCalls, onlyWhenCustomerUnreachable } = floor.thirdParty;
  if (
    maxLocationCalls &&
    (thirdParty.locationCallsPerThirdParty === null || thirdParty.locationCallsPerThirdParty > maxLocationCalls.max)
  )
    below(
      'thirdParty.locationCallsPerThirdParty',
      maxLocationCalls.rule,
      `must be at most ${maxLocationCalls.max} (more only when the third party asks)`,
    );
  if (onlyWhenCustomerUnreachable && !thirdParty.onlyWhenCustomerUnreachable)
    below(
      'thirdParty.onlyWhenCustomerUnreachable',
      onlyWhenCustomerUnreachable.rule,
      'must be true: third parties are contacted only once the customer is unreachable',
    );

  return out;
}

/**
 * The stricter of `policy` and its floor, field by field: what the gate applies when a stored
 * version is looser than the law (saved before floors existed, or written outside the API). A
 * window narrowed to nothing (start = end) allows no contact at all.
 */
export function withinFloors(policy: ComplianceProfilePolicy): ComplianceProfilePolicy {
  const floor = floorOf(policy);
  const start = policy.callWindow.start < floor.callWindow.start ? floor.callWindow.start : policy.callWindow.start;
  const clampedEnd = policy.callWindow.end > floor.callWindow.end ? floor.callWindow.end : policy.callWindow.end;
  const end = clampedEnd < start ? start : clampedEnd;

  // A looser cap keeps its own window with fewer calls, so it stays as strict as it was over its
  // own window and becomes as strict as the law over the law's (7 per 7 days: 3 per 2 days -> 1 per 2 days).
  let callCap = policy.callCap;
  if (floor.callCap) {
    const { maxCalls, windowDays } = floor.callCap;
    if (!callCap) callCap = { maxCalls, windowDays };
    else if (maxCallsIn(windowDays, callCap) > maxCalls) {
      const perWindow = Math.max(1, Math.floor(maxCalls / Math.ceil(windowDays / callCap.windowDays)));
      callCap = { maxCalls: Math.min(callCap.maxCalls, perWindow), windowDays: callCap.windowDays };
    }
  }

  let daily = policy.dailyUnansweredCapPerContactPoint;
  if (floor.dailyUnansweredCap && (daily === null || daily > floor.dailyUnansweredCap.max))
    daily = floor.dailyUnansweredCap.max;

  const stopFlags = [...policy.stopFlags];
  for (const { flag } of floor.mandatoryStopFlags) if (!stopFlags.includes(flag)) stopFlags.push(flag);

  return {
    ...policy,
    callWindow: { start, end },
    callCap,
    dailyUnansweredCapPerContactPoint: daily,
    quietDaysAfterConversation: Math.max(policy.quietDaysAfterConversation, floor.quietDaysAfterConversation?.min ?? 0),
    stopFlags,
    overrideAllowed: floor.noOverride ? false : policy.overrideAllowed,
    retentionYears: Math.max(policy.retentionYears, floor.minRetentionYears?.min ?? 0),
    priorConsentDays: floor.maxPriorConsentDays
      ? Math.min(policy.priorConsentDays, floor.maxPriorConsentDays.max)
      : policy.priorConsentDays,
    ...thirdPartyWithinFloor(policy, floor),
  };
}

/** The stricter of the profile's third-party rules and the floor's; unchanged (absent stays absent) when lawful. */
function thirdPartyWithinFloor(
  policy: ComplianceProfilePolicy,
  floor: StatutoryFloor,
): Partial<ComplianceProfilePolicy> {
  const rules = thirdPartyRulesOf(policy);
  const { maxLocationCalls, onlyWhenCustomerUnreachable } = floor.thirdParty;
  const calls =
    maxLocationCalls &&
    (rules.locationCallsPerThirdParty === null || rules.locationCallsPerThirdParty > maxLocationCalls.max)
      ? maxLocationCalls.max
      : rules.locationCallsPerThirdParty;
  const unreachable = onlyWhenCustomerUnreachable ? true : rules.onlyWhenCustomerUnreachable;
  if (calls === rules.locationCallsPerThirdParty && unreachable === rules.onlyWhenCustomerUnreachable) return {};
  return { thirdParty: { locationCallsPerThirdParty: calls, onlyWhenCustomerUnreachable: unreachable } };
}
