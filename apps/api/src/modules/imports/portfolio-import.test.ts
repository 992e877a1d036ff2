import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { importCsv } from '../../../test/imports.js';

const HEADER =
  'debtor_external_id,account_external_id,currency,salutation,family_name,given_name,full_name,date_of_birth,preferred_language,time_zone,' +
  'mobile_phone,home_phone,work_phone,email,creditor_code,product,balance,overdue,instalment,oldest_unpaid_due_date,missed_instalments,opened_at,status,assigned_collector';

describe('portfolio import', () => {
  const t = useTestApp({ now: '2026-11-20T15:00:00Z' });
  let admin: Session, supervisor: Session;
  let code = '',
    collectorId = '';

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'p-admin' });
    await t.factories.user('supervisor', { username: 'p-sup' });
    collectorId = (await t.factories.user('collector', { username: 'p-col' })).id;
    await t.factories.user('collector', { username: 'p-gone', active: false });
    code = (await t.factories.creditor('CN')).code;
    admin = await t.login('p-admin');
    supervisor = await t.login('p-sup');
  });

  const post = (csv: string, query: string, who: Session = admin) =>
    importCsv(t.app, who, `/api/imports/portfolio?${query}`, csv);
  const row = (cells: Record<string, string>) =>
    HEADER.split(',')
      .map((c) => cells[c] ?? '')
      .join(',');
  const customer = (debtor: string, account: string, more: Record<string, string> = {}) =>
    row({
      debtor_external_id: debtor,
      account_external_id: account,
      currency: 'CNY',
      family_name: '王',
      given_name: '伟',
      preferred_language: 'zh-CN',
      time_zone: 'Asia/Shanghai',
      mobile_phone: '+86 138 0013 8000',
      creditor_code: code,
      product: 'consumer_loan',
      balance: '12000.00',
      overdue: '1500.00',
      instalment: '500',
      oldest_unpaid_due_date: '2026-09-10',
      missed_instalments: '3',
      opened_at: '2025-03-01',
      assigned_collector: 'p-col',
      ...more,
    });

  // ADR 019: before issue 13 every imported number took the customer's zone, so a Hawaii mobile of
  // a New York customer was "callable" at 03:14 in Hawaii. Each number and address now carries its own.
  it('gives each number and the postal address the zones they place the customer in, with their source', async () => {
    const us = (await t.factories.creditor('US')).code;
    const header = `${HEADER},address,postal_code,region,country`;
    const cells = (more: Record<string, string>) =>
      header
        .split(',')
        .map((c) => more[c] ?? '')
        .join(',');
    const csv = [
      header,
      cells({
        debtor_external_id: 'ZD-1',
        account_external_id: 'ZA-1',
        currency: 'USD',
        family_name: 'Rivera',
        given_name: 'Ana',
        time_zone: 'America/New_York',
        mobile_phone: '+1 808-555-0100',
        home_phone: '212-555-0100',
        work_phone: '+1 720-555-0117',
        address: '"530 S King St, Honolulu"',
        postal_code: '96813',
        region: 'HI',
        country: 'US',
        creditor_code: us,
        product: 'credit_card',
        balance: '1000',
        overdue: '0',
        instalment: '50',
        opened_at: '2025-03-01',
      }),
    ].join('\n');
    const res = await post(csv, 'mode=all');
    expect(res.statusCode, res.body).toBe(202);
    const points = await t.db.contactPoint.findMany({
      where: { debtor: { externalId: 'ZD-1' } },
      orderBy: { value: 'asc' },
    });
    expect(points.map((p) => [p.kind, p.value, p.timeZones, p.zoneSource, p.country, p.postalCode])).toEqual([
      ['phone', '+1 720-555-0117', ['America/Denver'], 'number', null, null],
      ['phone', '+1 808-555-0100', ['Pacific/Honolulu'], 'number', null, null],
      ['phone', '212-555-0100', ['America/New_York'], 'number', null, null],
      ['address', '530 S King St, Honolulu', ['Pacific/Honolulu'], 'address', 'US', '96813'],
    ]);
  });

  it('creates a customer with two accounts once, with their phone, and checks before writing', async () => {
    const csv = [
      HEADER,
      customer('PD-1', 'PA-1'),
      customer('PD-1', 'PA-2', {
        balance: '800',
        overdue: '0',
        oldest_unpaid_due_date: '',
        email: 'wang.wei@example.cn',
      }),
    ].join('\n');
    const check = await post(csv, 'mode=validate');
    expect(check.statusCode).toBe(202);
    expect(check.json()).toMatchObject({
      committed: false,
      totalRows: 2,
      validRows: 2,
      errorCount: 0,
      writtenRows: 0,
      portfolio: {
        debtorsCreated: 1,
        debtorsUpdated: 0,
        accountsCreated: 2,
        accountsUpdated: 0,
        contactPointsAdded: 2,
      },
    });
    expect(await t.db.debtor.count({ where: { externalId: 'PD-1' } })).toBe(0);

    const res = await post(csv, 'mode=all');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({
      committed: true,
      writtenRows: 2,
      portfolio: { debtorsCreated: 1, accountsCreated: 2, contactPointsAdded: 2 },
    });
    const debtor = await t.db.debtor.findUniqueOrThrow({
      where: { externalId: 'PD-1' },
      include: { accounts: { orderBy: { externalId: 'asc' } }, contactPoints: true },
    });
    expect(debtor).toMatchObject({
      fullName: '王伟',
      preferredLanguage: 'zh_CN',
      timeZone: 'Asia/Shanghai',
      salutation: 'none',
    });
    expect(
      debtor.accounts.map((a) => [
        a.externalId,
        Number(a.balanceMinor),
        Number(a.overdueMinor),
        a.oldestUnpaidDueDate?.toISOString().slice(0, 10) ?? null,
        a.complianceProfile,
        a.assignedCollectorId,
      ]),
    ).toEqual([
      ['PA-1', 1_200_000, 150_000, '2026-09-10', 'CN', collectorId],
      ['PA-2', 80_000, 0, null, 'CN', collectorId],
    ]);
    expect(
      debtor.contactPoints.map((c) => [c.kind, c.type, c.value, c.timeZones, c.zoneSource, c.source]).sort(),
    ).toEqual([
      ['email', 'other', 'wang.wei@example.cn', [], null, 'import'],
      ['phone', 'mobile', '+86 138 0013 8000', ['Asia/Shanghai'], 'number', 'import'],
    ]);
  });

  it('updates by external id: blank cells keep, the same phone written differently is not added, nothing changes on a re-import', async () => {
    const update = [
      HEADER,
      row({
        debtor_external_id: 'PD-1',
        account_external_id: 'PA-1',
        currency: 'CNY',
        overdue: '2000',
        balance: '12000',
        mobile_phone: '+8613800138000',
        home_phone: '+86 10 6552 9988',
      }),
    ].join('\r\n');
    const res = await post(update, 'mode=all');
    expect(res.json()).toMatchObject({
      committed: true,
      portfolio: {
        debtorsCreated: 0,
        debtorsUpdated: 0,
        accountsCreated: 0,
        accountsUpdated: 1,
        contactPointsAdded: 1,
      },
    });
    const account = await t.db.account.findUniqueOrThrow({ where: { externalId: 'PA-1' } });
    expect([Number(account.overdueMinor), account.product, account.missedInstalments]).toEqual([
      200_000,
      'consumer_loan',
      3,
    ]);
    expect(await t.db.debtor.count({ where: { externalId: 'PD-1' } })).toBe(1);
    expect(await t.db.contactPoint.count({ where: { debtor: { externalId: 'PD-1' } } })).toBe(3);

    const again = await post(update, 'mode=all');
    expect(again.json().portfolio).toEqual({
      debtorsCreated: 0,
      debtorsUpdated: 0,
      accountsCreated: 0,
      accountsUpdated: 0,
      contactPointsAdded: 0,
    });
  });

  it('reports every bad row with its line and reason and writes nothing, or writes only the valid rows when asked', async () => {
    const csv = [
      HEADER.replace(/,/g, ';'),
      customer('PD-2', 'PA-10').replace(/,/g, ';'),
      customer('PD-3', 'PA-11', { creditor_code: 'NOPE' }).replace(/,/g, ';'),
      customer('PD-3', 'PA-10').replace(/,/g, ';'),
      customer('PD-9', 'PA-1').replace(/,/g, ';'),
      customer('PD-4', 'PA-12', { family_name: '', given_name: '', time_zone: 'Mars/Base' }).replace(/,/g, ';'),
      customer('PD-5', 'PA-13', { assigned_collector: 'p-gone', balance: '10', overdue: '20' }).replace(/,/g, ';'),
      customer('PD-2', 'PA-14', { time_zone: 'Asia/Urumqi' }).replace(/,/g, ';'),
      customer('PD-6', 'PA-15', { family_name: '', given_name: '', product: '' }).replace(/,/g, ';'),
      row({ debtor_external_id: 'PD-1', account_external_id: 'PA-2', currency: 'USD' }).replace(/,/g, ';'),
    ].join('\n');
    const res = await post(`\uFEFF${csv}`, 'mode=all');
    expect(res.statusCode).toBe(202);
    expect(res.json().errors).toEqual([
      { line: 3, field: 'creditor_code', message: 'no creditor NOPE', value: 'NOPE' },
      { line: 4, field: 'account_external_id', message: 'repeats line 2', value: 'PA-10' },
      { line: 5, field: 'debtor_external_id', message: 'account PA-1 belongs to customer PD-1', value: 'PD-9' },
      {
        line: 6,
        field: 'time_zone',
        message: 'must be an IANA time zone such as America/New_York',
        value: 'Mars/Base',
      },
      { line: 7, field: 'overdue', message: 'cannot be more than the balance', value: '20' },
      { line: 8, field: 'time_zone', message: 'differs from line 2 for the same customer', value: 'Asia/Urumqi' },
      { line: 9, field: 'product', message: 'is required for a new account', value: '' },
      { line: 10, field: 'currency', message: "must be CNY, the account's currency", value: 'USD' },
    ]);
    expect(res.json()).toMatchObject({ committed: false, totalRows: 9, validRows: 1, problemRows: 8, errorCount: 8 });
    expect(await t.db.debtor.count({ where: { externalId: { in: ['PD-2', 'PD-3', 'PD-4', 'PD-5', 'PD-6'] } } })).toBe(
      0,
    );

    const valid = await post(csv, 'mode=valid');
    expect(valid.statusCode).toBe(202);
    expect(valid.json()).toMatchObject({
      committed: true,
      writtenRows: 1,
      portfolio: { debtorsCreated: 1, accountsCreated: 1 },
    });
    expect(
      (await t.db.account.findMany({ where: { debtor: { externalId: 'PD-2' } } })).map((a) => a.externalId),
    ).toEqual(['PA-10']);
  });

  it('refuses a birth date in the future and three letters that are no currency', async () => {
    const csv = [
      HEADER,
      customer('PD-20', 'PA-20', { date_of_birth: '2999-12-31' }),
      customer('PD-21', 'PA-21', { currency: 'NaN' }),
    ].join('\n');
    const res = await post(csv, 'mode=validate');
    expect(res.json().errors).toEqual([
      { line: 2, field: 'date_of_birth', message: 'is in the future', value: '2999-12-31' },
      { line: 3, field: 'currency', message: expect.stringContaining('ISO 4217'), value: 'NaN' },
    ]);
  });

  it('asks a new customer for a name and a time zone, and a collector who exists and is active', async () => {
    const res = await post(
      [
        HEADER,
        customer('PD-7', 'PA-20', { family_name: '', time_zone: '' }),
        customer('PD-8', 'PA-21', { assigned_collector: 'p-gone' }),
        customer('PD-8', 'PA-22', { assigned_collector: 'nobody' }),
      ].join('\n'),
      'mode=validate',
    );
    expect(res.json().errors).toEqual([
      { line: 2, field: 'family_name', message: 'is required for a new customer', value: '' },
      { line: 2, field: 'time_zone', message: 'is required for a new customer', value: '' },
      { line: 3, field: 'assigned_collector', message: 'p-gone is not an active collector', value: 'p-gone' },
      { line: 4, field: 'assigned_collector', message: 'no user nobody', value: 'nobody' },
    ]);
  });

  it('names missing columns, keeps its progress in the database for admins, and is for admins only', async () => {
    const missing = await post('debtor_external_id,family_name\nD,X\n', 'mode=validate');
    expect(missing.json().errors).toEqual([
      { line: 1, field: 'header', message: 'missing columns: account_external_id, currency' },
    ]);

    const { id } = await post([HEADER, customer('PD-30', 'PA-30')].join('\n'), 'mode=all');
    const progress = await admin.inject({ method: 'GET', url: `/api/imports/${id}` });
    expect(progress.json()).toMatchObject({ status: 'succeeded', phase: 'done', rowsRead: 1, rowsWritten: 1 });
    expect((await admin.inject({ method: 'GET', url: `/api/imports/${randomUUID()}` })).statusCode).toBe(404);
    expect((await admin.inject({ method: 'GET', url: '/api/imports/abc' })).json().error.fields[0].field).toBe('id');
    expect((await supervisor.inject({ method: 'GET', url: `/api/imports/${id}` })).statusCode).toBe(403);
    expect((await post([HEADER, customer('PD-31', 'PA-31')].join('\n'), 'mode=all', supervisor)).statusCode).toBe(403);
    expect(await t.db.debtor.count({ where: { externalId: 'PD-31' } })).toBe(0);
  });

  it('imports the sample files in docs/samples as their README says', async () => {
    for (const [code, profile] of [
      ['EVERGREEN', 'US'],
      ['THAMES', 'UK'],
      ['HUAXIN', 'CN'],
    ] as const) {
      await t.db.creditor.create({ data: { code, name: code, complianceProfile: profile } });
    }
    for (const username of ['collector1', 'collector2', 'collector3'])
      await t.factories.user('collector', { username });
    const sample = (name: string) =>
      readFileSync(path.resolve(import.meta.dirname, '../../../../../docs/samples', name), 'utf8');

    const withErrors = await post(sample('portfolio-with-errors.csv'), 'mode=all');
    expect(withErrors.json().errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual([
      '3:family_name',
      '3:given_name',
      '4:time_zone',
      '5:overdue',
      '6:account_external_id',
    ]);
    const good = await post(sample('portfolio.csv'), 'mode=all');
    expect(good.json()).toMatchObject({
      committed: true,
      errorCount: 0,
      portfolio: { debtorsCreated: 3, accountsCreated: 4, contactPointsAdded: 7 },
    });
    const li = await t.db.debtor.findUniqueOrThrow({
      where: { externalId: 'NEW-D-0003' },
      include: { accounts: true },
    });
    expect([li.fullName, li.accounts[0]!.complianceProfile, Number(li.accounts[0]!.balanceMinor)]).toEqual([
      '李娜',
      'CN',
      1_560_000,
    ]);
  });

  it('makes figures the creditor states the new baseline, and leaves the payments since alone when the file states none', async () => {
    await t.factories.user('service', { username: 'p-feed' });
    const feed = await t.login('p-feed');
    const pay = (accountId: string, amountMinor: number, reference: string, reversalOfId?: string) =>
      feed.inject({
        method: 'POST',
        url: '/api/payments',
        payload: {
          accountId,
          amountMinor,
          currency: 'CNY',
          paidAt: '2026-11-20T10:00:00Z',
          channel: 'alipay',
          source: 'p-feed',
          reference,
          reversalOfId,
        },
      });
    const figures = async (externalId: string) => {
      const a = await t.db.account.findUniqueOrThrow({ where: { externalId } });
      return [
        a.balanceMinor,
        a.overdueMinor,
        a.balanceBaselineMinor,
        a.overdueBaselineMinor,
        a.paidSinceBaselineMinor,
      ].map(Number);
    };
    expect(
      (
        await post([HEADER, customer('PD-9', 'PA-9', { balance: '1000', overdue: '200' })].join('\n'), 'mode=all')
      ).json().committed,
    ).toBe(true);
    const { id } = await t.db.account.findUniqueOrThrow({ where: { externalId: 'PA-9' } });
    const first = await pay(id, 30_000, 'PF-1');
    expect(first.statusCode).toBe(201);
    expect(await figures('PA-9')).toEqual([70_000, 0, 100_000, 20_000, 30_000]);

    // A row without figures (here: a new product name) keeps what the payments did.
    await post(
      [
        HEADER,
        row({ debtor_external_id: 'PD-9', account_external_id: 'PA-9', currency: 'CNY', product: 'credit_card' }),
      ].join('\n'),
      'mode=all',
    );
    expect(await figures('PA-9')).toEqual([70_000, 0, 100_000, 20_000, 30_000]);

    // The creditor's new figures include that payment: they become the baseline.
    await post(
      [
        HEADER,
        row({
          debtor_external_id: 'PD-9',
          account_external_id: 'PA-9',
          currency: 'CNY',
          balance: '700',
          overdue: '50',
          oldest_unpaid_due_date: '2026-10-10',
        }),
      ].join('\n'),
      'mode=all',
    );
    expect(await figures('PA-9')).toEqual([70_000, 5_000, 70_000, 5_000, 0]);

    // Reversing the payment afterwards puts its amount back on top of the creditor's figures.
    expect((await pay(id, 30_000, 'PF-1-R', first.json().payment.id)).statusCode).toBe(201);
    expect(await figures('PA-9')).toEqual([100_000, 35_000, 70_000, 5_000, -30_000]);
  });
});
