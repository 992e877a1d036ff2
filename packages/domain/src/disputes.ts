import type { DisputeMethodCode, DisputeStatusCode } from '@crm/contracts';
import { addDaysIso, localDate, type IsoDate } from './dates.js';
import type { ComplianceProfilePolicy } from './policies.js';

/**
 * Disputes (Reg F 12 CFR 1006.38, FDCPA 1692g(b)).
 *
 * A dispute received within the validation period pauses collection of the disputed debt until
 * verification is sent. The rule binds on a written dispute (1006.38(d)(2)); the product holds
 * an oral one too (compliance.md: "a dispute within the 30-day validation period pauses
 * collection"), the stricter reading. A dispute received after the period is recorded and
 * answered, but the law sets no automatic pause: the hold is then the profile's choice (a
 * profile whose stop flags include `dispute_hold` and asks for it) or the collector's.
 */
export type DisputeStatus = DisputeStatusCode;
export type DisputeMethod = DisputeMethodCode;

/** The product's own target for answering a dispute (not a Reg F deadline: verification has none; 30 days matches FCRA 611). */
export const DISPUTE_RESPONSE_DAYS = 30;

/** Where a dispute falls against the account's validation notice. */
export type DisputeTiming =
  /** No notice sent yet: the period has not started, so it has not ended either. */
  'before_notice' | 'within_period' | 'after_period';

/** When the dispute arrived, against the validation period's last day (`null`: no notice sent). */
export function disputeTiming(receivedAt: Date, timeZone: string, periodEndsOn: IsoDate | null): DisputeTiming {
  if (periodEndsOn === null) return 'before_notice';
  return localDate(receivedAt, timeZone) <= periodEndsOn ? 'within_period' : 'after_period';
}

/** Why collection of the disputed debt is held (or not). */
export type DisputeHoldBasis =
  /** Written, within the period (or before the notice): 1006.38(d)(2) requires the pause. */
  | 'law'
  /** Oral within the period, or the profile holds every dispute: the product's stricter rule. */
  | 'policy'
  /** Asked for by the collector on a dispute the law does not pause. */
  | 'requested'
  | 'none';

export interface DisputeHoldInput {
  timing: DisputeTiming;
  method: DisputeMethod;
  /** The profile holds every dispute whatever its timing (non-US profiles listing `dispute_hold`). */
  profileHoldsAll: boolean;
  /** The collector asked for a hold. */
  requested: boolean;
}

/** Whether recording this dispute puts a dispute hold on the account, and on what basis. */
export function disputeHold({ timing, method, profileHoldsAll, requested }: DisputeHoldInput): {
  hold: boolean;
  basis: DisputeHoldBasis;
} {
  if (timing !== 'after_period') return { hold: true, basis: method === 'written' ? 'law' : 'policy' };
  if (profileHoldsAll) return { hold: true, basis: 'policy' };
  if (requested) return { hold: true, basis: 'requested' };
  return { hold: false, basis: 'none' };
}

/** The moves a dispute may make: open -> verification_sent -> closed; open -> withdrawn. */
const TRANSITIONS: Record<DisputeStatus, readonly DisputeStatus[]> = {
  open: ['verification_sent', 'withdrawn'],
  verification_sent: ['closed'],
  closed: [],
  withdrawn: [],
};

export function canMoveDispute(from: DisputeStatus, to: DisputeStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** What a dispute in each state allows (its hold, when it has one, ends with verification or withdrawal). */
export function disputeAllows(status: DisputeStatus, held: boolean): { collection: boolean; verification: boolean } {
  return {
    collection: status !== 'open' || !held,
    verification: status === 'open',
  };
}

/** The product's target date for answering a dispute received at `receivedAt` (customer's calendar). */
export function disputeResponseDue(receivedAt: Date, timeZone: string): IsoDate {
  return addDaysIso(localDate(receivedAt, timeZone), DISPUTE_RESPONSE_DAYS);
}

/**
 * Whether an account under `profile` gets a validation notice, and whether a complete translation
 * in the customer's language goes with the English one (1006.34(e)). The US always sends one.
 */
export function validationNoticeRule(profile: Pick<ComplianceProfilePolicy, 'profile' | 'validationNotice'>): {
  send: boolean;
  translation: boolean;
} {
  if (profile.profile === 'US') return { send: true, translation: profile.validationNotice?.translation ?? true };
  return profile.validationNotice ?? { send: false, translation: false };
}

/** The profile holds every dispute, whatever its timing (a non-US profile listing dispute_hold). */
export function profileHoldsAllDisputes(profile: Pick<ComplianceProfilePolicy, 'profile' | 'stopFlags'>): boolean {
  return profile.profile !== 'US' && profile.stopFlags.includes('dispute_hold');
}
