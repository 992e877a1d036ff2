import type { ChannelCode, PartyReachedCode } from '@crm/contracts';
import { addDaysIso, localDate, localMinutesOfDay, localTime, startOfLocalDay } from './dates.js';
import type { ComplianceProfilePolicy } from './policies.js';
import { WINDOWED_CHANNELS } from './zones.js';

/** Channels a customer-stated inconvenient time applies to (what reaches them at a moment: a call, a text, a visit). */
const INCONVENIENT_TIME_CHANNELS = new Set<ContactChannel>(['phone', 'sms', 'visit']);

/**
 * The contact gate (compliance.md): may this outbound contact happen now, and if not, why and
 * from when. One pure function used by the queue, the case file and outcome recording.
 */

export type ContactChannel = ChannelCode;
export type PartyReached = PartyReachedCode;

export interface GateContactPoint {
  id: string;
  kind: 'phone' | 'email' | 'address';
  type: 'home' | 'mobile' | 'work' | 'other';
  status: 'valid' | 'invalid' | 'unverified';
  /** Opted out of everything on this address or number (every channel). */
  optedOut: boolean;
  /** Channels the customer opted out of on this address or number (an SMS opt-out leaves calls allowed). */
  optedOutChannels?: readonly ContactChannel[];
  workInconvenient: boolean;
  /** The zones this number or address may be in (ADR 019); empty when it tells nothing. */
  timeZones: readonly string[];
}

export interface GateAttempt {
  at: Date;
  channel: ContactChannel;
  direction: 'outbound' | 'inbound';
  contactPointId: string | null;
  partyReached: PartyReached;
  disposition: string;
  /** Placed at a time the customer asked for: does not count towards caps. */
  customerRequested: boolean;
}

export interface GateStopFlag {
  type: string;
  expiresAt: Date | null;
}

export interface GateCallback {
  dueAt: Date;
  requestedByCustomer: boolean;
  /**
   * When the customer asked for it. A callback counts as their prior consent only when it is due
   * within the profile's `priorConsentDays` of this (Reg F 1006.14(b)(3)(i)); later, it is an
   * ordinary appointment. Absent: judged as recorded (`requestedByCustomer`).
   */
  requestedAt?: Date;
}

/** A local-time span "HH:mm"-"HH:mm" (end exclusive; may cross midnight). */
export interface LocalTimeSpan {
  start: string;
  end: string;
}

export interface ContactGateInput {
  now: Date;
  channel: ContactChannel;
  profile: ComplianceProfilePolicy;
  /** The customer's home zone. */
  customerTimeZone: string;
  /**
   * Every other zone the customer is known to be in (their numbers' and addresses' zones: domain
   * `knownZones`, read by the one gate-facts loader). The window is the intersection over all.
   */
  otherTimeZones?: readonly string[];
  contactPoint: GateContactPoint | null;
  stopFlags: GateStopFlag[];
  /**
   * This person's contact attempts about this debt, in any order. Those before
   * `gateLookbackStart(now, profiles)` may be omitted: no rule looks further back.
   */
  attempts: GateAttempt[];
  /** The account's pending callback, if any. */
  callback: GateCallback | null;
  /** Times the customer said are inconvenient, in their own (home) zone's local time (CONC 7.9; 1006.6(b)(1)). */
  inconvenientTimes?: readonly LocalTimeSpan[];
}

export const GATE_REASON_CODES = [
  'stop_flag',
  'contact_point_invalid',
  'contact_point_opted_out',
  'contact_point_channel_opted_out',
  'contact_point_wrong_channel',
  'work_number_inconvenient',
  'outside_calling_window',
  'call_cap_reached',
  'quiet_period_after_conversation',
  'daily_unanswered_cap_reached',
  'customer_inconvenient_time',
  'third_party_do_not_contact',
  'third_party_call_limit',
  'customer_not_unreachable',
] as const;
export type GateReasonCode = (typeof GATE_REASON_CODES)[number];

export interface GateReason {
  code: GateReasonCode;
  /** Readable English text; the UI translates `code` with `params`. */
  message: string;
  params: Record<string, string | number>;
  /** When this reason stops applying; null when it does not end by itself. */
  until: Date | null;
  /** Whether a collector may override it (with a reason code) under this profile. */
  overridable: boolean;
}

export interface ContactGateVerdict {
  allowed: boolean;
  reasons: GateReason[];
  /** Earliest instant at which contact becomes allowed; null when a reason never ends by itself. */
  nextAllowedAt: Date | null;
  /** Allowed because the customer asked to be called at this time. */
  viaCallback: boolean;
  /** Every reason may be overridden under this profile. */
  overridable: boolean;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Dispositions that mean a conversation with the customer took place. */
export const CONVERSATION_DISPOSITIONS = new Set([
  'right_party_contact',
  'promise_to_pay',
  'refused',
  'dispute',
  'claims_paid',
  'callback_requested',
]);
const UNANSWERED = new Set(['no_answer', 'busy', 'voicemail']);
const CHANNEL_KIND: Record<ContactChannel, GateContactPoint['kind']> = {
  phone: 'phone',
  sms: 'phone',
  email: 'email',
  letter: 'address',
  visit: 'address',
};
/** A customer-requested callback is honoured from 5 minutes before to an hour after the agreed time. */
const CALLBACK_EARLY = 5 * MINUTE;
const CALLBACK_LATE = 60 * MINUTE;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function zonesOf(input: ContactGateInput): string[] {
  const zones = new Set([input.customerTimeZone, ...(input.otherTimeZones ?? [])]);
  for (const z of input.contactPoint?.timeZones ?? []) zones.add(z);
  return [...zones];
}

function inSpan(m: number, span: LocalTimeSpan): boolean {
  const start = minutesOf(span.start);
  const end = minutesOf(span.end);
  return start <= end ? m >= start && m < end : m >= start || m < end;
}

function inWindow(at: Date, zones: string[], window: { start: string; end: string }): boolean {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  return zones.every((zone) => {
    const m = localMinutesOfDay(at.getTime(), zone);
    return start <= end ? m >= start && m < end : m >= start || m < end;
  });
}

/**
 * First instant from `from` at which every zone is inside the window (within 3 days). Tries the
 * moments each zone's window opens first (exact to the minute), then quarter-hour steps for the
 * rare cases (zones whose windows do not overlap on that day, DST jumps).
 */
function nextWindowOpening(from: Date, zones: string[], window: { start: string; end: string }): Date | null {
  const start = minutesOf(window.start);
  const candidates = zones.flatMap((zone) => {
    const m = minutesOf(localTime(from, zone));
    const wait = (start - m + 1440) % 1440;
    const t = Math.floor(from.getTime() / MINUTE) * MINUTE + wait * MINUTE;
    return [t, t + DAY];
  });
  for (const t of candidates.sort((a, b) => a - b)) {
    if (t >= from.getTime() && inWindow(new Date(t), zones, window)) return new Date(t);
  }
  let t = Math.ceil(from.getTime() / (15 * MINUTE)) * 15 * MINUTE;
  for (let i = 0; i < 4 * 24 * 3; i++, t += 15 * MINUTE) {
    if (inWindow(new Date(t), zones, window)) return new Date(t);
  }
  return null;
}

const fmt = (d: Date, zone: string) => `${localDate(d, zone)} ${localTime(d, zone)}`;

/** All reasons that forbid the contact at `now`, ignoring any callback. */
function blockingReasons(input: ContactGateInput, viaCallback: boolean): GateReason[] {
  const { now, profile, contactPoint, channel } = input;
  const zone = input.customerTimeZone;
  const reasons: GateReason[] = [];
  const soft = profile.overrideAllowed;

  for (const flag of input.stopFlags) {
    if (flag.expiresAt && flag.expiresAt.getTime() <= now.getTime()) continue;
    reasons.push({
      code: 'stop_flag',
      message: `Contact is stopped: ${flag.type.replace(/_/g, ' ')}${flag.expiresAt ? ` until ${fmt(flag.expiresAt, zone)}` : ''}.`,
      params: { flag: flag.type },
      until: flag.expiresAt,
      overridable: false,
    });
  }

  if (contactPoint) {
    if (contactPoint.kind !== CHANNEL_KIND[channel]) {
      reasons.push({
        code: 'contact_point_wrong_channel',
        message: `A ${contactPoint.kind} cannot be used for ${channel}.`,
        params: { kind: contactPoint.kind, channel },
        until: null,
        overridable: false,
      });
    }
    if (contactPoint.status === 'invalid') {
      reasons.push({
        code: 'contact_point_invalid',
        message: 'This contact point is marked invalid.',
        params: {},
        until: null,
        overridable: false,
      });
    }
    if (contactPoint.optedOut) {
      reasons.push({
        code: 'contact_point_opted_out',
        message: 'The customer opted out of contact on this address or number.',
        params: {},
        until: null,
        overridable: false,
      });
    }
    if (!contactPoint.optedOut && contactPoint.optedOutChannels?.includes(channel)) {
      reasons.push({
        code: 'contact_point_channel_opted_out',
        message: `The customer opted out of ${channel} on this ${contactPoint.kind === 'phone' ? 'number' : 'address'}.`,
        params: { channel },
        until: null,
        overridable: false,
      });
    }
    if (contactPoint.type === 'work' && contactPoint.workInconvenient && channel === 'phone') {
      reasons.push({
        code: 'work_number_inconvenient',
        message: 'The customer said calls at work are inconvenient.',
        params: {},
        until: null,
        overridable: false,
      });
    }
  }

  if (viaCallback) return reasons; // the customer chose this time: hours, caps and quiet period do not apply

  const zones = zonesOf(input);
  // Channels that reach a person at a moment in time, so calling hours apply (e-mail too in the US and CN).
  if (WINDOWED_CHANNELS[profile.profile].includes(channel) && !inWindow(now, zones, profile.callWindow)) {
    const opening = nextWindowOpening(now, zones, profile.callWindow);
    reasons.push({
      code: 'outside_calling_window',
      message: `Outside calling hours (${profile.callWindow.start}-${profile.callWindow.end}) in the customer's time zone${zones.length > 1 ? 's' : ''}: ${zones.map((z) => `${localTime(now, z)} ${z}`).join(', ')}.`,
      params: {
        start: profile.callWindow.start,
        end: profile.callWindow.end,
        localTime: localTime(now, zone),
        zones: zones.join(', '),
      },
      until: opening,
      overridable: false,
    });
  }

  if (INCONVENIENT_TIME_CHANNELS.has(channel)) {
    const m = localMinutesOfDay(now.getTime(), zone);
    for (const span of input.inconvenientTimes ?? []) {
      if (!inSpan(m, span)) continue;
      const left = (minutesOf(span.end) - m + 1440) % 1440 || 1440;
      reasons.push({
        code: 'customer_inconvenient_time',
        message: `The customer said ${span.start}-${span.end} is inconvenient (now ${localTime(now, zone)} ${zone}).`,
        params: { start: span.start, end: span.end, localTime: localTime(now, zone) },
        until: new Date(Math.floor(now.getTime() / MINUTE) * MINUTE + left * MINUTE),
        overridable: false,
      });
    }
  }

  if (channel === 'phone') {
    const placed = input.attempts
      .filter((a) => a.channel === 'phone' && a.direction === 'outbound' && !a.customerRequested)
      .map((a) => a.at.getTime())
      .sort((a, b) => a - b);

    if (profile.callCap) {
      const { maxCalls, windowDays } = profile.callCap;
      // Every attempt in the window counts, even one stamped a moment after `now`: a request that
      // read its clock earlier but got the account's lock later must still see it.
      const recent = placed.filter((t) => t > now.getTime() - windowDays * DAY);
      if (recent.length >= maxCalls) {
        const until = new Date(recent[recent.length - maxCalls]! + windowDays * DAY);
        reasons.push({
          code: 'call_cap_reached',
          message: `${recent.length} calls placed in the last ${windowDays} days; the limit is ${maxCalls}.`,
          params: { count: recent.length, max: maxCalls, days: windowDays },
          until,
          overridable: soft,
        });
      }
    }

    if (profile.quietDaysAfterConversation > 0) {
      const conversations = input.attempts
        .filter(
          (a) => a.channel === 'phone' && a.partyReached === 'debtor' && CONVERSATION_DISPOSITIONS.has(a.disposition),
        )
        .map((a) => a.at.getTime());
      if (conversations.length > 0) {
        const last = new Date(Math.max(...conversations));
        // The day of the conversation is day 1 (in the customer's calendar).
        const until = startOfLocalDay(addDaysIso(localDate(last, zone), profile.quietDaysAfterConversation), zone);
        if (until.getTime() > now.getTime()) {
          reasons.push({
            code: 'quiet_period_after_conversation',
            message: `Spoke with the customer on ${localDate(last, zone)}; no further calls about this debt until ${localDate(until, zone)}.`,
            params: {
              conversationDate: localDate(last, zone),
              untilDate: localDate(until, zone),
              days: profile.quietDaysAfterConversation,
            },
            until,
            overridable: soft,
          });
        }
      }
    }

    if (profile.dailyUnansweredCapPerContactPoint !== null && contactPoint) {
      const today = localDate(now, zone);
      const unanswered = input.attempts.filter(
        (a) =>
          a.channel === 'phone' &&
          a.direction === 'outbound' &&
          a.contactPointId === contactPoint.id &&
          UNANSWERED.has(a.disposition) &&
          localDate(a.at, zone) === today,
      ).length;
      if (unanswered >= profile.dailyUnansweredCapPerContactPoint) {
        const tomorrow = addDaysIso(today, 1);
        reasons.push({
          code: 'daily_unanswered_cap_reached',
          message: `${unanswered} unanswered calls to this number today; the daily limit is ${profile.dailyUnansweredCapPerContactPoint}.`,
          params: { count: unanswered, max: profile.dailyUnansweredCapPerContactPoint },
          until: startOfLocalDay(tomorrow, zone),
          overridable: soft,
        });
      }
    }
  }
  return reasons;
}

/**
 * Whether a callback the customer asked for counts as their prior consent under this profile: it
 * is due within `priorConsentDays` of the request (Reg F 1006.14(b)(3)(i): 7 days). A later one
 * is an ordinary appointment, with no exemption from hours, caps or the quiet period.
 */
export function callbackIsConsent(requestedAt: Date, dueAt: Date, profile: ComplianceProfilePolicy): boolean {
  return dueAt.getTime() - requestedAt.getTime() <= profile.priorConsentDays * DAY;
}

function isCallbackDue(input: ContactGateInput): boolean {
  const cb = input.callback;
  if (!cb || !cb.requestedByCustomer || input.channel !== 'phone') return false;
  if (cb.requestedAt && !callbackIsConsent(cb.requestedAt, cb.dueAt, input.profile)) return false;
  const t = input.now.getTime();
  return t >= cb.dueAt.getTime() - CALLBACK_EARLY && t <= cb.dueAt.getTime() + CALLBACK_LATE;
}

/**
 * How many days back the gate's rules look, under any of these profiles: the call cap's rolling
 * window, the quiet period after a conversation (counted in the customer's calendar), and today
 * for the daily unanswered cap; plus one day, because a local day is not 24 hours after midnight
 * UTC (the customer's midnight, a 25-hour day when the clocks go back). Attempts older than this
 * change no verdict at `now` or later (contact-gate.test.ts shows it over random histories), so
 * loaders read only this far back: the window follows the policies in force, never a constant.
 */
export function gateLookbackDays(profiles: Iterable<ComplianceProfilePolicy>): number {
  let days = 1;
  for (const p of profiles) days = Math.max(days, p.callCap?.windowDays ?? 0, p.quietDaysAfterConversation);
  return days + 1;
}

/** The oldest instant an attempt can matter to the gate at `now`, under any of these profiles. */
export function gateLookbackStart(now: Date, profiles: Iterable<ComplianceProfilePolicy>): Date {
  return new Date(now.getTime() - gateLookbackDays(profiles) * DAY);
}

export function canContact(input: ContactGateInput): ContactGateVerdict {
  const viaCallback = isCallbackDue(input);
  const reasons = blockingReasons(input, viaCallback);
  if (reasons.length === 0)
    return { allowed: true, reasons: [], nextAllowedAt: input.now, viaCallback, overridable: false };
  return {
    allowed: false,
    reasons,
    nextAllowedAt: nextAllowed(input, reasons),
    viaCallback: false,
    overridable: reasons.every((r) => r.overridable),
  };
}

/** Walks forward from the latest end of the current reasons until no reason applies. */
function nextAllowed(input: ContactGateInput, reasons: GateReason[]): Date | null {
  let current = reasons;
  let at = input.now;
  for (let step = 0; step < 6; step++) {
    if (current.some((r) => r.until === null)) return null;
    at = new Date(Math.max(...current.map((r) => r.until!.getTime())));
    current = blockingReasons({ ...input, now: at, callback: null }, false);
    if (current.length === 0) return at;
  }
  return null;
}

export interface RankedContactPoint extends GateContactPoint {
  lastSuccessAt: Date | null;
}

const TYPE_ORDER: Record<GateContactPoint['type'], number> = { mobile: 0, home: 1, other: 2, work: 3 };

/**
 * The number to call now: the first allowed phone, preferring ones that reached the customer
 * before, then mobile, home, other, work. When none is allowed, the verdict of the phone that
 * opens soonest (or of the first phone), so the collector sees why and until when.
 */
export function bestPhoneVerdict(
  base: Omit<ContactGateInput, 'contactPoint' | 'channel'>,
  points: RankedContactPoint[],
): ContactGateVerdict & { contactPointId: string | null } {
  const phones = points
    .filter((p) => p.kind === 'phone')
    .sort(
      (a, b) =>
        (b.lastSuccessAt?.getTime() ?? 0) - (a.lastSuccessAt?.getTime() ?? 0) ||
        TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
        a.id.localeCompare(b.id),
    );
  if (phones.length === 0) {
    const verdict = canContact({ ...base, channel: 'phone', contactPoint: null });
    const reason: GateReason = {
      code: 'contact_point_invalid',
      message: 'No phone number is on file.',
      params: {},
      until: null,
      overridable: false,
    };
    return {
      ...verdict,
      allowed: false,
      reasons: [reason, ...verdict.reasons],
      nextAllowedAt: null,
      overridable: false,
      contactPointId: null,
    };
  }
  // In order, stopping at the first allowed one (the later ones would not be chosen).
  const verdicts: (ContactGateVerdict & { contactPointId: string })[] = [];
  for (const p of phones) {
    const verdict = { ...canContact({ ...base, channel: 'phone', contactPoint: p }), contactPointId: p.id };
    if (verdict.allowed) return verdict;
    verdicts.push(verdict);
  }
  const opening = verdicts
    .filter((v) => v.nextAllowedAt)
    .sort((a, b) => a.nextAllowedAt!.getTime() - b.nextAllowedAt!.getTime())[0];
  return opening ?? verdicts[0]!;
}
