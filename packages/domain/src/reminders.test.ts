import { describe, expect, it } from 'vitest';
import { chooseReminderChannel, renderReminder, reminderSendAfter } from './reminders.js';

describe('reminders', () => {
  it('say who, what and when, in the customer’s language, with the opt-out text', () => {
    const en = renderReminder({
      locale: 'en',
      channel: 'sms',
      creditor: 'Evergreen Bank',
      customerName: 'Ms Reed',
      amount: '$200.00',
      dueDate: 'November 27, 2026',
    });
    expect(en.body).toContain('$200.00');
    expect(en.body).toContain('Evergreen Bank');
    expect(en.body).toContain('Reply STOP');
    expect(en.subject).toBeNull();
    const zh = renderReminder({
      locale: 'zh-CN',
      channel: 'email',
      creditor: '华信消费金融',
      customerName: '王女士',
      amount: '¥500.00',
      dueDate: '2026年11月27日',
    });
    expect(zh.body).toContain('退订');
    expect(zh.subject).toContain('¥500.00');
  });

  it('prefer a text to a mobile, fall back to e-mail, and respect opt-outs and invalid numbers', () => {
    const mobile = {
      id: 'm',
      kind: 'phone' as const,
      type: 'mobile' as const,
      status: 'valid' as const,
      optedOut: false,
    };
    const email = {
      id: 'e',
      kind: 'email' as const,
      type: 'other' as const,
      status: 'unverified' as const,
      optedOut: false,
    };
    expect(chooseReminderChannel([email, mobile])).toEqual({ channel: 'sms', contactPointId: 'm' });
    expect(chooseReminderChannel([{ ...mobile, optedOut: true }, email])).toEqual({
      channel: 'email',
      contactPointId: 'e',
    });
    expect(
      chooseReminderChannel([
        { ...mobile, status: 'invalid' },
        { ...email, optedOut: true },
      ]),
    ).toBeNull();
  });

  it.each([
    ['an SMS opt-out on the mobile: e-mail', [{ optedOutChannels: ['sms'] }, {}], null, 'e'],
    ['an SMS opt-out and no e-mail: none', [{ optedOutChannels: ['sms'] }], null, null],
    ['a voice-only opt-out leaves SMS', [{ optedOutChannels: ['phone'] }, {}], null, 'm'],
    ['the customer prefers e-mail', [{}, {}], 'email', 'e'],
    ['prefers e-mail but opted out of it: SMS', [{}, { optedOutChannels: ['email'] }], 'email', 'm'],
    ['prefers SMS', [{}, {}], 'sms', 'm'],
  ] as const)('honour per-channel opt-outs and the preferred channel: %s', (_n, over, preferred, expected) => {
    const base = [
      { id: 'm', kind: 'phone', type: 'mobile', status: 'valid', optedOut: false },
      { id: 'e', kind: 'email', type: 'other', status: 'valid', optedOut: false },
    ] as const;
    const points = over.map((o, i) => ({ ...base[i]!, ...o }));
    expect(chooseReminderChannel(points, preferred)?.contactPointId ?? null).toBe(expected);
  });

  it('go out the day before at 10:00 the customer’s time', () => {
    expect(reminderSendAfter('2026-11-27', 1, 'America/New_York')).toEqual(new Date('2026-11-26T15:00:00Z'));
    expect(reminderSendAfter('2026-11-27', 1, 'Asia/Shanghai')).toEqual(new Date('2026-11-26T02:00:00Z'));
  });
});
