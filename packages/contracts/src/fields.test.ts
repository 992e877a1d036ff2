import { describe, expect, it } from 'vitest';
import { loginBodySchema } from './auth.js';
import { amountMinorSchema, currencySchema, isoDateSchema, limitSchema, localeSchema } from './fields.js';

describe('field schemas', () => {
  it('accepts integer minor units and rejects floats with a readable message', () => {
    expect(amountMinorSchema.parse(50000)).toBe(50000);
    const result = amountMinorSchema.safeParse(500.5);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be a whole number of minor units (e.g. cents)');
  });
  it('rejects unsafe integers', () => {
    expect(amountMinorSchema.safeParse(2 ** 60).success).toBe(false);
  });
  it('accepts only 3-letter upper-case currency codes', () => {
    expect(currencySchema.safeParse('CNY').success).toBe(true);
    expect(currencySchema.safeParse('cny').success).toBe(false);
  });
  it('accepts YYYY-MM-DD dates only', () => {
    expect(isoDateSchema.safeParse('2026-11-22').success).toBe(true);
    expect(isoDateSchema.safeParse('22.11.2026').success).toBe(false);
  });
  it('coerces and bounds list limits', () => {
    expect(limitSchema.parse(undefined)).toBe(50);
    expect(limitSchema.parse('20')).toBe(20);
    expect(limitSchema.safeParse('0').success).toBe(false);
    expect(limitSchema.safeParse('1000').success).toBe(false);
  });
  it('knows the two supported locales', () => {
    expect(localeSchema.options).toEqual(['en', 'zh-CN']);
  });
});

describe('loginBodySchema', () => {
  it('trims the username and requires both fields', () => {
    expect(loginBodySchema.parse({ username: ' admin1 ', password: 'x' }).username).toBe('admin1');
    const result = loginBodySchema.safeParse({ username: '', password: '' });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['username', 'password']);
  });
});
