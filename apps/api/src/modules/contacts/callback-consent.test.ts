import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { wholeQueue } from '../../../test/queue.js';
import { postOutcome } from '../../../test/outcomes.js';

// 10:00 in New York.
const NOW = '2026-11-20T15:00:00Z';
const HOUR = 3_600_000;

/**
 * A callback the customer asks for is their prior consent only up to the profile's horizon (Reg F
 * 1006.14(b)(3)(i): 7 days). Before, one agreed 81 days out was stored as customer-requested and
 * then let the collector call through the 7-in-7 cap and the quiet period at that time; now it is
 * an ordinary appointment: the queue, the case file and recording all apply the caps to it.
 */
describe('the consent horizon of a customer-requested callback', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session;
  let collectorId: string;
  let creditorId: string;

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'cb-admin' });
    collectorId = (await t.factories.user('collector', { username: 'cb-c' })).id;
    creditorId = (await t.factories.creditor()).id;
    const admin = await t.login('cb-admin');
    // Callbacks may be agreed up to 90 days out (promise rules), so an 81-day one is accepted.
    const saved = await admin.inject({
      method: 'PUT',
      url: '/api/policies/promise_rules/default',
      payload: { data: { graceDays: 3, minAmountMinor: 100, maxHorizonDays: 90 } },
    });
    expect(saved.statusCode).toBe(200);
  });

  /** Agrees a callback `dueAt` with the customer now, then 7 calls are placed before it (the cap is reached). */
  async function agreed(dueAt: string) {
    t.clock.set(NOW);
    collector = await t.login('cb-c');
    const a = await t.factories.account({ creditorId, collectorId, withPhone: true });
    const phone = a.debtor.contactPoints[0]!.id;
    const res = await postOutcome(collector, a.id, {
      contactPointId: phone,
      disposition: 'right_party_contact',
      callbackAt: dueAt,
    });
    expect(res.statusCode).toBe(201);
    const due = new Date(dueAt).getTime();
    for (let i = 1; i <= 7; i++)
      await t.db.contactAttempt.create({
        data: {
          accountId: a.id,
          debtorId: a.debtorId,
          channel: 'phone',
          contactPointId: phone,
          partyReached: 'nobody',
          disposition: 'no_answer',
          startedAt: new Date(due - i * 12 * HOUR),
        },
      });
    t.clock.set(dueAt);
    collector = await t.login('cb-c'); // days later: a new session
    return { accountId: a.id, phone, callbackId: res.json().callbackId as string };
  }

  const queueEntry = async (accountId: string) => {
    const q = await wholeQueue(collector);
    return {
      item: q.items.find((i: { accountId: string }) => i.accountId === accountId),
      blocked: q.blocked.find((i: { accountId: string }) => i.accountId === accountId),
    };
  };
  const callNow = (a: { accountId: string; phone: string }) =>
    postOutcome(collector, a.accountId, { contactPointId: a.phone, partyReached: 'nobody', disposition: 'no_answer' });

  it.each([
    ['3 days out: prior consent, allowed through the cap and the quiet period', '2026-11-23T15:00:00Z', true],
    ['7 days out: still within the horizon', '2026-11-27T15:00:00Z', true],
    ['8 days out: an ordinary appointment, the cap applies', '2026-11-28T15:00:00Z', false],
    ['81 days out: an ordinary appointment, the cap applies', '2027-02-09T15:00:00Z', false],
  ])('%s', async (_name, dueAt, consent) => {
    const a = await agreed(dueAt);
    try {
      const stored = await t.db.callback.findUniqueOrThrow({ where: { id: a.callbackId } });
      expect(stored.requestedByCustomer).toBe(consent);

      const file = (await collector.inject({ method: 'GET', url: `/api/accounts/${a.accountId}/case-file` })).json();
      expect(file.pendingCallback).toMatchObject({ dueAt: new Date(dueAt).toISOString() });
      expect(file.summary.gate).toMatchObject({ allowed: consent, viaCallback: consent });
      const { item, blocked } = await queueEntry(a.accountId);
      expect(!!item).toBe(consent);
      const res = await callNow(a);
      if (consent) {
        expect(res.statusCode).toBe(201);
      } else {
        expect(blocked!.reasons.map((r: { code: string }) => r.code)).toContain('call_cap_reached');
        expect(res.statusCode).toBe(409);
        expect(res.json().error.reasons.map((r: { code: string }) => r.code)).toContain('call_cap_reached');
      }
    } finally {
      t.clock.set(NOW);
    }
  });
});
