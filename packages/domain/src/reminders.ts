import type { ChannelCode } from '@crm/contracts';
import type { GateContactPoint } from './contact-gate.js';
import { addDaysIso, startOfLocalDay, type IsoDate } from './dates.js';

/**
 * Payment reminders: which channel, when, and what they say. Every message carries the opt-out
 * text (Reg F 1006.6(e)); it names the creditor and the amount and never threatens.
 */

export type ReminderChannel = 'sms' | 'email';
export type ReminderLocale = 'en' | 'zh-CN';

export const OPT_OUT_TEXT: Record<ReminderChannel, Record<ReminderLocale, string>> = {
  sms: { en: 'Reply STOP to opt out of text messages.', 'zh-CN': '回复TD退订短信。' },
  email: {
    en: 'To stop e-mails about this account, reply UNSUBSCRIBE.',
    'zh-CN': '如不希望再收到有关此账户的邮件，请回复“退订”。',
  },
};

export interface ReminderText {
  locale: ReminderLocale;
  channel: ReminderChannel;
  creditor: string;
  customerName: string;
  /** Formatted in the customer's language. */
  amount: string;
  /** Formatted in the customer's language. */
  dueDate: string;
}

export function renderReminder(r: ReminderText): { subject: string | null; body: string } {
  const optOut = OPT_OUT_TEXT[r.channel][r.locale];
  if (r.locale === 'zh-CN') {
    const body = `${r.customerName}您好，温馨提醒：您与${r.creditor}约定的还款 ${r.amount} 将于 ${r.dueDate} 到期。如已还款请忽略本消息；如需调整，请在到期前联系我们。${optOut}`;
    return { subject: r.channel === 'email' ? `还款提醒：${r.dueDate} 到期 ${r.amount}` : null, body };
  }
  const body = `Hello ${r.customerName}, a reminder from ${r.creditor}: your agreed payment of ${r.amount} is due on ${r.dueDate}. If you have already paid, please ignore this message; if you need to change the arrangement, contact us before that date. ${optOut}`;
  return { subject: r.channel === 'email' ? `Payment reminder: ${r.amount} due ${r.dueDate}` : null, body };
}

export type ReminderContactPoint = Pick<
  GateContactPoint,
  'id' | 'kind' | 'type' | 'status' | 'optedOut' | 'optedOutChannels'
>;

/**
 * The customer's allowed channel for a reminder: a text to a mobile, else an e-mail, or the one
 * the customer said they prefer when it is usable; a number or address opted out of that channel
 * (or of everything) is never chosen. Null when neither may be used.
 */
export function chooseReminderChannel(
  points: ReminderContactPoint[],
  preferred: ChannelCode | null = null,
): { channel: ReminderChannel; contactPointId: string } | null {
  const usable = (channel: ReminderChannel) =>
    points.filter((p) => !p.optedOut && p.status !== 'invalid' && !p.optedOutChannels?.includes(channel));
  const mobile = usable('sms').find((p) => p.kind === 'phone' && p.type === 'mobile');
  const email = usable('email').find((p) => p.kind === 'email');
  if (preferred === 'email' && email) return { channel: 'email', contactPointId: email.id };
  if (mobile) return { channel: 'sms', contactPointId: mobile.id };
  return email ? { channel: 'email', contactPointId: email.id } : null;
}

/** When a reminder goes out: `daysBefore` days before the due date, at `hour`:00 the customer's time. */
export function reminderSendAfter(dueDate: IsoDate, daysBefore: number, timeZone: string, hour = 10): Date {
  const day = startOfLocalDay(addDaysIso(dueDate, -daysBefore), timeZone);
  return new Date(day.getTime() + hour * 3_600_000);
}
