import { describe, expect, it } from 'vitest';
import {
  composeFullName,
  missingForNewAccount,
  missingForNewDebtor,
  normalisePhone,
  parsePortfolioRow,
} from './portfolio-row.js';

const full = {
  debtor_external_id: 'D-1',
  account_external_id: 'A-1',
  currency: 'usd',
  salutation: 'Mr.',
  family_name: 'Doe',
  given_name: 'John',
  date_of_birth: '1980-02-29',
  preferred_language: 'EN',
  time_zone: 'America/Chicago',
  mobile_phone: '+1 312-555-0100',
  email: 'john@example.com',
  creditor_code: 'ACME',
  product: 'credit_card',
  balance: '1,250.00',
  overdue: '300',
  instalment: '100.5',
  oldest_unpaid_due_date: '2026-09-15',
  missed_instalments: '3',
  opened_at: '2024-01-10',
  status: 'open',
  assigned_collector: 'collector1',
};

describe('parsePortfolioRow', () => {
  it('reads a complete row into typed fields, amounts in minor units of the row currency', () => {
    const { row, problems } = parsePortfolioRow(full);
    expect(problems).toEqual([]);
    expect(row).toEqual({
      debtorExternalId: 'D-1',
      accountExternalId: 'A-1',
      currency: 'USD',
      debtor: {
        salutation: 'mr',
        familyName: 'Doe',
        givenName: 'John',
        dateOfBirth: '1980-02-29',
        preferredLanguage: 'en',
        timeZone: 'America/Chicago',
      },
      phones: [{ type: 'mobile', value: '+1 312-555-0100' }],
      email: 'john@example.com',
      account: {
        creditorCode: 'ACME',
        product: 'credit_card',
        balanceMinor: 125_000,
        overdueMinor: 30_000,
        instalmentMinor: 10_050,
        oldestUnpaidDueDate: '2026-09-15',
        missedInstalments: 3,
        openedAt: '2024-01-10',
        status: 'open',
        assignedCollector: 'collector1',
      },
    });
  });

  it('uses the currency exponent: yen have no decimals, yuan have two', () => {
    expect(
      parsePortfolioRow({ ...full, currency: 'JPY', balance: '12000', overdue: '300', instalment: '100' }).row?.account
        .balanceMinor,
    ).toBe(12_000);
    expect(parsePortfolioRow({ ...full, currency: 'JPY', balance: '12000.5', instalment: '100' }).problems).toEqual([
      {
        field: 'balance',
        message: 'must be an amount in JPY, zero or more, with at most 0 decimals, at most ¥1,000,000,000,000',
      },
    ]);
    expect(
      parsePortfolioRow({ ...full, currency: 'CNY', preferred_language: 'zh_cn' }).row?.debtor.preferredLanguage,
    ).toBe('zh-CN');
  });

  it('names every bad cell of the row', () => {
    const { row, problems } = parsePortfolioRow({
      ...full,
      debtor_external_id: '',
      currency: 'dollars',
      salutation: 'sir',
      date_of_birth: '1981-02-29',
      preferred_language: 'fr',
      time_zone: 'Mars/Olympus',
      mobile_phone: 'call me',
      email: 'not-an-email',
      product: 'Credit Card',
      oldest_unpaid_due_date: '15/09/2026',
      missed_instalments: '-1',
      status: 'paid',
    });
    expect(row).toBeNull();
    expect(problems.map((p) => p.field)).toEqual([
      'debtor_external_id',
      'currency',
      'salutation',
      'date_of_birth',
      'preferred_language',
      'time_zone',
      'mobile_phone',
      'email',
      'product',
      'oldest_unpaid_due_date',
      'missed_instalments',
      'status',
    ]);
  });

  it.each([
    [
      'a US address',
      { address: '530 S King St, Honolulu', postal_code: '96813', region: 'HI', country: 'us' },
      { value: '530 S King St, Honolulu', country: 'US', postalCode: '96813', region: 'HI' },
      [],
    ],
    [
      'a UK address without region',
      { address: '1 High Street, London', postal_code: 'SW1A 1AA', country: 'GB' },
      { value: '1 High Street, London', country: 'GB', postalCode: 'SW1A 1AA', region: null },
      [],
    ],
    ['an address without its country', { address: '1 High Street', postal_code: 'SW1A 1AA' }, undefined, ['country']],
    ['a country without an address', { country: 'US' }, undefined, ['address']],
    [
      'a bad country and postcode',
      { address: 'x', postal_code: '!!', country: 'USA' },
      undefined,
      ['postal_code', 'country'],
    ],
  ])('reads the postal address: %s', (_, cells, address, fields) => {
    const { row, problems } = parsePortfolioRow({ ...full, ...cells });
    expect(problems.map((p) => p.field)).toEqual(fields);
    expect(row?.address).toEqual(address);
  });

  it('refuses an overdue amount above the balance and a due date before the account opened', () => {
    expect(parsePortfolioRow({ ...full, overdue: '2000' }).problems).toEqual([
      { field: 'overdue', message: 'cannot be more than the balance' },
    ]);
    expect(parsePortfolioRow({ ...full, oldest_unpaid_due_date: '2023-12-31' }).problems).toEqual([
      { field: 'oldest_unpaid_due_date', message: 'cannot be before opened_at' },
    ]);
  });

  it('leaves blank cells out, so that an update keeps what is there', () => {
    const { row } = parsePortfolioRow({
      debtor_external_id: 'D-1',
      account_external_id: 'A-1',
      currency: 'GBP',
      overdue: '0',
    });
    expect(row).toEqual({
      debtorExternalId: 'D-1',
      accountExternalId: 'A-1',
      currency: 'GBP',
      debtor: {},
      phones: [],
      account: { overdueMinor: 0 },
    });
  });
});

describe('new records', () => {
  it('lists what a new customer and a new account lack', () => {
    expect(missingForNewDebtor({ familyName: 'Doe' })).toEqual(['given_name', 'time_zone']);
    expect(missingForNewAccount({ creditorCode: 'ACME', overdueMinor: 500 })).toEqual([
      'product',
      'balance',
      'instalment',
      'opened_at',
      'oldest_unpaid_due_date',
    ]);
    expect(
      missingForNewAccount({
        creditorCode: 'A',
        product: 'p',
        balanceMinor: 0,
        overdueMinor: 0,
        instalmentMinor: 0,
        openedAt: '2024-01-01',
      }),
    ).toEqual([]);
  });

  it('composes the full name the way the customer writes it', () => {
    expect(composeFullName('Doe', 'John', 'en')).toBe('John Doe');
    expect(composeFullName('王', '伟', 'zh-CN')).toBe('王伟');
    expect(composeFullName('Wang', 'Wei', 'zh-CN')).toBe('Wang Wei');
  });

  it('compares phone numbers by their digits', () => {
    expect(normalisePhone('+1 (312) 555-0100')).toBe(normalisePhone('+13125550100'));
    expect(normalisePhone('020 7946 0001')).toBe('02079460001');
  });
});
