import type { ComplianceProfileCode, Locale } from '@crm/contracts';
import {
  canContact,
  type ContactGateInput,
  type ContactGateVerdict,
  type GateAttempt,
  type GateContactPoint,
  type GateReason,
} from './contact-gate.js';
import { addDaysIso, localDate } from './dates.js';
import type { ComplianceProfilePolicy } from './policies.js';

/**
 * Third parties (compliance.md "Third parties"): relatives, employers, emergency contacts. They are
 * never collected from and never told about the debt; whether one may be called now is decided
 * here, on top of the one contact gate (its stop flags and calling window still apply).
 */

export interface ThirdPartyRules {
  /** Location calls allowed per third party unless they ask for more (US, FDCPA 1692b(3): 1); null = no limit. */
  locationCallsPerThirdParty: number | null;
  /** Contact only once the customer is unreachable (CN, CBA 2021/2026). */
  onlyWhenCustomerUnreachable: boolean;
}

/** The rules of each shipped profile; a stored profile may set its own (`thirdParty`). */
export const DEFAULT_THIRD_PARTY_RULES: Record<ComplianceProfileCode, ThirdPartyRules> = {
  US: { locationCallsPerThirdParty: 1, onlyWhenCustomerUnreachable: false },
  UK: { locationCallsPerThirdParty: null, onlyWhenCustomerUnreachable: false },
  CN: { locationCallsPerThirdParty: null, onlyWhenCustomerUnreachable: true },
};

export function thirdPartyRulesOf(profile: ComplianceProfilePolicy): ThirdPartyRules {
  return profile.thirdParty ?? DEFAULT_THIRD_PARTY_RULES[profile.profile];
}

export interface GateThirdParty {
  id: string;
  doNotContact: boolean;
  /** They asked to be contacted again (US: then the one-call limit does not apply). */
  moreContactRequested: boolean;
  /** Outbound calls placed to them before (ever, for any of the customer's debts). */
  callsMade: number;
}

/** An attempt to reach the customer (on one of their own contact points), for the unreachability rule. */
export type CustomerAttempt = Pick<GateAttempt, 'at' | 'channel' | 'direction' | 'partyReached'>;

/** Consecutive failed attempts after which the customer counts as unreachable (from the next day). */
export const UNREACHABLE_AFTER_FAILED_ATTEMPTS = 3;
/** Consecutive days with failed attempts and no conversation after which the customer counts as unreachable. */
export const UNREACHABLE_AFTER_DAYS = 3;

/**
 * Whether the customer is unreachable as compliance.md defines it for CN: every phone number
 * invalid (or none on file); or the last 3 attempts to reach them all failed, from the day after
 * the third; or failed attempts on 3 consecutive days (the last of them today or yesterday) and
 * no one reached since. Returns why, or null when the customer may still be reached.
 */
export function customerUnreachable(
  now: Date,
  zone: string,
  phones: Pick<GateContactPoint, 'kind' | 'status'>[],
  attempts: CustomerAttempt[],
): 'no_valid_number' | 'failed_attempts' | 'failed_days' | null {
  if (!phones.some((p) => p.kind === 'phone' && p.status !== 'invalid')) return 'no_valid_number';
  const tries = attempts
    .filter((a) => a.direction === 'outbound' && (a.channel === 'phone' || a.channel === 'sms'))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  // The streak of failures since the customer was last reached (an inbound call from them ends it too).
  const lastReached = attempts
    .filter((a) => a.partyReached === 'debtor')
    .reduce((t, a) => Math.max(t, a.at.getTime()), -Infinity);
  const streak = tries.filter((a) => a.at.getTime() > lastReached && a.partyReached !== 'debtor');
  const today = localDate(now, zone);
  if (streak.length >= UNREACHABLE_AFTER_FAILED_ATTEMPTS) {
    const third = streak[streak.length - UNREACHABLE_AFTER_FAILED_ATTEMPTS]!;
    if (localDate(third.at, zone) < today) return 'failed_attempts';
  }
  const days = new Set(streak.map((a) => localDate(a.at, zone)));
  for (const end of [today, addDaysIso(today, -1)]) {
    let run = 0;
    while (run < UNREACHABLE_AFTER_DAYS && days.has(addDaysIso(end, -run))) run++;
    if (run >= UNREACHABLE_AFTER_DAYS) return 'failed_days';
  }
  return null;
}

export interface ThirdPartyGateInput extends Pick<
  ContactGateInput,
  'now' | 'profile' | 'customerTimeZone' | 'otherTimeZones' | 'stopFlags'
> {
  thirdParty: GateThirdParty;
  /** The customer's own contact points (for the unreachability rule). */
  customerPoints: Pick<GateContactPoint, 'kind' | 'status'>[];
  /** Attempts to reach the customer on their own contact points, as far back as known. */
  customerAttempts: CustomerAttempt[];
}

const reason = (code: GateReason['code'], message: string, params: GateReason['params'] = {}): GateReason => ({
  code,
  message,
  params,
  until: null,
  overridable: false,
});

/**
 * May this third party be called now? The customer's stop flags and the calling window (the one
 * gate, with no contact point of the customer's: caps and the quiet period are about calls to the
 * customer), then: a third party who asked not to be contacted never is; US, one location call
 * per third party unless they asked for more; CN, only once the customer is unreachable.
 * None of these can be overridden.
 */
export function canContactThirdParty(input: ThirdPartyGateInput): ContactGateVerdict {
  const base = canContact({ ...input, channel: 'phone', contactPoint: null, attempts: [], callback: null });
  const rules = thirdPartyRulesOf(input.profile);
  const tp = input.thirdParty;
  const reasons = [...base.reasons];
  if (tp.doNotContact)
    reasons.push(reason('third_party_do_not_contact', 'This person asked not to be contacted again.'));
  if (
    rules.locationCallsPerThirdParty !== null &&
    !tp.moreContactRequested &&
    tp.callsMade >= rules.locationCallsPerThirdParty
  )
    reasons.push(
      reason(
        'third_party_call_limit',
        `This person was already called ${tp.callsMade} time(s); a location call is made at most ${rules.locationCallsPerThirdParty} time(s) unless they ask for more.`,
        { count: tp.callsMade, max: rules.locationCallsPerThirdParty },
      ),
    );
  if (
    rules.onlyWhenCustomerUnreachable &&
    !customerUnreachable(input.now, input.customerTimeZone, input.customerPoints, input.customerAttempts)
  )
    reasons.push(
      reason(
        'customer_not_unreachable',
        'Third parties may be contacted only once the customer is unreachable: every number invalid, 3 failed attempts in a row (from the next day), or 3 days in a row without reaching them.',
      ),
    );
  if (reasons.length === 0) return base;
  const permanent = reasons.length > base.reasons.length;
  return {
    allowed: false,
    reasons,
    nextAllowedAt: permanent ? null : base.nextAllowedAt,
    viaCallback: false,
    overridable: false,
  };
}

export interface ScriptStepText {
  key: string;
  title: string;
  text: string;
}

/**
 * What a collector says to a third party: their own name and that they are confirming location
 * information (US 1692b(1)), or asking for a way to reach the customer / leaving a message (CN),
 * never the creditor's business, the debt, or anything about it. Right-party verification first:
 * the opening asks for the customer before anything else.
 */
export function thirdPartyScript(locale: Locale, collectorName: string, customerName: string): ScriptStepText[] {
  if (locale === 'zh-CN')
    return [
      {
        key: 'verify',
        title: '核实接听人',
        text: `您好，我是${collectorName}，请问是${customerName}本人吗？（如不是本人：不透露任何事由）`,
      },
      {
        key: 'purpose',
        title: '说明来意',
        text: `我想联系${customerName}，有事需要与其本人沟通。请问您能否告诉我联系其本人的方式，或者请其回电？`,
      },
      {
        key: 'message',
        title: '留言',
        text: `麻烦您转告${customerName}：${collectorName}来电，请回电。谢谢您。`,
      },
      { key: 'close', title: '结束', text: '如您不希望再接到我们的电话，请告诉我，我们会记录下来。谢谢，再见。' },
    ];
  return [
    {
      key: 'verify',
      title: 'Who answered',
      text: `Hello, this is ${collectorName}. May I speak with ${customerName}? (If it is not them: say nothing about why you are calling.)`,
    },
    {
      key: 'purpose',
      title: 'Location information',
      text: `I am confirming location information for ${customerName}. Do you have a current phone number or address where I can reach them?`,
    },
    {
      key: 'message',
      title: 'A message',
      text: `Could you ask ${customerName} to call ${collectorName} back? Thank you.`,
    },
    {
      key: 'close',
      title: 'Close',
      text: 'If you would prefer that we do not call you again, tell me and I will note it. Thank you, goodbye.',
    },
  ];
}
