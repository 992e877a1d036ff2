import type { ContactGateInput } from '@crm/domain';
import type { GateFacts } from './gate-facts.repository.js';

/**
 * The gate's input from its facts, for one contact to be chosen (channel and contact point): the
 * one mapping the queue, the case file, outcome recording and the reminder sender share, so a
 * fact the loader reads (opt-outs, inconvenient times, the callback's consent horizon) is honoured
 * by all of them at once.
 */
export function gateInputOf(facts: GateFacts, now: Date): Omit<ContactGateInput, 'channel' | 'contactPoint'> {
  return {
    now,
    profile: facts.profile,
    customerTimeZone: facts.customerTimeZone,
    stopFlags: facts.stopFlags,
    attempts: facts.attempts,
    callback: facts.callback,
    inconvenientTimes: facts.inconvenientTimes,
  };
}
