import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { csvLines } from '../../../test/csv.js';
import { importCsv } from '../../../test/imports.js';

const NOW = '2026-11-20T15:00:00Z';

describe('payments import', () => {
  const t = useTestApp({ now: NOW });
  let admin: Session, collector: Session;
  let promiseId = '';

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'i-admin' });
    const c = await t.factories.user('collector', { username: 'i-c' });
    const creditor = await t.factories.creditor();
    const a = await t.db.account.create({
      data: { ...(await baseAccount(creditor.id, c.id, 'ACC-1', 'USD')) },
    });
    await t.db.account.create({ data: { ...(await baseAccount(creditor.id, c.id, 'ACC-2', 'USD')) } });
    promiseId = (
      await t.db.paymentPromise.create({
        data: {
          accountId: a.id,
          amountMinor: 12_050n,
          currency: 'USD',
          dueDate: new Date('2026-11-25T00:00:00Z'),
          channel: 'card',
          createdAt: new Date('2026-11-10T00:00:00Z'),
        },
      })
    ).id;
    admin = await t.login('i-admin');
    collector = await t.login('i-c');

    async function baseAccount(creditorId: string, collectorId: string, externalId: string, currency: string) {
      const debtor = await t.db.debtor.create({
        data: {
          externalId: `D-${externalId}`,
          familyName: 'Doe',
          givenName: 'Jo',
          fullName: 'Jo Doe',
          timeZone: 'America/New_York',
        },
      });
      return {
        externalId,
        debtorId: debtor.id,
        creditorId,
        product: 'credit_card',
        currency,
        balanceMinor: 100_000n,
        overdueMinor: 50_000n,
        balanceBaselineMinor: 100_000n,
        overdueBaselineMinor: 50_000n,
        instalmentMinor: 10_000n,
        assignedCollectorId: collectorId,
        complianceProfile: 'US' as const,
        openedAt: new Date('2024-01-01T00:00:00Z'),
      };
    }
  });

  const post = (csv: string, query: string) => importCsv(t.app, admin, `/api/imports/payments?${query}`, csv);

  const good =
    'account_external_id,amount,currency,paid_at,channel,reference\nACC-1,120.50,USD,2026-11-19,card,R-1\nACC-2,10,USD,2026-11-19T10:00:00Z,bank_transfer,R-2\n';
  const bad =
    'account_external_id;amount;currency;paid_at;channel;reference\n' +
    'ACC-1;5.00;USD;2026-11-19;card;B-1\n' +
    'ACC-404;5.00;USD;2026-11-19;card;B-2\n' +
    'ACC-1;five;USD;2026-11-19;card;B-3\n' +
    'ACC-1;5.00;GBP;2026-11-19;card;B-4\n' +
    'ACC-1;5.00;USD;19/11/2026;card;B-5\n' +
    'ACC-1;5.00;USD;2026-11-19;card;B-1\n' +
    'ACC-1;5.00;USD;2026-11-31;card;B-6\n';

  it('reports every bad row with its line number and writes nothing (BOM and semicolons accepted)', async () => {
    const res = await post(`\uFEFF${bad}`, 'mode=all');
    expect(res.statusCode).toBe(202);
    const report = res.json();
    expect(report).toMatchObject({ committed: false, totalRows: 7, writtenRows: 0, errorCount: 6 });
    expect(report.errors).toEqual([
      { line: 3, field: 'account_external_id', message: 'no account ACC-404', value: 'ACC-404' },
      {
        line: 4,
        field: 'amount',
        message: 'must be a positive amount like 120.50, at most $10,000,000,000.00',
        value: 'five',
      },
      { line: 5, field: 'currency', message: "must be USD, the account's currency", value: 'GBP' },
      {
        line: 6,
        field: 'paid_at',
        message: 'must be a real date (YYYY-MM-DD) or an ISO date-time with an offset, between 1900 and 2999',
        value: '19/11/2026',
      },
      { line: 7, field: 'reference', message: 'repeats line 2', value: 'B-1' },
      {
        line: 8,
        field: 'paid_at',
        message: 'must be a real date (YYYY-MM-DD) or an ISO date-time with an offset, between 1900 and 2999',
        value: '2026-11-31',
      },
    ]);
    expect(await t.db.payment.count()).toBe(0);
  });

  it('counts rows with problems apart from problems, and downloads every problem as CSV, formulas neutralised', async () => {
    const file =
      'account_external_id,amount,currency,paid_at,channel,reference\n' +
      'ACC-1,5.00,USD,2026-11-19,card,C-1\n' +
      '=1+2,5.00,USD,2026-11-19,card,C-2\n' +
      'ACC-1,-1,XYZ,2026-11-19,card,C-3\n' +
      'ACC-1,@SUM(1),USD,2026-11-31,card,C-4\n' +
      'ACC-1,5.00,GBP,2026-11-19,card,C-5\n';
    const res = await post(file, 'mode=validate&source=count');
    expect(res.json()).toMatchObject({ totalRows: 5, validRows: 1, problemRows: 4, errorCount: 6 });
    expect(res.json().errors.map((e: { value?: string }) => e.value)).toEqual([
      '=1+2',
      'XYZ',
      '-1',
      '@SUM(1)',
      '2026-11-31',
      'GBP',
    ]);

    const download = await t.app.inject({
      method: 'POST',
      url: '/api/imports/payments/problems?source=count&mode=all',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'text/csv' },
      payload: file,
    });
    expect(download.headers['content-disposition']).toContain('payments-problems.csv');
    expect(csvLines(download)).toEqual([
      'line,column,value,problem',
      "3,account_external_id,'=1+2,no account =1+2",
      '4,currency,XYZ,must be a 3-letter ISO 4217 code',
      '4,amount,\'-1,"must be a positive amount like 120.50, at most 1000000000000 minor units"',
      '5,amount,\'@SUM(1),"must be a positive amount like 120.50, at most $10,000,000,000.00"',
      '5,paid_at,2026-11-31,"must be a real date (YYYY-MM-DD) or an ISO date-time with an offset, between 1900 and 2999"',
      `6,currency,GBP,"must be USD, the account's currency"`,
    ]);
    expect(await t.db.payment.count({ where: { source: 'count' } })).toBe(0);
  });

  it('writes only the valid rows when asked to', async () => {
    const res = await post(bad, 'mode=valid&source=file-b');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ committed: true, writtenRows: 1, errorCount: 6 });
    expect(await t.db.payment.count({ where: { source: 'file-b' } })).toBe(1);
  });

  it('imports a valid file, keeps the promise it pays, and skips it as duplicates the second time', async () => {
    const first = await post(good, 'mode=all&source=bank');
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({
      committed: true,
      writtenRows: 2,
      duplicateRows: 0,
      errorCount: 0,
      changedPromises: 1,
    });
    expect((await t.db.paymentPromise.findUniqueOrThrow({ where: { id: promiseId } })).status).toBe('kept');
    const account = await t.db.account.findFirstOrThrow({ where: { externalId: 'ACC-2' } });
    expect(Number(account.balanceMinor)).toBe(99_000);
    const again = await post(good, 'mode=all&source=bank');
    expect(again.json()).toMatchObject({ committed: false, writtenRows: 0, duplicateRows: 2, errorCount: 0 });
    expect(await t.db.payment.count({ where: { source: 'bank' } })).toBe(2);
  });

  it('refuses a used reference that carries a different payment, row by row, as the API does', async () => {
    const header = 'account_external_id,amount,currency,paid_at,channel,reference\n';
    expect(
      (await post(`${header}ACC-1,10.00,USD,2026-11-19,card,U-1\n`, 'mode=all&source=reuse')).json(),
    ).toMatchObject({ committed: true });
    const res = await post(`${header}ACC-2,999.99,USD,2026-11-18,cash,U-1\n`, 'mode=valid&source=reuse');
    expect(res.json()).toMatchObject({ committed: false, duplicateRows: 0, errorCount: 1 });
    const again = await post(`${header}ACC-1,10.00,USD,2026-11-19,card,U-1\n`, 'mode=valid&source=reuse');
    expect(again.json()).toMatchObject({ duplicateRows: 1, errorCount: 0 });
    const other = await post(`${header}ACC-2,999.99,USD,2026-11-18,cash,U-1\n`, 'mode=valid&source=reuse');
    expect(other.json().errors).toEqual([
      {
        line: 2,
        field: 'reference',
        message:
          'was already used by reuse for a different payment (account_external_id, amount, paid_at, channel differ)',
        value: 'U-1',
      },
    ]);
    expect(await t.db.payment.count({ where: { source: 'reuse' } })).toBe(1);
  });

  it('holds references and channels to the lengths of the API, and never answers 500 for a huge cell', async () => {
    const header = 'account_external_id,amount,currency,paid_at,channel,reference\n';
    const res = await post(
      `${header}ACC-1,0.01,USD,2026-11-19,card,R${'x'.repeat(4000)}\nACC-1,0.01,USD,2026-11-19,${'c'.repeat(51)},R-LONG-CH\n`,
      'mode=valid&source=long',
    );
    expect(res.statusCode).toBe(202);
    expect(res.json().errors).toEqual([
      { line: 2, field: 'reference', message: expect.stringMatching(/100/), value: `R${'x'.repeat(98)}…` },
      { line: 3, field: 'channel', message: expect.stringMatching(/50/), value: 'c'.repeat(51) },
    ]);
    expect(await t.db.payment.count({ where: { source: 'long' } })).toBe(0);
  });

  it('names missing columns, validates without writing, and is for admins only', async () => {
    const missing = await post('account_external_id,amount\nACC-1,5\n', 'mode=validate');
    expect(missing.json().errors[0]).toEqual({
      line: 1,
      field: 'header',
      message: 'missing columns: currency, paid_at, channel, reference',
    });
    const check = await post(good.replace(/R-/g, 'V-'), 'mode=validate');
    expect(check.json()).toMatchObject({ committed: false, validRows: 2, writtenRows: 0 });
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/imports/payments',
      headers: { cookie: collector.cookie, 'x-csrf-token': collector.csrf, 'content-type': 'text/csv' },
      payload: good,
    });
    expect(denied.statusCode).toBe(403);
    expect((await post(good, 'mode=everything')).json().error.fields[0].field).toBe('mode');
  });
});

describe('payments import: judging many accounts in one go', () => {
  const t = useTestApp({ now: NOW });

  it('keeps, part-pays and completes promises and plans and matches "I already paid" across accounts, each change in the history', async () => {
    await t.factories.user('admin', { username: 'ib-admin' });
    const creditor = await t.factories.creditor();
    const promise = (accountId: string, amountMinor: bigint, dueDate: string, extra: object = {}) =>
      t.db.paymentPromise.create({
        data: {
          accountId,
          amountMinor,
          currency: 'USD',
          dueDate: new Date(`${dueDate}T00:00:00Z`),
          channel: 'card',
          createdAt: new Date('2026-11-01T00:00:00Z'),
          ...extra,
        },
      });
    // Thirty accounts, each with a promise of $100 due on the 25th: paid in full by the file.
    const kept = [];
    for (let i = 0; i < 30; i++) {
      const a = await t.factories.account({ creditorId: creditor.id });
      kept.push({ account: a, promise: await promise(a.id, 10_000n, '2026-11-25') });
    }
    // One paid in part (stays pending with what was paid counted).
    const part = await t.factories.account({ creditorId: creditor.id });
    const partPromise = await promise(part.id, 10_000n, '2026-11-25');
    // A plan of two instalments, both covered by one payment: both kept, the plan completed.
    const planAccount = await t.factories.account({ creditorId: creditor.id });
    const plan = await t.db.paymentPlan.create({ data: { accountId: planAccount.id } });
    await promise(planAccount.id, 5_000n, '2026-11-18', { planId: plan.id, sequence: 1 });
    await promise(planAccount.id, 5_000n, '2026-12-18', { planId: plan.id, sequence: 2 });
    // "I already paid $40 on the 19th by card": matched by the file's payment.
    const claimAccount = await t.factories.account({ creditorId: creditor.id });
    const task = await t.db.verificationTask.create({
      data: {
        accountId: claimAccount.id,
        claimedPaidOn: new Date('2026-11-19T00:00:00Z'),
        claimedAmountMinor: 4_000n,
        claimedChannel: 'card',
      },
    });

    const lines = ['account_external_id,amount,currency,paid_at,channel,reference'];
    kept.forEach(({ account }, i) => lines.push(`${account.externalId},100.00,USD,2026-11-19,card,K-${i}`));
    lines.push(
      `${part.externalId},30.00,USD,2026-11-19,card,P-1`,
      `${planAccount.externalId},100.00,USD,2026-11-19,card,PL-1`,
      `${claimAccount.externalId},40.00,USD,2026-11-19,card,C-1`,
    );
    const admin = await t.login('ib-admin');
    const res = await importCsv(t.app, admin, '/api/imports/payments?mode=all&source=batch', `${lines.join('\n')}\n`);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ writtenRows: 33, changedPromises: 32 });

    const statuses = await t.db.paymentPromise.findMany({
      where: { id: { in: kept.map((k) => k.promise.id) } },
      select: { status: true, paidMinor: true },
    });
    expect(statuses.every((p) => p.status === 'kept' && p.paidMinor === 10_000n)).toBe(true);
    expect(
      await t.db.paymentPromise.findUniqueOrThrow({
        where: { id: partPromise.id },
        select: { status: true, paidMinor: true },
      }),
    ).toEqual({ status: 'pending', paidMinor: 3_000n });
    expect((await t.db.paymentPromise.findMany({ where: { planId: plan.id } })).map((p) => p.status)).toEqual([
      'kept',
      'kept',
    ]);
    expect((await t.db.paymentPlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe('completed');
    expect((await t.db.verificationTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('matched');
    const history = await t.db.promiseStatusChange.findMany({
      select: { fromStatus: true, toStatus: true, cause: true, at: true },
    });
    expect(history).toHaveLength(32);
    expect(
      history.every(
        (h) =>
          h.fromStatus === 'pending' &&
          h.toStatus === 'kept' &&
          h.cause === 'payment_posted' &&
          h.at.toISOString() === NOW.replace('Z', '.000Z'),
      ),
    ).toBe(true);
  });
});
