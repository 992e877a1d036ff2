import { errorResponseSchema } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

const NOW = '2026-11-20T15:00:00Z';

describe('payments under concurrency, idempotency and balance integrity', () => {
  const t = useTestApp({ now: NOW });
  let feed: Session, admin: Session;
  let creditorId = '';

  beforeAll(async () => {
    await t.factories.user('service', { username: 'pc-feed' });
    await t.factories.user('admin', { username: 'pc-admin' });
    creditorId = (await t.factories.creditor('US')).id;
    feed = await t.login('pc-feed');
    admin = await t.login('pc-admin');
  });

  const account = (balanceMinor: number, overdueMinor: number) =>
    t.factories.account({ creditorId, balanceMinor, overdueMinor, oldestUnpaidDueDate: '2026-10-01' });
  const figures = async (id: string) => {
    const a = await t.db.account.findUniqueOrThrow({ where: { id } });
    return { balance: Number(a.balanceMinor), overdue: Number(a.overdueMinor) };
  };
  const pay = (accountId: string, over: Record<string, unknown>) =>
    feed.inject({
      method: 'POST',
      url: '/api/payments',
      payload: {
        accountId,
        amountMinor: 1_000,
        currency: 'USD',
        paidAt: '2026-11-20T14:00:00Z',
        channel: 'card',
        source: 'bank-feed',
        ...over,
      },
    });

  it('stores all of 8 simultaneous payments with different references on one account, and the balance follows them', async () => {
    const { id } = await account(300_000, 60_000);
    const amounts = [1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000];
    const responses = await Promise.all(
      amounts.map((amountMinor, i) => pay(id, { amountMinor, reference: `PAR-${i}` })),
    );

    expect(responses.map((r) => r.statusCode)).toEqual(amounts.map(() => 201));
    expect(await t.db.payment.count({ where: { accountId: id } })).toBe(8);
    const sum = amounts.reduce((a, b) => a + b, 0);
    expect(await figures(id)).toEqual({ balance: 300_000 - sum, overdue: 60_000 - sum });
  });

  it('lets exactly one of 3 simultaneous reversals of one payment through; the others get 409', async () => {
    const { id } = await account(50_000, 10_000);
    const original = await pay(id, { amountMinor: 4_000, reference: 'REV-ORIG' });
    expect(original.statusCode).toBe(201);
    const originalId = original.json().payment.id;

    const responses = await Promise.all(
      [1, 2, 3].map((n) => pay(id, { amountMinor: 4_000, reference: `REV-${n}`, reversalOfId: originalId })),
    );

    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const res of responses.filter((r) => r.statusCode !== 201)) {
      expect(res.statusCode, res.body).toBe(409);
      expect(errorResponseSchema.parse(res.json()).error.fields).toEqual([
        expect.objectContaining({ field: 'reversalOfId', message: 'is already reversed' }),
      ]);
    }
    expect(await t.db.payment.count({ where: { reversalOfId: originalId } })).toBe(1);
    expect(await figures(id)).toEqual({ balance: 50_000, overdue: 10_000 });
  });

  it('stores one payment when the same reference arrives 4 times at once, and replays it to the others', async () => {
    const { id } = await account(50_000, 10_000);
    const responses = await Promise.all([1, 2, 3, 4].map(() => pay(id, { amountMinor: 2_500, reference: 'SAME-REF' })));

    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.json().payment.id)).size).toBe(1);
    expect(await t.db.payment.count({ where: { reference: 'SAME-REF' } })).toBe(1);
    expect(await figures(id)).toEqual({ balance: 47_500, overdue: 7_500 });
  });

  it('refuses a reference reused with a different amount, account or date, naming each conflicting field', async () => {
    const { id } = await account(50_000, 10_000);
    const other = await account(50_000, 10_000);
    expect((await pay(id, { amountMinor: 3_000, reference: 'DIFF-1' })).statusCode).toBe(201);

    const identical = await pay(id, { amountMinor: 3_000, reference: 'DIFF-1' });
    expect(identical.statusCode).toBe(200);

    const changed = await pay(other.id, { amountMinor: 3_500, reference: 'DIFF-1', paidAt: '2026-11-19T09:00:00Z' });
    expect(changed.statusCode).toBe(422);
    const error = errorResponseSchema.parse(changed.json()).error;
    expect(error.code).toBe('idempotency_conflict');
    expect(error.fields?.map((f) => f.field).sort()).toEqual(['accountId', 'amountMinor', 'paidAt']);
    expect(await t.db.payment.count({ where: { reference: 'DIFF-1' } })).toBe(1);
    expect(await figures(id)).toEqual({ balance: 47_000, overdue: 7_000 });
    expect(await figures(other.id)).toEqual({ balance: 50_000, overdue: 10_000 });
  });

  it('creates no money: overpay, then reverse, and the balance is back exactly where it started', async () => {
    const { id } = await account(10_000, 4_000);
    const over = await pay(id, { amountMinor: 15_000, reference: 'OVER-1' });
    expect(over.statusCode).toBe(201);
    expect(await figures(id)).toEqual({ balance: 0, overdue: 0 });
    // The 5,000 paid beyond the balance is kept, and shown in the case file.
    const caseFile = async () =>
      (await admin.inject({ method: 'GET', url: `/api/accounts/${id}/case-file` })).json().account;
    expect(await caseFile()).toMatchObject({ balanceMinor: 0, overdueMinor: 0, creditMinor: 5_000 });

    const reversal = await pay(id, {
      amountMinor: 15_000,
      reference: 'OVER-1-NSF',
      reversalOfId: over.json().payment.id,
    });
    expect(reversal.statusCode).toBe(201);
    expect(await figures(id)).toEqual({ balance: 10_000, overdue: 4_000 });
    expect(await caseFile()).toMatchObject({ balanceMinor: 10_000, overdueMinor: 4_000, creditMinor: 0 });
  });

  it('keeps the balance exact under simultaneous payments and reversals in any order', async () => {
    const { id } = await account(20_000, 5_000);
    const first = await Promise.all(
      [12_000, 9_000, 6_000].map((amountMinor, i) => pay(id, { amountMinor, reference: `MIX-${i}` })),
    );
    expect(first.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    // Overpaid by 7,000: the balance stops at zero, the excess is kept as a credit.
    expect(await figures(id)).toEqual({ balance: 0, overdue: 0 });
    const [a, b] = first.map((r) => r.json().payment);
    const second = await Promise.all([
      pay(id, { amountMinor: a.amountMinor, reference: 'MIX-0-NSF', reversalOfId: a.id }),
      pay(id, { amountMinor: b.amountMinor, reference: 'MIX-1-NSF', reversalOfId: b.id }),
      pay(id, { amountMinor: 1_000, reference: 'MIX-3' }),
    ]);
    expect(second.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    // 20,000 - (6,000 + 1,000) = 13,000; overdue 5,000 - 7,000 stops at zero.
    expect(await figures(id)).toEqual({ balance: 13_000, overdue: 0 });
  });
});
