import { describe, expect, it } from 'vitest';
import { claimMatchesPayment } from './claimed-payment.js';

const claim = { paidOn: '2026-11-18', amountMinor: 50_000, channel: 'Bank transfer' };
const payment = (over: Partial<{ amountMinor: number; paidAt: Date; channel: string; reversal: boolean }> = {}) => ({
  amountMinor: 50_000,
  paidAt: new Date('2026-11-20T09:00:00Z'),
  channel: 'bank_transfer',
  reversal: false,
  ...over,
});

describe('claimMatchesPayment', () => {
  it('matches the same amount through the same channel within a few days', () => {
    expect(claimMatchesPayment(claim, payment(), 'UTC')).toBe(true);
    expect(claimMatchesPayment(claim, payment({ paidAt: new Date('2026-11-23T09:00:00Z') }), 'UTC')).toBe(true);
  });
  it('does not match another amount, channel, a far date or a reversal', () => {
    expect(claimMatchesPayment(claim, payment({ amountMinor: 49_999 }), 'UTC')).toBe(false);
    expect(claimMatchesPayment(claim, payment({ channel: 'card' }), 'UTC')).toBe(false);
    expect(claimMatchesPayment(claim, payment({ paidAt: new Date('2026-11-24T09:00:00Z') }), 'UTC')).toBe(false);
    expect(claimMatchesPayment(claim, payment({ reversal: true }), 'UTC')).toBe(false);
  });
  it('counts days in the customer’s calendar', () => {
    // 2026-11-23 20:00 UTC is already the 24th in Shanghai: 6 days after the claim.
    expect(claimMatchesPayment(claim, payment({ paidAt: new Date('2026-11-23T20:00:00Z') }), 'UTC')).toBe(true);
    expect(claimMatchesPayment(claim, payment({ paidAt: new Date('2026-11-23T20:00:00Z') }), 'Asia/Shanghai')).toBe(
      false,
    );
  });
});
