import { describe, expect, it } from 'vitest';
import { promiseReadBack, typedPromiseOf } from './promise-read-back';

const placeholders = { promiseAmount: '[amount]', promiseDate: '[date]', promiseChannel: '[channel]' };
const labels: Record<string, Record<string, string>> = {
  en: { bank_transfer: 'bank transfer', alipay: 'Alipay' },
  'zh-CN': { bank_transfer: '银行转账', alipay: '支付宝' },
};
const readBack = (typed: Parameters<typeof promiseReadBack>[0], locale = 'en', currency = 'CNY') =>
  promiseReadBack(typed, { locale, currency, channelLabel: (c) => labels[locale]![c]!, placeholders });

describe('promise read-back at the close', () => {
  it.each([
    ['en', 'CNY', '1200', '2026-12-04', 'bank_transfer', ['CN¥1,200.00', 'Friday 4 December', 'bank transfer']],
    ['zh-CN', 'CNY', '1,200.5', '2026-12-04', 'alipay', ['¥1,200.50', '12月4日星期五', '支付宝']],
    ['en', 'USD', '75', '2026-11-27', 'alipay', ['US$75.00', 'Friday 27 November', 'Alipay']],
    // Partly typed: what is missing or not valid yet reads as its placeholder.
    ['en', 'CNY', '', '2026-12-04', 'bank_transfer', ['[amount]', 'Friday 4 December', 'bank transfer']],
    ['en', 'CNY', '12.345', '2026-12-0', 'bank_transfer', ['[amount]', '[date]', '[channel]']],
  ])('%s %s %s on %s by %s', (locale, currency, amount, dueDate, channel, expected) => {
    const { values } = readBack({ amount, dueDate, channel }, locale, currency);
    expect([values.promiseAmount, values.promiseDate, values.promiseChannel]).toEqual(expected);
  });

  it('nothing typed: not entered, placeholders', () => {
    expect(readBack(null)).toEqual({ entered: false, values: placeholders });
    expect(readBack({ amount: 'abc', dueDate: '', channel: 'card' }).entered).toBe(false);
  });

  it('takes the single promise or the plan’s first instalment from the outcome form', () => {
    const promise = { amount: '500', dueDate: '2026-12-04', channel: 'alipay' };
    const plan = [
      { amount: '100', dueDate: '2026-12-10' },
      { amount: '100', dueDate: '2027-01-10' },
    ];
    expect(typedPromiseOf(null)).toBeNull();
    expect(typedPromiseOf({ planMode: false, promise, plan })).toEqual(promise);
    expect(typedPromiseOf({ planMode: true, promise, plan })).toEqual({ ...plan[0], channel: 'alipay' });
    expect(typedPromiseOf({ planMode: false, promise: { ...promise, amount: '', dueDate: '' }, plan })).toBeNull();
  });
});
