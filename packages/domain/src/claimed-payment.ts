import { calendarDaysBetween, localDate, type IsoDate } from './dates.js';

/**
 * "I already paid": a claim matches a payment when the amount is the same, the payment date is
 * within a few days of the claimed date (the customer's calendar; bank transfers take days),
 * and the channel agrees. Channels are compared loosely ("Bank transfer" = "bank_transfer").
 */
export interface Claim {
  paidOn: IsoDate;
  amountMinor: number;
  channel: string;
}

export interface IncomingPayment {
  amountMinor: number;
  paidAt: Date;
  channel: string;
  reversal: boolean;
}

export const CLAIM_MATCH_DAYS = 5;

const normalise = (channel: string) =>
  channel
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

export function claimMatchesPayment(
  claim: Claim,
  payment: IncomingPayment,
  timeZone: string,
  toleranceDays = CLAIM_MATCH_DAYS,
): boolean {
  if (payment.reversal || payment.amountMinor !== claim.amountMinor) return false;
  const days = Math.abs(calendarDaysBetween(claim.paidOn, localDate(payment.paidAt, timeZone)));
  if (days > toleranceDays) return false;
  return normalise(claim.channel) === normalise(payment.channel);
}
