import type {
  AccountDisputes,
  DisputeDto,
  QueueValidationNoticeBody,
  RecordDisputeBody,
  SessionUser,
  ValidationNoticeDto,
  VerificationSentBody,
} from '@crm/contracts';
import {
  addDaysIso,
  canMoveDispute,
  disputeAllows,
  disputeHold,
  disputeResponseDue,
  disputeTiming,
  localDate,
  noticeText,
  profileHoldsAllDisputes,
  startOfLocalDay,
  validationDaysLeft,
  validationNoticeContent,
  validationNoticeRule,
  validationPeriod,
  type DisputeHoldBasis,
  type DisputeMethod,
  type ComplianceProfilePolicy,
  type DisputeTiming,
  type NoticeLocale,
} from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { isoDay } from '../../lib/date-columns.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import type { Tx, UnitOfWork } from '../../lib/transaction.js';
import type { AccountAccess } from '../accounts/account-access.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { lockAccountForWrite } from '../compliance/account-lock.js';
import type { GateFactsRepository } from '../compliance/gate-facts.repository.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import type { StopFlagsService } from '../stop-flags/stop-flags.service.js';
import { noticeFileName, type DisputesRepository } from './disputes.repository.js';
import { renderNoticePdf } from './notice-pdf.js';

export interface DisputesServiceDeps {
  disputes: DisputesRepository;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  access: AccountAccess;
  gateFacts: Pick<GateFactsRepository, 'lock'>;
  /** Ends a dispute hold inside this transaction, audited as any clear (ADR 023). */
  stopFlags: Pick<StopFlagsService, 'clearLocked'>;
  policies: Pick<PoliciesRepository, 'complianceProfiles'>;
  clock: Clock;
  /** The debt collector's name and mailing address (1006.34(c)(1)), from the configuration. */
  collector: { name: string; mailingAddress: string[] };
  /** Told after a change that moves a verdict (a hold set or ended: the queue drops its snapshots). */
  /** In the change's transaction, after its writes (the worklist's epoch, ADR 041). */
  onChanged?: (tx: Tx) => Promise<void>;
}

export type DisputesService = ReturnType<typeof createDisputesService>;

type NoticeRow = Awaited<ReturnType<DisputesRepository['notices']>>[number];
type DisputeRow = NonNullable<Awaited<ReturnType<DisputesRepository['dispute']>>>;

const noticeLocale = (l: 'en' | 'zh_CN'): NoticeLocale => (l === 'zh_CN' ? 'zh-CN' : 'en');
const dateOf = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A postal address contact point's value as letter lines: "12 Elm St, Denver, CO 80202" -> street, then the rest. */
export function addressLines(value: string): string[] {
  const i = value.indexOf(', ');
  return i < 0 ? [value] : [value.slice(0, i), value.slice(i + 2)];
}

/**
 * Validation notices (Reg F 1006.34) and disputes (1006.38). Each write runs under the contact
 * gate's locks (the customer's, then the account's) so a contact decided at the same moment sees
 * the hold or is decided before it, and is audited in its transaction (ADR 018).
 */
export function createDisputesService(deps: DisputesServiceDeps) {
  const { disputes, uow, audit, access, gateFacts, stopFlags, policies, clock, collector, onChanged } = deps;

  const locked = (user: SessionUser, accountId: string, tx: Tx) =>
    lockAccountForWrite({ access, gateFacts, clock }, tx, user, accountId);

  function noticeDto(n: NoticeRow, zone: string, now: Date): ValidationNoticeDto {
    const endsOn = isoDay(n.validationEndsOn);
    return {
      id: n.id,
      accountId: n.accountId,
      status: n.outboxMessage.status,
      lastError: n.outboxMessage.status === 'sent' ? null : n.outboxMessage.lastError,
      locales: n.locales.map(noticeLocale),
      itemizationDate: isoDay(n.itemizationDate),
      currency: n.currency,
      amountOnItemizationMinor: Number(n.amountOnItemizationMinor),
      interestSinceMinor: Number(n.interestSinceMinor),
      feesSinceMinor: Number(n.feesSinceMinor),
      paymentsCreditsSinceMinor: Number(n.paymentsCreditsSinceMinor),
      currentAmountMinor: Number(n.currentAmountMinor),
      queuedAt: n.createdAt.toISOString(),
      sentAt: n.outboxMessage.sentAt?.toISOString() ?? null,
      validationEndsOn: endsOn,
      daysLeft: n.outboxMessage.sentAt ? validationDaysLeft({ endsOn }, localDate(now, zone)) : null,
      fileName: n.fileName,
    };
  }

  function disputeDto(d: DisputeRow, zone: string): DisputeDto {
    const holdBasis = d.holdBasis as DisputeHoldBasis;
    return {
      id: d.id,
      accountId: d.accountId,
      status: d.status,
      method: d.method,
      amountMinor: d.amountMinor === null ? null : Number(d.amountMinor),
      currency: d.currency,
      description: d.description,
      receivedAt: d.receivedAt.toISOString(),
      timing: d.timing as DisputeTiming,
      holdBasis,
      collectionPaused: !disputeAllows(d.status, holdBasis !== 'none').collection,
      stopFlagId: d.stopFlagId,
      contactAttemptId: d.contactAttemptId,
      responseDueOn: disputeResponseDue(d.receivedAt, zone),
      verificationSentAt: d.verificationSentAt?.toISOString() ?? null,
      verificationSummary: d.verificationSummary,
    };
  }

  /** Renders the notice of `n` as if its letter goes out at `sendAt` (the end date follows that day). */
  async function render(
    account: NonNullable<Awaited<ReturnType<DisputesRepository['accountForNotice']>>>,
    figures: {
      locales: ('en' | 'zh_CN')[];
      itemizationDate: string;
      paymentsCreditsSinceMinor: bigint;
      currentAmountMinor: bigint;
      interestSinceMinor: bigint;
      feesSinceMinor: bigint;
      recipient: string;
    },
    sendAt: Date,
  ) {
    const period = validationPeriod(sendAt, account.debtor.timeZone);
    const contents = figures.locales.map((l) =>
      validationNoticeContent({
        locale: noticeLocale(l),
        collector,
        consumer: { name: account.debtor.fullName, mailingAddress: addressLines(figures.recipient) },
        creditor: account.creditor.name,
        creditorOnItemizationDate: account.creditor.name,
        accountNumber: account.externalId,
        itemizationDate: figures.itemizationDate,
        currency: account.currency,
        interestSinceMinor: figures.interestSinceMinor,
        feesSinceMinor: figures.feesSinceMinor,
        paymentsCreditsSinceMinor: figures.paymentsCreditsSinceMinor,
        currentAmountMinor: figures.currentAmountMinor,
        validationEndsOn: period.endsOn,
      }),
    );
    const pdf = await renderNoticePdf(contents, { title: `Validation notice ${account.externalId}` });
    return { pdf, period, text: contents.map(noticeText).join('\n\n') };
  }

  /** Records a dispute in `tx` (the account already locked): its timing, its hold (a dispute_hold flag) and the audit row. */
  async function recordLocked(
    tx: Tx,
    d: {
      accountId: string;
      debtorId: string;
      currency: string;
      timeZone: string;
      profileHoldsAll: boolean;
      method: DisputeMethod;
      amountMinor: bigint | null;
      description: string;
      receivedAt: Date;
      requestedHold: boolean;
      /** A flag already set for it (outcome recording sets its own). */
      stopFlagId: string | null;
      contactAttemptId: string | null;
      userId: string;
      requestId: string;
      now: Date;
    },
  ) {
    const notice = await disputes.latestSentNotice(tx, d.accountId);
    const timing = disputeTiming(d.receivedAt, d.timeZone, notice ? isoDay(notice.validationEndsOn) : null);
    const hold = disputeHold({
      timing,
      method: d.method,
      profileHoldsAll: d.profileHoldsAll,
      requested: d.requestedHold || d.stopFlagId !== null,
    });
    let stopFlagId = d.stopFlagId;
    if (hold.hold && !stopFlagId) {
      stopFlagId = (
        await disputes.createStopFlag(tx, {
          debtorId: d.debtorId,
          accountId: d.accountId,
          reason: `Dispute (${d.method}): ${d.description}`.slice(0, 1000),
          setById: d.userId,
          setAt: d.now,
        })
      ).id;
    }
    const saved = await disputes.createDispute(tx, {
      accountId: d.accountId,
      method: d.method,
      amountMinor: d.amountMinor,
      currency: d.currency,
      description: d.description,
      receivedAt: d.receivedAt,
      timing,
      holdBasis: hold.basis,
      validationNoticeId: notice?.id ?? null,
      stopFlagId,
      contactAttemptId: d.contactAttemptId,
      createdById: d.userId,
    });
    await audit.record(
      {
        actorId: d.userId,
        action: 'dispute.recorded',
        entityType: 'account',
        entityId: d.accountId,
        requestId: d.requestId,
        data: {
          disputeId: saved.id,
          method: d.method,
          timing,
          holdBasis: hold.basis,
          stopFlagId,
          contactAttemptId: d.contactAttemptId,
        },
      },
      tx,
    );
    return saved;
  }

  return {
    /** The account's notices and disputes (case file, list route): two reads, whatever their number. */
    async forAccount(
      accountId: string,
      accountNumber: string,
      zone: string,
      profile: Pick<ComplianceProfilePolicy, 'profile' | 'validationNotice'>,
      now: Date,
    ): Promise<AccountDisputes> {
      const [notices, list] = await Promise.all([
        disputes.notices(accountId, accountNumber),
        disputes.disputes(accountId),
      ]);
      return this.present(notices, list, zone, profile, now);
    },

    /** An account's notices and disputes as shown, from rows read by the caller (the case file's one statement). */
    present(
      notices: readonly NoticeRow[],
      list: readonly DisputeRow[],
      zone: string,
      profile: Pick<ComplianceProfilePolicy, 'profile' | 'validationNotice'>,
      now: Date,
    ): AccountDisputes {
      return {
        noticeApplies: validationNoticeRule(profile).send,
        notices: notices.map((n) => noticeDto(n, zone, now)),
        disputes: list.map((d) => disputeDto(d, zone)),
      };
    },

    async list(user: SessionUser, accountId: string): Promise<AccountDisputes> {
      const now = clock.now();
      await access.assertCanOpen(user, accountId, now);
      const [a, profiles] = await Promise.all([disputes.accountForNotice(accountId), policies.complianceProfiles()]);
      if (!a) throw new NotFoundError('No such account.');
      return this.forAccount(accountId, a.externalId, a.debtor.timeZone, profiles[a.complianceProfile], now);
    },

    /**
     * Queues the account's validation notice as a letter in the outbox: one pending notice per
     * account (asking again returns it, `created: false`). Refused for a profile that sends none.
     */
    async queueNotice(
      user: SessionUser,
      accountId: string,
      body: QueueValidationNoticeBody,
      requestId: string,
    ): Promise<{ created: boolean; notice: ValidationNoticeDto }> {
      const profiles = await policies.complianceProfiles();
      const result = await uow(async (tx) => {
        await locked(user, accountId, tx);
        const now = clock.now();
        const account = await disputes.accountForNotice(accountId, tx);
        if (!account) throw new NotFoundError('No such account.');
        const zone = account.debtor.timeZone;
        const pending = await disputes.pendingNotice(tx, accountId, account.externalId);
        if (pending) return { created: false, notice: noticeDto(pending, zone, now) };

        const rule = validationNoticeRule(profiles[account.complianceProfile]);
        if (!rule.send)
          throw new ConflictError(
            `The ${account.complianceProfile} profile does not send validation notices (Reg F 1006.34 is a US rule).`,
            [{ field: 'complianceProfile', message: `${account.complianceProfile} does not send validation notices` }],
          );
        const today = localDate(now, zone);
        const lastPayment = account.payments[0]?.paidAt;
        const itemizationDate =
          body.itemizationDate ?? (lastPayment ? localDate(lastPayment, zone) : isoDay(account.openedAt));
        const opened = isoDay(account.openedAt);
        if (itemizationDate > today || itemizationDate < opened)
          throw new BadRequestError(
            `Invalid body: itemizationDate must be between the day the account was opened (${opened}) and today (${today})`,
            [{ field: 'itemizationDate', message: `must be between ${opened} and ${today}` }],
          );
        const address =
          account.debtor.contactPoints.find(
            (p) => p.status === 'valid' && !p.optedOut && !p.optedOutChannels.includes('letter'),
          ) ??
          account.debtor.contactPoints.find(
            (p) => p.status !== 'invalid' && !p.optedOut && !p.optedOutChannels.includes('letter'),
          );
        if (!address)
          throw new ConflictError('The customer has no postal address the letter can go to.', [
            { field: 'address', message: 'no valid postal address on file' },
          ]);
        const paid = await disputes.paidSince(tx, accountId, startOfLocalDay(addDaysIso(itemizationDate, 1), zone));
        const figures = {
          locales: [
            'en' as const,
            ...(rule.translation && account.debtor.preferredLanguage === 'zh_CN' ? (['zh_CN'] as const) : []),
          ],
          itemizationDate,
          paymentsCreditsSinceMinor: paid,
          currentAmountMinor: account.balanceMinor,
          // The product records no interest or fees after the creditor's figures: both are zero.
          interestSinceMinor: 0n,
          feesSinceMinor: 0n,
          recipient: address.value,
        };
        const rendered = await render(account, figures, now);
        const notice = await disputes.createNotice(tx, {
          accountId,
          contactPointId: address.id,
          recipient: address.value,
          locale: account.debtor.preferredLanguage,
          body: rendered.text,
          sendAfter: now,
          fileName: noticeFileName(account.externalId),
          pdf: rendered.pdf,
          locales: [...figures.locales],
          itemizationDate: dateOf(itemizationDate),
          currency: account.currency,
          amountOnItemizationMinor: figures.currentAmountMinor + paid,
          interestSinceMinor: 0n,
          feesSinceMinor: 0n,
          paymentsCreditsSinceMinor: paid,
          currentAmountMinor: figures.currentAmountMinor,
          validationEndsOn: dateOf(rendered.period.endsOn),
          requestedById: user.id,
          accountNumber: account.externalId,
        });
        await audit.record(
          {
            actorId: user.id,
            action: 'validation_notice.queued',
            entityType: 'account',
            entityId: accountId,
            requestId,
            data: { noticeId: notice.id, itemizationDate, locales: figures.locales, contactPointId: address.id },
          },
          tx,
        );
        return { created: true, notice: noticeDto(notice, zone, now) };
      });
      return result;
    },

    /** The notice's PDF (as queued, or as it went out). */
    async noticePdf(user: SessionUser, accountId: string, noticeId: string) {
      await access.assertCanOpen(user, accountId, clock.now());
      const found = await disputes.noticePdf(accountId, noticeId);
      const document = found?.outboxMessage.document;
      if (!document) throw new NotFoundError('No such validation notice on this account.');
      return { fileName: document.fileName, content: Buffer.from(document.content) };
    },

    /**
     * The letter renderer the outbox sender calls as a letter goes out: renders it again for the
     * day of sending (the end date it states follows that day), stores it, and returns it.
     */
    async renderForSending(outboxMessageId: string, sendAt: Date): Promise<{ fileName: string; pdf: Buffer }> {
      return uow(async (tx) => {
        const notice = await disputes.noticeOfOutbox(tx, outboxMessageId);
        if (!notice || !notice.outboxMessage.documentId) throw new Error(`Letter ${outboxMessageId} has no notice`);
        const account = await disputes.accountForNotice(notice.accountId, tx);
        if (!account) throw new Error(`Letter ${outboxMessageId}: no account`);
        const rendered = await render(
          account,
          {
            locales: notice.locales,
            itemizationDate: isoDay(notice.itemizationDate),
            paymentsCreditsSinceMinor: notice.paymentsCreditsSinceMinor,
            currentAmountMinor: notice.currentAmountMinor,
            interestSinceMinor: notice.interestSinceMinor,
            feesSinceMinor: notice.feesSinceMinor,
            recipient: notice.outboxMessage.recipient,
          },
          sendAt,
        );
        await disputes.saveRendered(
          tx,
          notice.id,
          notice.outboxMessage.documentId,
          rendered.pdf,
          dateOf(rendered.period.endsOn),
        );
        return { fileName: noticeFileName(account.externalId), pdf: rendered.pdf };
      });
    },

    /** Records a dispute (written or oral): within the validation period (or before the notice) it holds collection. */
    async record(
      user: SessionUser,
      accountId: string,
      body: RecordDisputeBody,
      requestId: string,
    ): Promise<DisputeDto> {
      const profiles = await policies.complianceProfiles();
      const result = await uow(async (tx) => {
        await locked(user, accountId, tx);
        const now = clock.now();
        const account = await disputes.accountForNotice(accountId, tx);
        if (!account) throw new NotFoundError('No such account.');
        const receivedAt = new Date(body.receivedAt);
        const problems: { field: string; message: string }[] = [];
        if (receivedAt.getTime() > now.getTime() + 60_000)
          problems.push({ field: 'receivedAt', message: 'must not be in the future' });
        if (body.amountMinor != null && BigInt(body.amountMinor) > account.balanceMinor)
          problems.push({ field: 'amountMinor', message: `must be at most the balance (${account.balanceMinor})` });
        if (problems.length)
          throw new BadRequestError(
            `Invalid body: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
            problems,
          );
        const saved = await recordLocked(tx, {
          accountId,
          debtorId: account.debtorId,
          currency: account.currency,
          timeZone: account.debtor.timeZone,
          profileHoldsAll: profileHoldsAllDisputes(profiles[account.complianceProfile]),
          method: body.method,
          amountMinor: body.amountMinor == null ? null : BigInt(body.amountMinor),
          description: body.description,
          receivedAt,
          requestedHold: body.hold === true,
          stopFlagId: null,
          contactAttemptId: null,
          userId: user.id,
          requestId,
          now,
        });
        await onChanged?.(tx);
        return disputeDto(saved, account.debtor.timeZone);
      });
      return result;
    },

    /**
     * The shared outcome path (POST /contacts): an outcome `dispute` creates its dispute record in
     * the same transaction, linked to the attempt and to the dispute_hold flag the outcome set.
     */
    async recordFromOutcome(
      tx: Tx,
      o: {
        accountId: string;
        userId: string;
        channel: string;
        description: string;
        receivedAt: Date;
        stopFlagId: string | null;
        contactAttemptId: string;
        requestId: string;
        /** The account's profile in force (read before the transaction by the caller). */
        profile: Pick<ComplianceProfilePolicy, 'profile' | 'stopFlags'>;
      },
    ): Promise<void> {
      const account = await disputes.accountForNotice(o.accountId, tx);
      if (!account) throw new NotFoundError('No such account.');
      await recordLocked(tx, {
        accountId: o.accountId,
        debtorId: account.debtorId,
        currency: account.currency,
        timeZone: account.debtor.timeZone,
        profileHoldsAll: profileHoldsAllDisputes(o.profile),
        method: o.channel === 'letter' || o.channel === 'email' ? 'written' : 'oral',
        amountMinor: null,
        description: o.description,
        receivedAt: o.receivedAt,
        requestedHold: false,
        stopFlagId: o.stopFlagId,
        contactAttemptId: o.contactAttemptId,
        userId: o.userId,
        requestId: o.requestId,
        now: o.receivedAt,
      });
    },

    /**
     * Verification was sent (1006.38(d)(2)(i)): the dispute moves open -> verification_sent and its
     * hold ends (the dispute_hold flag is cleared with "verification sent"). Two at once: one wins, 409.
     */
    async verificationSent(
      user: SessionUser,
      accountId: string,
      disputeId: string,
      body: VerificationSentBody,
      requestId: string,
    ): Promise<DisputeDto> {
      const result = await uow(async (tx) => {
        await locked(user, accountId, tx);
        const now = clock.now();
        const dispute = await disputes.dispute(tx, accountId, disputeId);
        if (!dispute) throw new NotFoundError('No such dispute on this account.');
        if (
          !canMoveDispute(dispute.status, 'verification_sent') ||
          !(await disputes.markVerificationSent(tx, disputeId, user.id, now, body.summary))
        )
          throw new ConflictError(
            `This dispute is ${dispute.status.replace('_', ' ')}: verification can be recorded only on an open dispute.`,
            [{ field: 'status', message: `is ${dispute.status}, not open` }],
          );
        const account = await disputes.accountForNotice(accountId, tx);
        // The hold ends through the stop-flag lifecycle (audited there); one a supervisor already
        // cleared, or that expired, stays as it is.
        let cleared = false;
        if (dispute.stopFlagId) {
          try {
            await stopFlags.clearLocked(
              tx,
              { id: accountId, debtorId: account!.debtorId },
              { accountId, flagId: dispute.stopFlagId, reason: 'verification sent', actor: { user }, requestId },
            );
            cleared = true;
          } catch (err) {
            if (!(err instanceof ConflictError)) throw err;
          }
        }
        await audit.record(
          {
            actorId: user.id,
            action: 'dispute.verification_sent',
            entityType: 'account',
            entityId: accountId,
            requestId,
            data: { disputeId, stopFlagId: dispute.stopFlagId, flagCleared: cleared },
          },
          tx,
        );
        await onChanged?.(tx);
        return disputeDto((await disputes.dispute(tx, accountId, disputeId))!, account!.debtor.timeZone);
      });
      return result;
    },
  };
}
