import {
  chooseReminderChannel,
  formatMoney,
  localDate,
  renderReminder,
  reminderSendAfter,
  type ComplianceProfilePolicy,
} from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { isoDay } from '../../lib/date-columns.js';
import { fromDbLocale } from '../auth/auth.repository.js';
import type { ContactGate } from '../compliance/contact-gate.service.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import { addressForm } from '../scripts/scripts.service.js';
import type { MessageSender } from './message-sender.js';
import type { RemindersRepository } from './reminders.repository.js';

export interface RemindersServiceDeps {
  reminders: RemindersRepository;
  sender: MessageSender;
  gate: ContactGate;
  policies: Pick<PoliciesRepository, 'complianceProfiles'>;
  clock: Clock;
}

/** Reminders go out the day before a promise falls due. */
const DAYS_BEFORE = 1;
/**
 * A message taken for sending is not due again for this long: another sender (an overlapping
 * run, another API instance) skips it, and if this process dies before it is sent, it is retried
 * then (providers deduplicate on the outbox id the sender passes them).
 */
const CLAIM_MS = 5 * 60_000;

export type RemindersService = ReturnType<typeof createRemindersService>;

export function createRemindersService({ reminders, sender, gate, policies, clock }: RemindersServiceDeps) {
  return {
    /** Queues a reminder for each pending promise falling due soon, through the customer's preferred allowed channel. */
    async schedule(): Promise<number> {
      const now = clock.now();
      const promises = await reminders.promisesNeedingReminder(now, DAYS_BEFORE + 1);
      let queued = 0;
      for (const p of promises) {
        const debtor = p.account.debtor;
        const dueDate = isoDay(p.dueDate);
        // A reminder is for a date still ahead (or today) in the customer's calendar.
        if (dueDate < localDate(now, debtor.timeZone)) continue;
        const choice = chooseReminderChannel(debtor.contactPoints);
        if (!choice) continue; // no allowed channel: nothing to send, the collector sees it in the case file
        const point = debtor.contactPoints.find((c) => c.id === choice.contactPointId)!;
        const locale = fromDbLocale(debtor.preferredLanguage);
        const intl = locale === 'zh-CN' ? 'zh-CN' : 'en-US';
        const text = renderReminder({
          locale,
          channel: choice.channel,
          creditor: p.account.creditor.name,
          customerName: addressForm(locale, debtor.salutation, debtor.familyName, debtor.fullName),
          amount: formatMoney({ amountMinor: Number(p.amountMinor), currency: p.currency }, intl),
          dueDate: new Intl.DateTimeFormat(intl, { dateStyle: 'long', timeZone: 'UTC' }).format(p.dueDate),
        });
        const at = reminderSendAfter(dueDate, DAYS_BEFORE, debtor.timeZone);
        await reminders.enqueue({
          accountId: p.accountId,
          promiseId: p.id,
          channel: choice.channel,
          contactPointId: point.id,
          recipient: point.value,
          locale: debtor.preferredLanguage,
          subject: text.subject,
          body: text.body,
          sendAfter: at.getTime() < now.getTime() ? now : at,
        });
        queued++;
      }
      return queued;
    },

    /**
     * Sends what is due, each through the contact gate at the moment of sending: outside the
     * window it waits for the window, a stop flag or opt-out blocks it, a settled promise cancels it.
     * Each message is decided in the gate's locked transaction (the same lock as outcome
     * recording), and taken there, so it goes out once however many senders run at a time.
     */
    async send(): Promise<{ sent: number; blocked: number; rescheduled: number }> {
      const now = clock.now();
      // Read before the transactions: nothing inside them may take a second pooled connection.
      const profiles: Record<string, ComplianceProfilePolicy> = await policies.complianceProfiles();
      const due = await reminders.dueMessages(now);
      const counts = { sent: 0, blocked: 0, rescheduled: 0 };
      for (const m of due) {
        const decision = await gate.withAccount(m.accountId, async ({ tx, now, facts, verdict }) => {
          if (!(await reminders.claim(tx, m.id, now, new Date(now.getTime() + CLAIM_MS)))) return 'taken' as const;
          if (m.promiseId) {
            const promise = await reminders.promiseStatus(m.promiseId, tx);
            if (promise?.status !== 'pending') {
              await reminders.update(
                m.id,
                { status: 'cancelled', lastError: `promise is ${promise?.status ?? 'gone'}` },
                tx,
              );
              return 'cancelled' as const;
            }
            if (isoDay(promise.dueDate) < localDate(now, facts.customerTimeZone)) {
              await reminders.update(m.id, { status: 'cancelled', lastError: 'the due date has passed' }, tx);
              return 'cancelled' as const;
            }
          }
          const point = facts.contactPoints.find((p) => p.id === m.contactPointId) ?? null;
          const v = verdict({
            channel: m.channel,
            profile: profiles[m.account.complianceProfile]!,
            contactPoint: point,
          });
          if (v.allowed) return 'send' as const;
          const lastError = v.reasons.map((r) => r.message).join(' ');
          if (v.nextAllowedAt) {
            await reminders.update(m.id, { sendAfter: v.nextAllowedAt, lastError }, tx);
            return 'rescheduled' as const;
          }
          await reminders.update(m.id, { status: 'blocked', lastError }, tx);
          return 'blocked' as const;
        });
        if (decision === 'rescheduled') counts.rescheduled++;
        if (decision === 'blocked') counts.blocked++;
        if (decision !== 'send') continue;
        try {
          const { providerMessageId } = await sender.send({
            outboxId: m.id,
            channel: m.channel as 'sms' | 'email',
            recipient: m.recipient,
            subject: m.subject,
            body: m.body,
          });
          await reminders.update(m.id, {
            status: 'sent',
            sentAt: now,
            providerMessageId,
            attempts: { increment: 1 },
            lastError: null,
          });
          counts.sent++;
        } catch (err) {
          const failedForGood = m.attempts + 1 >= 5;
          await reminders.update(m.id, {
            status: failedForGood ? 'failed' : 'queued',
            sendAfter: new Date(now.getTime() + 5 * 60_000 * (m.attempts + 1)),
            attempts: { increment: 1 },
            lastError: err instanceof Error ? err.message : String(err),
          });
        }
      }
      return counts;
    },
  };
}
