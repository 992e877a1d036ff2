import { describe, expect, it } from 'vitest';
import {
  amountOnItemizationDate,
  noticeText,
  validationNoticeContent,
  type ValidationNoticeInput,
} from './validation-notice.js';

const base: ValidationNoticeInput = {
  locale: 'en',
  collector: { name: 'Northwind Recovery Services', mailingAddress: ['PO Box 1200', 'Wilmington, DE 19801'] },
  consumer: { name: 'Maria Lopez', mailingAddress: ['12 Elm St', 'Denver, CO 80202'] },
  creditor: 'Acme Bank',
  creditorOnItemizationDate: 'Acme Bank',
  accountNumber: 'ACC-1001',
  itemizationDate: '2026-06-30',
  currency: 'USD',
  interestSinceMinor: 0n,
  feesSinceMinor: 0n,
  paymentsCreditsSinceMinor: 15000n,
  currentAmountMinor: 234567n,
  validationEndsOn: '2027-01-07',
};

describe('the amount on the itemization date', () => {
  it.each([
    [234567n, 0n, 0n, 15000n, 249567n],
    [100000n, 2500n, 1000n, 0n, 96500n],
    [0n, 0n, 0n, 50000n, 50000n],
  ])('now %i, interest %i, fees %i, paid %i -> %i', (now, interest, fees, paid, then) => {
    expect(
      amountOnItemizationDate({
        currentAmountMinor: now,
        interestSinceMinor: interest,
        feesSinceMinor: fees,
        paymentsCreditsSinceMinor: paid,
      }),
    ).toBe(then);
  });
});

describe('validation notice content (model form B-1)', () => {
  it.each([
    [
      'en',
      'USD',
      [
        '$2,495.67',
        '$2,345.67',
        '– $150.00',
        'January 7, 2027',
        'June 30, 2026',
        'ACC-1001',
        'www.cfpb.gov/debt-collection',
        'Northwind Recovery Services is a debt collector',
        'This is not my debt.',
        'name and address of the original creditor',
        'Maria Lopez',
        '12 Elm St',
        'PO Box 1200',
      ],
    ],
    [
      'zh-CN',
      'USD',
      [
        'US$2,495.67',
        'US$2,345.67',
        '2027年1月7日',
        '2026年6月30日',
        'ACC-1001',
        'www.cfpb.gov/debt-collection',
        '这不是我的债务',
        '原债权人的名称和地址',
        'Maria Lopez',
      ],
    ],
    ['en', 'JPY', ['¥249,567', '¥234,567']],
  ] as const)('%s in %s carries every figure', (locale, currency, expected) => {
    const text = noticeText(validationNoticeContent({ ...base, locale, currency }));
    for (const e of expected) expect(text).toContain(e);
  });

  it('names the creditor as of the itemization date when it differs', () => {
    const text = noticeText(validationNoticeContent({ ...base, creditorOnItemizationDate: 'Old Lender Inc' }));
    expect(text).toContain('owe to Acme Bank');
    expect(text).toContain('account from Old Lender Inc');
  });

  it('has the tear-off response form with every prompt', () => {
    const content = validationNoticeContent(base);
    const tear = content.blocks.findIndex((b) => b.kind === 'tear_off');
    expect(tear).toBeGreaterThan(0);
    expect(content.blocks.slice(tear).filter((b) => b.kind === 'checkbox')).toHaveLength(5);
  });
});
