import type { Db } from '@crm/db';
import type { Tx } from '../../lib/transaction.js';

export type DisputesRepository = ReturnType<typeof createDisputesRepository>;

const NOTICE = {
  id: true,
  accountId: true,
  locales: true,
  itemizationDate: true,
  currency: true,
  amountOnItemizationMinor: true,
  interestSinceMinor: true,
  feesSinceMinor: true,
  paymentsCreditsSinceMinor: true,
  currentAmountMinor: true,
  validationEndsOn: true,
  createdAt: true,
  outboxMessage: { select: { id: true, status: true, sentAt: true, lastError: true } },
} as const;

/** A notice's PDF is named after the account: `validation-notice-<account number>.pdf`. */
export const noticeFileName = (accountNumber: string) => `validation-notice-${accountNumber}.pdf`;

const withFileName =
  (accountNumber: string) =>
  <T>(n: T) => ({ ...n, fileName: noticeFileName(accountNumber) });

const DISPUTE = {
  id: true,
  accountId: true,
  status: true,
  method: true,
  amountMinor: true,
  currency: true,
  description: true,
  receivedAt: true,
  timing: true,
  holdBasis: true,
  stopFlagId: true,
  contactAttemptId: true,
  verificationSentAt: true,
  verificationSummary: true,
} as const;

/** Validation notices (their letter in the outbox, its PDF in documents) and disputes. Writes take the service's transaction. */
export function createDisputesRepository(db: Pick<Db, 'validationNotice' | 'dispute' | 'document' | 'account'>) {
  return {
    /** What the notice is made of: the account, its customer's name, zone, language and postal addresses, its creditor. */
    accountForNotice: (accountId: string, client: Pick<Tx, 'account'> = db) =>
      client.account.findUnique({
        where: { id: accountId },
        select: {
          id: true,
          externalId: true,
          debtorId: true,
          currency: true,
          balanceMinor: true,
          openedAt: true,
          complianceProfile: true,
          creditor: { select: { name: true } },
          debtor: {
            select: {
              fullName: true,
              timeZone: true,
              preferredLanguage: true,
              contactPoints: {
                where: { kind: 'address' },
                select: { id: true, value: true, status: true, optedOut: true, optedOutChannels: true, type: true },
                orderBy: { createdAt: 'asc' },
              },
            },
          },
          payments: {
            select: { paidAt: true },
            orderBy: { paidAt: 'desc' },
            take: 1,
            where: { amountMinor: { gt: 0 } },
          },
        },
      }),
    /** The net of payments (reversals negative) recorded at or after `from`. */
    async paidSince(tx: Tx, accountId: string, from: Date): Promise<bigint> {
      const sum = await tx.payment.aggregate({
        where: { accountId, paidAt: { gte: from } },
        _sum: { amountMinor: true },
      });
      return sum._sum.amountMinor ?? 0n;
    },
    /** A notice whose letter has not gone out yet (queued), if any. */
    pendingNotice: async (tx: Tx, accountId: string, accountNumber: string) => {
      const n = await tx.validationNotice.findFirst({
        where: { accountId, outboxMessage: { status: 'queued' } },
        select: NOTICE,
      });
      return n && withFileName(accountNumber)(n);
    },
    async createNotice(
      tx: Tx,
      n: {
        accountId: string;
        contactPointId: string;
        recipient: string;
        locale: 'en' | 'zh_CN';
        body: string;
        sendAfter: Date;
        fileName: string;
        pdf: Buffer;
        locales: ('en' | 'zh_CN')[];
        itemizationDate: Date;
        currency: string;
        amountOnItemizationMinor: bigint;
        interestSinceMinor: bigint;
        feesSinceMinor: bigint;
        paymentsCreditsSinceMinor: bigint;
        currentAmountMinor: bigint;
        validationEndsOn: Date;
        requestedById: string;
        accountNumber: string;
      },
    ) {
      const document = await tx.document.create({
        data: {
          accountId: n.accountId,
          kind: 'validation_notice',
          fileName: n.fileName,
          mediaType: 'application/pdf',
          content: new Uint8Array(n.pdf),
        },
        select: { id: true },
      });
      const outbox = await tx.outboxMessage.create({
        data: {
          accountId: n.accountId,
          kind: 'validation_notice',
          channel: 'letter',
          contactPointId: n.contactPointId,
          recipient: n.recipient,
          locale: n.locale,
          subject: 'Validation notice',
          body: n.body,
          sendAfter: n.sendAfter,
          documentId: document.id,
        },
        select: { id: true },
      });
      const notice = await tx.validationNotice.create({
        data: {
          accountId: n.accountId,
          outboxMessageId: outbox.id,
          locales: n.locales,
          itemizationDate: n.itemizationDate,
          currency: n.currency,
          amountOnItemizationMinor: n.amountOnItemizationMinor,
          interestSinceMinor: n.interestSinceMinor,
          feesSinceMinor: n.feesSinceMinor,
          paymentsCreditsSinceMinor: n.paymentsCreditsSinceMinor,
          currentAmountMinor: n.currentAmountMinor,
          validationEndsOn: n.validationEndsOn,
          requestedById: n.requestedById,
        },
        select: NOTICE,
      });
      return withFileName(n.accountNumber)(notice);
    },
    /** The notice behind an outbox letter, with what rendering it again needs. */
    noticeOfOutbox: (tx: Tx, outboxMessageId: string) =>
      tx.validationNotice.findUnique({
        where: { outboxMessageId },
        select: { ...NOTICE, outboxMessage: { select: { id: true, recipient: true, documentId: true } } },
      }),
    /** The letter as it goes out: its PDF and the end date it states. */
    async saveRendered(tx: Tx, noticeId: string, documentId: string, pdf: Buffer, validationEndsOn: Date) {
      await tx.document.update({ where: { id: documentId }, data: { content: new Uint8Array(pdf) } });
      await tx.validationNotice.update({ where: { id: noticeId }, data: { validationEndsOn } });
    },
    notices: async (accountId: string, accountNumber: string) =>
      (
        await db.validationNotice.findMany({ where: { accountId }, orderBy: { createdAt: 'desc' }, select: NOTICE })
      ).map(withFileName(accountNumber)),
    /** The newest notice whose letter was sent (its end date decides a dispute's timing). */
    latestSentNotice: (tx: Tx, accountId: string) =>
      tx.validationNotice.findFirst({
        where: { accountId, outboxMessage: { status: 'sent' } },
        orderBy: { outboxMessage: { sentAt: 'desc' } },
        select: { id: true, validationEndsOn: true },
      }),
    /** A notice's PDF, if it belongs to the account. */
    noticePdf: (accountId: string, noticeId: string) =>
      db.validationNotice.findFirst({
        where: { id: noticeId, accountId },
        select: { outboxMessage: { select: { document: { select: { fileName: true, content: true } } } } },
      }),
    disputes: (accountId: string) =>
      db.dispute.findMany({ where: { accountId }, orderBy: { receivedAt: 'desc' }, select: DISPUTE }),
    createStopFlag: (
      tx: Tx,
      f: { debtorId: string; accountId: string; reason: string; setById: string; setAt: Date },
    ) => tx.stopFlag.create({ data: { ...f, type: 'dispute_hold' }, select: { id: true } }),
    createDispute: (
      tx: Tx,
      d: {
        accountId: string;
        method: 'written' | 'oral';
        amountMinor: bigint | null;
        currency: string;
        description: string;
        receivedAt: Date;
        timing: string;
        holdBasis: string;
        validationNoticeId: string | null;
        stopFlagId: string | null;
        contactAttemptId: string | null;
        createdById: string;
      },
    ) => tx.dispute.create({ data: d, select: DISPUTE }),
    dispute: (tx: Tx, accountId: string, disputeId: string) =>
      tx.dispute.findFirst({ where: { id: disputeId, accountId }, select: DISPUTE }),
    /** open -> verification_sent, only from open: returns false when another request moved it first. */
    async markVerificationSent(tx: Tx, disputeId: string, by: string, at: Date, summary: string): Promise<boolean> {
      const moved = await tx.dispute.updateMany({
        where: { id: disputeId, status: 'open' },
        data: {
          status: 'verification_sent',
          verificationSentAt: at,
          verificationSentById: by,
          verificationSummary: summary,
        },
      });
      return moved.count === 1;
    },
    /**
     * Ends a stop flag (minimal clear path: the general stop-flag lifecycle on branch i13-flags
     * replaces this at merge). Returns false when it was already cleared.
     */
  };
}
