import type { ComplianceProfileCode, RoleCode, StopFlagTypeCode } from '@crm/contracts';
import { addDaysIso, localDate, startOfLocalDay, type IsoDate } from './dates.js';

/**
 * The stop-flag lifecycle (compliance.md "Disputes and validation"; ADR 023): set with evidence,
 * reviewed, expired by rule, or cleared by a supervisor with a reason. Pure rules: the API and
 * the web use them; time and zone are inputs.
 */

/** How a flag of a type ends by itself under a profile. */
export type FlagExpiryRule =
  /** Never by itself: it stays until a supervisor clears it (and is reviewed every `reviewDays`). */
  | { kind: 'none' }
  /** A fixed term: protected for `days` calendar days beginning with its start date (UK standard breathing space: 60). */
  | { kind: 'fixed_days'; days: number; rule: string }
  /**
   * No fixed end: it lasts while something goes on (crisis treatment) and `daysAfterEnd` more
   * calendar days after the day it ended (UK mental-health crisis breathing space: 30).
   */
  | { kind: 'after_end'; daysAfterEnd: number; rule: string };

export interface FlagLifecycleRule {
  expiry: FlagExpiryRule;
  /** Days after it is set (or last reviewed) that a supervisor should check it still holds; null: none. */
  reviewDays: number | null;
  /** Whether the flag stops contact about every account of the customer or only the account it was set on. */
  scope: 'customer' | 'account';
}

const NO_EXPIRY = { kind: 'none' } as const;
const BREATHING_SPACE_RULE =
  'Debt Respite Scheme (Breathing Space Moratorium and Mental Health Crisis Moratorium) (England and Wales) Regulations 2020';

/** What every profile does unless it says otherwise: no expiry, a review date. */
const BASE_RULES: Record<StopFlagTypeCode, FlagLifecycleRule> = {
  cease_request: { expiry: NO_EXPIRY, reviewDays: 365, scope: 'customer' },
  attorney_represented: { expiry: NO_EXPIRY, reviewDays: 90, scope: 'customer' },
  dispute_hold: { expiry: NO_EXPIRY, reviewDays: 30, scope: 'account' },
  bankruptcy: { expiry: NO_EXPIRY, reviewDays: 90, scope: 'customer' },
  deceased: { expiry: NO_EXPIRY, reviewDays: 365, scope: 'customer' },
  // Standard breathing space: 60 days beginning with the start date (reg. 26), nothing to review before.
  breathing_space: {
    expiry: { kind: 'fixed_days', days: 60, rule: `${BREATHING_SPACE_RULE}, reg. 26` },
    reviewDays: null,
    scope: 'customer',
  },
  // Mental-health crisis breathing space: while crisis treatment lasts, then 30 days (reg. 32);
  // reviewed monthly to ask whether the treatment goes on.
  mental_health_crisis: {
    expiry: { kind: 'after_end', daysAfterEnd: 30, rule: `${BREATHING_SPACE_RULE}, reg. 32` },
    reviewDays: 30,
    scope: 'customer',
  },
  mental_capacity: { expiry: NO_EXPIRY, reviewDays: 90, scope: 'customer' },
  do_not_contact: { expiry: NO_EXPIRY, reviewDays: 180, scope: 'customer' },
};

/**
 * Each profile's rules per flag type (statute, not preference: not editable on the policies
 * screen). The breathing-space terms are the UK's; a type a profile does not list cannot be set
 * on its accounts (`settableFlagTypes`), so sharing them changes nothing elsewhere.
 */
export const STOP_FLAG_LIFECYCLE: Record<ComplianceProfileCode, Record<StopFlagTypeCode, FlagLifecycleRule>> = {
  US: BASE_RULES,
  UK: BASE_RULES,
  CN: BASE_RULES,
};

export function flagLifecycleRule(profile: ComplianceProfileCode, type: StopFlagTypeCode): FlagLifecycleRule {
  return STOP_FLAG_LIFECYCLE[profile][type];
}

export interface FlagTermsInput {
  profile: ComplianceProfileCode;
  type: StopFlagTypeCode;
  /** When it was recorded. */
  setAt: Date;
  /** The customer's home zone: calendar days are theirs. */
  zone: string;
  /** The start date the debt advice provider gave (breathing space); default: the day it was recorded. */
  startsOn?: IsoDate | null;
  /** The day the crisis treatment ended (mental-health crisis), once known. */
  crisisEndedOn?: IsoDate | null;
}

export interface FlagTerms {
  /** The first day it protects (customer's calendar). */
  startsOn: IsoDate;
  /** When it stops applying by itself; null: it does not (yet). */
  expiresAt: Date | null;
  /** When a supervisor should check it still holds; null: nothing to review. */
  reviewAt: Date | null;
}

/**
 * When a flag starts, ends by itself and is due for review. A fixed term of N days beginning with
 * the start date S protects S..S+N-1 and ends as the customer's day S+N begins; a crisis that
 * ended on day E protects E+1..E+30 and ends as day E+31 begins. A review is due N days after it
 * was recorded, at the start of that day.
 */
export function flagTerms(input: FlagTermsInput): FlagTerms {
  const rule = flagLifecycleRule(input.profile, input.type);
  const recordedOn = localDate(input.setAt, input.zone);
  const startsOn = input.startsOn ?? recordedOn;
  let expiresAt: Date | null = null;
  if (rule.expiry.kind === 'fixed_days')
    expiresAt = startOfLocalDay(addDaysIso(startsOn, rule.expiry.days), input.zone);
  if (rule.expiry.kind === 'after_end' && input.crisisEndedOn)
    expiresAt = startOfLocalDay(addDaysIso(input.crisisEndedOn, rule.expiry.daysAfterEnd + 1), input.zone);
  const reviewAt =
    rule.reviewDays === null ? null : startOfLocalDay(addDaysIso(recordedOn, rule.reviewDays), input.zone);
  // Nothing to review after it has ended.
  return { startsOn, expiresAt, reviewAt: reviewAt && expiresAt && reviewAt >= expiresAt ? null : reviewAt };
}

export type FlagStatus = 'active' | 'expired' | 'cleared';

export function flagStatus(flag: { clearedAt: Date | null; expiresAt: Date | null }, now: Date): FlagStatus {
  if (flag.clearedAt) return 'cleared';
  if (flag.expiresAt && flag.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** Who may do what with stop flags: anyone who works accounts sets them; only supervisors and admins lift them. */
export const STOP_FLAG_PERMISSIONS = {
  set: ['collector', 'supervisor', 'admin'],
  /** Clearing (with a reason) and ending a crisis: a collector must never lift a cease request or a breathing space. */
  clear: ['supervisor', 'admin'],
  endCrisis: ['supervisor', 'admin'],
} as const satisfies Record<string, readonly RoleCode[]>;

export type StopFlagAction = keyof typeof STOP_FLAG_PERMISSIONS;

export function mayActOnFlag(role: RoleCode, action: StopFlagAction): boolean {
  return (STOP_FLAG_PERMISSIONS[action] as readonly RoleCode[]).includes(role);
}

/** Which flag types can be set on an account of this profile: the profile's own, and do-not-contact always. */
export function settableFlagTypes(profileStopFlags: readonly StopFlagTypeCode[]): StopFlagTypeCode[] {
  return profileStopFlags.includes('do_not_contact') ? [...profileStopFlags] : [...profileStopFlags, 'do_not_contact'];
}

export interface FlagProblem {
  field: string;
  message: string;
}

/**
 * What is wrong with setting a flag (each naming its field): a type the profile does not know,
 * a start date on a type without a term, in the future, or so far back the term has already ended.
 */
export function setFlagProblems(
  input: { type: StopFlagTypeCode; startsOn?: IsoDate | null | undefined },
  ctx: { profile: ComplianceProfileCode; profileStopFlags: readonly StopFlagTypeCode[]; now: Date; zone: string },
): FlagProblem[] {
  const problems: FlagProblem[] = [];
  if (!settableFlagTypes(ctx.profileStopFlags).includes(input.type))
    problems.push({ field: 'type', message: `${input.type} is not a stop flag of the ${ctx.profile} profile` });
  if (input.startsOn) {
    const rule = flagLifecycleRule(ctx.profile, input.type);
    const today = localDate(ctx.now, ctx.zone);
    if (rule.expiry.kind === 'none')
      problems.push({ field: 'startsOn', message: `only a flag with a term (breathing space) takes a start date` });
    else if (input.startsOn > today) problems.push({ field: 'startsOn', message: 'cannot be in the future' });
    else if (rule.expiry.kind === 'fixed_days' && addDaysIso(input.startsOn, rule.expiry.days) <= today)
      problems.push({
        field: 'startsOn',
        message: `a term starting then has already ended (${rule.expiry.days} days)`,
      });
  }
  return problems;
}

/** What is wrong with ending a crisis on `endedOn` (a calendar day of the customer's). */
export function endCrisisProblems(
  flag: { type: StopFlagTypeCode; startsOn: IsoDate },
  endedOn: IsoDate,
  ctx: { now: Date; zone: string },
): FlagProblem[] {
  if (flag.type !== 'mental_health_crisis')
    return [{ field: 'type', message: 'only a mental-health crisis breathing space ends this way' }];
  if (endedOn > localDate(ctx.now, ctx.zone)) return [{ field: 'endedOn', message: 'cannot be in the future' }];
  if (endedOn < flag.startsOn) return [{ field: 'endedOn', message: `cannot be before it started (${flag.startsOn})` }];
  return [];
}
