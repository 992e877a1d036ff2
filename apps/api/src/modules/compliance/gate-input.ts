import { canContactThirdParty, type ContactGateInput, type ContactGateVerdict, type GateThirdParty } from '@crm/domain';
import type { GateFacts, ThirdPartyFacts } from './gate-facts.repository.js';

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
    // Every zone the customer may be in (each number's, the address's): the window is their intersection.
    otherTimeZones: facts.knownZones,
    stopFlags: facts.stopFlags,
    attempts: facts.attempts,
    callback: facts.callback,
    inconvenientTimes: facts.inconvenientTimes,
  };
}

/** The third-party gate's verdict on calling `thirdParty` now, from the customer's gate facts and the third-party facts. */
export function thirdPartyVerdict(
  facts: GateFacts,
  tp: Pick<ThirdPartyFacts, 'customerAttempts'>,
  thirdParty: GateThirdParty,
  now: Date,
): ContactGateVerdict {
  return canContactThirdParty({
    now,
    profile: facts.profile,
    customerTimeZone: facts.customerTimeZone,
    stopFlags: facts.stopFlags,
    thirdParty,
    customerPoints: facts.contactPoints,
    customerAttempts: tp.customerAttempts,
  });
}
