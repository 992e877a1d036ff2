/**
 * SQL twin of `accountFigures` in packages/domain/src/account-balance.ts (ADR 009): the SET
 * clause that moves an account's running sum of payments by `delta` and derives its balance and
 * overdue amount from the creditor's baseline and that sum. Every writer of payments uses it
 * (single payments, payment imports, the benchmark's clean-up), so no code path clamps a
 * running balance again. A test checks it against the domain function.
 *
 * `delta` is a trusted SQL expression (a bind parameter such as `$1::bigint`, or a column of a
 * FROM item such as `s.total`); unqualified names are the accounts row before the update.
 */
export function moveAccountFiguresSql(delta: string): string {
  const paid = `(paid_since_baseline_minor + (${delta}))`;
  return `paid_since_baseline_minor = ${paid},
          balance_minor = GREATEST(0, balance_baseline_minor - ${paid}),
          overdue_minor = LEAST(GREATEST(0, overdue_baseline_minor - ${paid}), GREATEST(0, balance_baseline_minor - ${paid}))`;
}

/** The SET clause that makes the creditor's stated figures the new baseline (nothing paid since). */
export const REBASELINE_SQL = (balance: string, overdue: string) => `
  balance_baseline_minor = ${balance}, overdue_baseline_minor = ${overdue}, paid_since_baseline_minor = 0,
  balance_minor = ${balance}, overdue_minor = ${overdue}`;
