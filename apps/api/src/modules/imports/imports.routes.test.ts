import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

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
    promiseId = (await t.db.paymentPromise.create({ data: { accountId: a.id, amountMinor: 12_050n, currency: 'USD', dueDate: new Date('2026-11-25T00:00:00Z'), channel: 'card', createdAt: new Date('2026-11-10T00:00:00Z') } })).id;
    admin = await t.login('i-admin');
    collector = await t.login('i-c');

    async function baseAccount(creditorId: string, collectorId: string, externalId: string, currency: string) {
      const debtor = await t.db.debtor.create({ data: { externalId: `D-${externalId}`, familyName: 'Doe', givenName: 'Jo', fullName: 'Jo Doe', timeZone: 'America/New_York' } });
      return {
        externalId,
        debtorId: debtor.id,
        creditorId,
        product: 'credit_card',
        currency,
        balanceMinor: 100_000n,
        overdueMinor: 50_000n,
        instalmentMinor: 10_000n,
        assignedCollectorId: collectorId,
        complianceProfile: 'US' as const,
        openedAt: new Date('2024-01-01T00:00:00Z'),
      };
    }
  });

  const post = (csv: string, query: string) =>
    t.app.inject({ method: 'POST', url: `/api/imports/payments?${query}`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'text/csv' }, payload: csv });

  const good = 'account_external_id,amount,currency,paid_at,channel,reference\nACC-1,120.50,USD,2026-11-19,card,R-1\nACC-2,10,USD,2026-11-19T10:00:00Z,bank_transfer,R-2\n';
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
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ committed: false, totalRows: 7, writtenRows: 0, errorCount: 6 });
    expect(report.errors).toEqual([
      { line: 3, field: 'account_external_id', message: 'no account ACC-404' },
      { line: 4, field: 'amount', message: 'must be a positive amount like 120.50' },
      { line: 5, field: 'currency', message: "must be USD, the account's currency" },
      { line: 6, field: 'paid_at', message: 'must be a date (YYYY-MM-DD) or an ISO date-time' },
      { line: 7, field: 'reference', message: 'repeats line 2' },
      { line: 8, field: 'paid_at', message: 'must be a date (YYYY-MM-DD) or an ISO date-time' },
    ]);
    expect(await t.db.payment.count()).toBe(0);
  });

  it('writes only the valid rows when asked to', async () => {
    const res = await post(bad, 'mode=valid&source=file-b');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ committed: true, writtenRows: 1, errorCount: 6 });
    expect(await t.db.payment.count({ where: { source: 'file-b' } })).toBe(1);
  });

  it('imports a valid file, keeps the promise it pays, and skips it as duplicates the second time', async () => {
    const first = await post(good, 'mode=all&source=bank');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ committed: true, writtenRows: 2, duplicateRows: 0, errorCount: 0, changedPromises: 1 });
    expect((await t.db.paymentPromise.findUniqueOrThrow({ where: { id: promiseId } })).status).toBe('kept');
    const account = await t.db.account.findFirstOrThrow({ where: { externalId: 'ACC-2' } });
    expect(Number(account.balanceMinor)).toBe(99_000);
    const again = await post(good, 'mode=all&source=bank');
    expect(again.json()).toMatchObject({ committed: false, writtenRows: 0, duplicateRows: 2, errorCount: 0 });
    expect(await t.db.payment.count({ where: { source: 'bank' } })).toBe(2);
  });

  it('names missing columns, validates without writing, and is for admins only', async () => {
    const missing = await post('account_external_id,amount\nACC-1,5\n', 'mode=validate');
    expect(missing.json().errors[0]).toEqual({ line: 1, field: 'header', message: 'missing columns: currency, paid_at, channel, reference' });
    const check = await post(good.replace(/R-/g, 'V-'), 'mode=validate');
    expect(check.json()).toMatchObject({ committed: false, validRows: 2, writtenRows: 0 });
    const denied = await t.app.inject({ method: 'POST', url: '/api/imports/payments', headers: { cookie: collector.cookie, 'x-csrf-token': collector.csrf, 'content-type': 'text/csv' }, payload: good });
    expect(denied.statusCode).toBe(403);
    expect((await post(good, 'mode=everything')).json().error.fields[0].field).toBe('mode');
  });
});
