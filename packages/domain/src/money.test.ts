import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMoney, isCurrencyCode } from './money.js';

describe('money', () => {
  it('knows the minor-unit exponent of each currency', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('CNY')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
  });
  it('formats minor units by locale', () => {
    expect(formatMoney({ amountMinor: 123456, currency: 'USD' }, 'en-US')).toBe('$1,234.56');
    expect(formatMoney({ amountMinor: 50000, currency: 'CNY' }, 'zh-CN')).toBe('¥500.00');
    expect(formatMoney({ amountMinor: 500, currency: 'JPY' }, 'en-US')).toBe('¥500');
    expect(formatMoney({ amountMinor: 7, currency: 'GBP' }, 'en-GB')).toBe('£0.07');
  });
  it('accepts ISO 4217 codes only', () => {
    expect(isCurrencyCode('GBP')).toBe(true);
    expect(isCurrencyCode('gbp')).toBe(false);
    // The right shape is not enough: three letters that are no currency.
    expect(isCurrencyCode('NAN')).toBe(false);
    expect(isCurrencyCode('XYZ')).toBe(false);
    expect(['USD', 'CNY', 'GBP', 'JPY', 'EUR'].every(isCurrencyCode)).toBe(true);
    expect(isCurrencyCode('US')).toBe(false);
  });
});

describe('parseAmountToMinor', () => {
  it('reads major units into minor units', async () => {
    const { parseAmountToMinor } = await import('./money.js');
    expect(parseAmountToMinor('120.50', 'USD')).toBe(12050);
    expect(parseAmountToMinor('1,234', 'CNY')).toBe(123400);
    expect(parseAmountToMinor(' 7.5 ', 'GBP')).toBe(750);
    expect(parseAmountToMinor('500', 'JPY')).toBe(500);
  });
  it('refuses what is not a plain amount', async () => {
    const { parseAmountToMinor } = await import('./money.js');
    expect(parseAmountToMinor('1.234', 'USD')).toBeNull();
    expect(parseAmountToMinor('-5', 'USD')).toBeNull();
    expect(parseAmountToMinor('abc', 'USD')).toBeNull();
    expect(parseAmountToMinor('5.5', 'JPY')).toBeNull();
    // Above the bound every money input has (10^12 minor units), and beyond safe integers.
    expect(parseAmountToMinor('10000000000.00', 'USD')).toBe(1_000_000_000_000);
    expect(parseAmountToMinor('10000000000.01', 'USD')).toBeNull();
    expect(parseAmountToMinor('90071992547409.93', 'USD')).toBeNull();
  });
});
