import { claimMatchesPayment } from '@crm/domain';
import type { Tx } from '../promises/promises.repository.js';
import { isoDay } from '../../lib/date-columns.js';

/**
 * Resolves open "I already paid" tasks of an account against its payments, inside the
 * caller's transaction. A payment resolves at most one task. Returns the tasks matched.
 */
export async function resolveClaimedPayments(tx: Tx, accountId: string, now: Date): Promise<string[]> {
  const tasks = await tx.verificationTask.findMany({
    where: { accountId, status: 'open' },
    orderBy: { createdAt: 'asc' },
  });
  if (tasks.length === 0) return [];
  const [account, payments, used] = await Promise.all([
    tx.account.findUnique({ where: { id: accountId }, select: { debtor: { select: { timeZone: true } } } }),
    tx.payment.findMany({ where: { accountId, reversalOfId: null, reversedBy: null }, orderBy: { paidAt: 'asc' } }),
    tx.verificationTask.findMany({
      where: { accountId, matchedPaymentId: { not: null } },
      select: { matchedPaymentId: true },
    }),
  ]);
  const zone = account?.debtor.timeZone ?? 'UTC';
  const taken = new Set(used.map((u) => u.matchedPaymentId));
  const matched: string[] = [];
  for (const task of tasks) {
    const claim = {
      paidOn: isoDay(task.claimedPaidOn),
      amountMinor: Number(task.claimedAmountMinor),
      channel: task.claimedChannel,
    };
    const payment = payments.find(
      (p) =>
        !taken.has(p.id) &&
        claimMatchesPayment(
          claim,
          { amountMinor: Number(p.amountMinor), paidAt: p.paidAt, channel: p.channel, reversal: false },
          zone,
        ),
    );
    if (!payment) continue;
    taken.add(payment.id);
    await tx.verificationTask.update({
      where: { id: task.id },
      data: { status: 'matched', matchedPaymentId: payment.id, resolvedAt: now },
    });
    matched.push(task.id);
  }
  return matched;
}
