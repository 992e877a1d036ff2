import { chooseReminderChannel, formatMoney, localDate, renderReminder, reminderSendAfter } from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { isoDay } from '../../lib/date-columns.js';
import { fromDbLocale } from '../auth/auth.repository.js';
import type { ContactGate } from '../compliance/contact-gate.service.js';
import { addressForm } from '../scripts/scripts.service.js';
import type { LetterDrop, LetterRenderer, MessageSender } from './message-sender.js';
import type { OutboxChange, RemindersRepository } from './reminders.repository.js';

export interface RemindersServiceDeps {
  reminders: RemindersRepository;
  sender: MessageSender;
  gate: ContactGate;
  clock: Clock;
  /** Letters (channel `letter`): rendered for the day they go out, then dropped for print and mail. */
  letters?: { renderer: LetterRenderer; drop: LetterDrop };
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

export function createRemindersService({ reminders, sender, gate, clock, letters }: RemindersServiceDeps) {
  /** Delivers one message through its channel's sender. */
  async function deliver(
    m: { id: string; channel: string; recipient: string; subject: string | null; body: string },
    now: Date,
  ) {
    if (m.channel === 'letter') {
      if (!letters) throw new Error('No letter drop is configured');
      const letter = await letters.renderer.renderForSending(m.id, now);
      return letters.drop.drop({ outboxId: m.id, ...letter });
    }
    return sender.send({
      outboxId: m.id,
      channel: m.channel as 'sms' | 'email',
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
    });
  }

  return {
    /** Queues a reminder for each pending promise falling due soon, through the customer's preferred allowed channel. */
    async schedule(): Promise<number> {
      const now = clock.now();
      const promises = await reminders.promisesNeedingReminder(now, DAYS_BEFORE + 1);
      const rows: Parameters<RemindersRepository['enqueue']>[0] = [];
      for (const p of promises) {
        const debtor = p.account.debtor;
        const dueDate = isoDay(p.dueDate);
        // A reminder is for a date still ahead (or today) in the customer's calendar.
        if (dueDate < localDate(now, debtor.timeZone)) continue;
        const choice = chooseReminderChannel(debtor.contactPoints, debtor.preferredChannel);
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
        rows.push({
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
      }
      return reminders.enqueue(rows);
    },

    /**
     * Sends what is due (reminders, letters), each through the contact gate at the moment of sending: outside the
     * window it waits for the window, a stop flag or opt-out blocks it, a settled promise cancels it.
     * The due messages are decided together in one of the gate's locked transactions (the same
     * locks as outcome recording: their customers, then their accounts), and taken there, so each
     * goes out once however many senders run at a time. The batch costs the same statements
     * whatever its size: one lock statement per kind of row, the gate's facts of all the accounts,
     * one claim, one read of the promises, one write of the decisions, and after sending (outside
     * any transaction: a provider call never holds a lock) one write of the results.
     */
    async send(): Promise<{ sent: number; blocked: number; rescheduled: number }> {
      const due = await reminders.dueMessages(clock.now());
      if (due.length === 0) return { sent: 0, blocked: 0, rescheduled: 0 };

      const { now, outgoing, counts } = await gate.withAccounts(
        due.map((m) => m.accountId),
        async ({ tx, now, facts, verdict }) => {
          const claimed = await reminders.claim(
            tx,
            due.map((m) => m.id),
            now,
            new Date(now.getTime() + CLAIM_MS),
          );
          const mine = due.filter((m) => claimed.has(m.id));
          const promises = await reminders.promiseStatuses(
            mine.flatMap((m) => (m.promiseId ? [m.promiseId] : [])),
            tx,
          );
          const changes: OutboxChange[] = [];
          const outgoing: typeof mine = [];
          // Counted here, per run of this callback (the unit of work may run it again).
          const counts = { sent: 0, blocked: 0, rescheduled: 0 };
          for (const m of mine) {
            const f = facts.get(m.accountId)!; // the outbox row references the account
            if (m.promiseId) {
              const promise = promises.get(m.promiseId);
              if (promise?.status !== 'pending') {
                changes.push({ id: m.id, status: 'cancelled', lastError: `promise is ${promise?.status ?? 'gone'}` });
                continue;
              }
              if (isoDay(promise.dueDate) < localDate(now, f.customerTimeZone)) {
                changes.push({ id: m.id, status: 'cancelled', lastError: 'the due date has passed' });
                continue;
              }
            }
            const point = f.contactPoints.find((p) => p.id === m.contactPointId) ?? null;
            const v = verdict(m.accountId, {
              channel: m.channel,
              // The account's profile in force, read with the facts under the lock.
              profile: f.profile,
              contactPoint: point,
            });
            if (v.allowed) {
              outgoing.push(m);
              continue;
            }
            const lastError = v.reasons.map((r) => r.message).join(' ');
            if (v.nextAllowedAt) {
              changes.push({ id: m.id, sendAfter: v.nextAllowedAt, lastError });
              counts.rescheduled++;
            } else {
              changes.push({ id: m.id, status: 'blocked', lastError });
              counts.blocked++;
            }
          }
          await reminders.settle(changes, tx);
          return { now, outgoing, counts };
        },
      );

      // Taken: another sender skips them until the claim runs out. A sender that dies before
      // recording the results sends them again then, with the same outbox id (providers
      // deduplicate on it; the local log does too).
      const results: OutboxChange[] = [];
      for (const m of outgoing) {
        try {
          const { providerMessageId } = await deliver(m, now);
          results.push({ id: m.id, status: 'sent', sentAt: now, providerMessageId, attempted: true, lastError: null });
          counts.sent++;
        } catch (err) {
          const failedForGood = m.attempts + 1 >= 5;
          results.push({
            id: m.id,
            status: failedForGood ? 'failed' : 'queued',
            sendAfter: new Date(now.getTime() + 5 * 60_000 * (m.attempts + 1)),
            attempted: true,
            lastError: err instanceof Error ? err.message : String(err),
          });
        }
      }
      await reminders.settle(results);
      return counts;
    },
  };
}
