import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountFigures, paidSinceBaseline, type AccountBaseline } from './account-balance.js';

const SEED = Number(process.env.FC_SEED ?? 20261201);

/** A creditor's figures: overdue never above the balance. */
const baselineArb: fc.Arbitrary<AccountBaseline> = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n }))
  .map(([a, b]) => ({ balanceMinor: a > b ? a : b, overdueMinor: a > b ? b : a }));

type Op = { kind: 'pay'; amountMinor: bigint } | { kind: 'reverse'; pick: number };
const opsArb = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('pay' as const), amountMinor: fc.bigInt({ min: 1n, max: 10n ** 12n }) }),
    fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
  ),
  { maxLength: 40 },
);

interface Payment {
  id: number;
  amountMinor: bigint;
  reversalOf: number | null;
}

/** Plays payments and reversals (each reversal of a payment not yet reversed), as the API allows them. */
function play(ops: Op[]): Payment[] {
  const history: Payment[] = [];
  for (const op of ops) {
    if (op.kind === 'pay') history.push({ id: history.length, amountMinor: op.amountMinor, reversalOf: null });
    else {
      const open = history.filter((p) => p.reversalOf === null && !history.some((r) => r.reversalOf === p.id));
      if (open.length === 0) continue;
      const target = open[op.pick % open.length]!;
      history.push({ id: history.length, amountMinor: -target.amountMinor, reversalOf: target.id });
    }
  }
  return history;
}

// That the stored figures follow the history whatever the order is proven through the API and
// SQL (apps/api/src/modules/payments/payments.history.test.ts); here, the rule's own invariants.
describe('account figures follow from the payment history', () => {
  it('hold their invariants after every step: balance, overdue and credit never negative, overdue within the balance, nothing created or lost', () => {
    fc.assert(
      fc.property(baselineArb, opsArb, (baseline, ops) => {
        const history = play(ops);
        let paid = 0n;
        for (let i = 0; i < history.length; i++) {
          // What the database does: one running sum moved by each signed payment.
          paid += history[i]!.amountMinor;
          const f = accountFigures(baseline, paid);
          expect(f.balanceMinor >= 0n && f.creditMinor >= 0n && f.overdueMinor >= 0n).toBe(true);
          expect(f.overdueMinor <= f.balanceMinor).toBe(true);
          expect(f.balanceMinor === 0n || f.creditMinor === 0n).toBe(true);
          // Conservation: what is owed minus what is owed back is the baseline minus what was paid.
          expect(f.balanceMinor - f.creditMinor).toBe(baseline.balanceMinor - paid);
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('come back exactly to the baseline when every payment is reversed', () => {
    fc.assert(
      fc.property(
        baselineArb,
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { maxLength: 20 }),
        (baseline, amounts) => {
          const history = [...amounts, ...amounts.map((a) => -a)].map((amountMinor) => ({ amountMinor }));
          expect(accountFigures(baseline, paidSinceBaseline(history))).toEqual({ ...baseline, creditMinor: 0n });
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('keep an overpayment as a credit, and its reversal restores the balance (the clamped running balance created money)', () => {
    const baseline = { balanceMinor: 10_000n, overdueMinor: 4_000n };
    expect(accountFigures(baseline, 15_000n)).toEqual({ balanceMinor: 0n, overdueMinor: 0n, creditMinor: 5_000n });
    expect(accountFigures(baseline, 15_000n - 15_000n)).toEqual({
      balanceMinor: 10_000n,
      overdueMinor: 4_000n,
      creditMinor: 0n,
    });
    // The old rule, GREATEST(0, balance - payment) on each payment, ends 5,000 higher than it started.
    const clamped = [15_000n, -15_000n].reduce((b, p) => (b - p > 0n ? b - p : 0n), 10_000n);
    expect(clamped).toBe(15_000n);
  });
});
