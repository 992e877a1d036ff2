/**
 * An account's figures follow from its payment history, exactly (ADR 009).
 *
 * The creditor states a balance and an overdue amount (portfolio import, demo seed): the
 * baseline. Every payment recorded since moves one running sum, `paidMinor` (a reversal is a
 * negative payment), and the figures are derived from the baseline and that sum alone. Integer
 * addition is exact and order-free, so any order of payments and reversals gives the same
 * figures, and a payment followed by its reversal leaves them exactly where they were. The
 * clamping to zero happens only in the derivation, never in what is stored, so an overpayment
 * is kept as a credit instead of being lost (and then re-created by its reversal).
 *
 * Amounts are bigint: sums of stored minor units are exact however large.
 */
export interface AccountBaseline {
  balanceMinor: bigint;
  overdueMinor: bigint;
}

export interface AccountFigures {
  /** Still owed: never below zero. */
  balanceMinor: bigint;
  /** Owed and late: never below zero, never above the balance. Payments settle it first. */
  overdueMinor: bigint;
  /** Paid beyond the balance (an overpayment the customer is owed back or that offsets later charges). */
  creditMinor: bigint;
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** The figures of an account whose baseline is `baseline` after `paidMinor` (signed) was paid since. */
export function accountFigures(baseline: AccountBaseline, paidMinor: bigint): AccountFigures {
  const remaining = baseline.balanceMinor - paidMinor;
  const balanceMinor = max(0n, remaining);
  return {
    balanceMinor,
    overdueMinor: min(balanceMinor, max(0n, baseline.overdueMinor - paidMinor)),
    creditMinor: max(0n, -remaining),
  };
}

/** The running sum the figures are derived from: every payment since the baseline, reversals negative. */
export function paidSinceBaseline(payments: readonly { amountMinor: bigint }[]): bigint {
  return payments.reduce((sum, p) => sum + p.amountMinor, 0n);
}
