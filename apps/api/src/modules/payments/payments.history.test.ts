import { accountFigures } from '@crm/domain';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

// The invariant through the real path (API, locks, SQL): whatever payments and reversals arrive,
// in whatever order, the stored balance, overdue amount and credit are exactly the domain rule
// applied to the creditor's baseline and the payments recorded. Seeded and bounded.
describe('account figures follow the payment history through the API', () => {
  const t = useTestApp({ now: '2026-11-20T15:00:00Z' });
  let feed: Session, admin: Session;
  let creditorId = '';
  let sequence = 0;

  beforeAll(async () => {
    await t.factories.user('service', { username: 'ph-feed' });
    creditorId = (await t.factories.creditor('US')).id;
    feed = await t.login('ph-feed');
    await t.factories.user('admin', { username: 'ph-admin' });
    admin = await t.login('ph-admin');
  });

  // A step pays an amount, or reverses the payment made `back` steps earlier (if it is still unreversed).
  const step = fc.oneof(
    fc.record({ pay: fc.integer({ min: 1, max: 400_000 }) }),
    fc.record({ reverse: fc.nat({ max: 5 }) }),
  );

  it('for random sequences of payments and reversals (overpayments included)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 300_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        async (balance, overduePct, steps) => {
          const overdue = Math.floor((balance * overduePct) / 100);
          const account = await t.factories.account({
            creditorId,
            balanceMinor: balance,
            overdueMinor: overdue,
            oldestUnpaidDueDate: '2026-10-01',
          });
          const made: { id: string; amountMinor: number; reversed: boolean }[] = [];
          for (const s of steps) {
            const reference = `PH-${++sequence}`;
            if ('pay' in s) {
              const res = await feed.inject({
                method: 'POST',
                url: '/api/payments',
                payload: {
                  accountId: account.id,
                  amountMinor: s.pay,
                  currency: 'USD',
                  paidAt: '2026-11-20T14:00:00Z',
                  channel: 'card',
                  reference,
                },
              });
              expect(res.statusCode, res.body).toBe(201);
              made.push({ id: res.json().payment.id, amountMinor: s.pay, reversed: false });
            } else {
              const target = made[made.length - 1 - s.reverse];
              if (!target || target.reversed) continue;
              const res = await feed.inject({
                method: 'POST',
                url: '/api/payments',
                payload: {
                  accountId: account.id,
                  amountMinor: target.amountMinor,
                  currency: 'USD',
                  paidAt: '2026-11-20T14:30:00Z',
                  channel: 'card',
                  reference,
                  reversalOfId: target.id,
                },
              });
              expect(res.statusCode, res.body).toBe(201);
              target.reversed = true;
            }
          }
          const paid = made.reduce((sum, p) => sum + BigInt(p.reversed ? 0 : p.amountMinor), 0n);
          const expected = accountFigures({ balanceMinor: BigInt(balance), overdueMinor: BigInt(overdue) }, paid);
          const stored = await t.db.account.findUniqueOrThrow({ where: { id: account.id } });
          expect({ balance: stored.balanceMinor, overdue: stored.overdueMinor }).toEqual({
            balance: expected.balanceMinor,
            overdue: expected.overdueMinor,
          });
          // And as the collector's screen shows them: balance, overdue, and the credit of an overpaid account.
          const caseFile = (await admin.inject({ method: 'GET', url: `/api/accounts/${account.id}/case-file` })).json();
          expect(caseFile.account).toMatchObject({
            balanceMinor: Number(expected.balanceMinor),
            overdueMinor: Number(expected.overdueMinor),
            creditMinor: Number(expected.creditMinor),
          });
        },
      ),
      { seed: 20261201, numRuns: 15 },
    );
  });
});
