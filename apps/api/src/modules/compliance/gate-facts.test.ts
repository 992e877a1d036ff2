import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { wholeQueue } from '../../../test/queue.js';
import { createGateFactsRepository } from './gate-facts.repository.js';

// 10:00 in New York.
const NOW = '2026-11-20T15:00:00Z';
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(new Date(NOW).getTime() - n * DAY);

/**
 * The gate's facts have one loader, and it reads as far back as the policies in force need: a
 * compliance profile with windows longer than the built-in ones (a 3-calls-in-14-days cap, a
 * 12-day quiet period) is honoured by the queue, the case file and outcome recording alike.
 * Before, each read 9 days back (the case file with its own constant): calls 10 to 12 days ago
 * were not seen, and all three said the customer could be called.
 */
describe('the contact gate looks as far back as the policies need', () => {
  const t = useTestApp({ now: NOW });
  let admin: Session, collector: Session;
  let capped: { accountId: string; phoneId: string };
  let quiet: { accountId: string; phoneId: string };
  let fresh: { accountId: string; phoneId: string };

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'gf-admin' });
    const c = await t.factories.user('collector', { username: 'gf-c' });
    const creditorId = (await t.factories.creditor()).id;
    const usAccount = async (n: number) => {
      const account = await t.factories.account({ creditorId, collectorId: c.id, profile: 'US' });
      const phone = await t.factories.contactPoint(account.debtorId, { value: `+1 212-555-03${n}` });
      return { accountId: account.id, debtorId: account.debtorId, phoneId: phone.id };
    };
    const attempt = (a: { accountId: string; debtorId: string; phoneId: string }, at: Date, conversation = false) =>
      t.db.contactAttempt.create({
        data: {
          accountId: a.accountId,
          debtorId: a.debtorId,
          contactPointId: a.phoneId,
          channel: 'phone',
          partyReached: conversation ? 'debtor' : 'nobody',
          disposition: conversation ? 'right_party_contact' : 'no_answer',
          startedAt: at,
        },
      });
    const a = await usAccount(11);
    for (const n of [10, 11, 12]) await attempt(a, daysAgo(n));
    const b = await usAccount(12);
    await attempt(b, daysAgo(10), true);
    const f = await usAccount(13);
    await attempt(f, daysAgo(20), true);
    capped = a;
    quiet = b;
    fresh = f;

    admin = await t.login('gf-admin');
    collector = await t.login('gf-c');
    const us = (await admin.inject({ method: 'GET', url: '/api/policies' }))
      .json()
      .items.find((p: { kind: string; key: string }) => p.kind === 'compliance_profile' && p.key === 'US');
    const saved = await admin.inject({
      method: 'PUT',
      url: '/api/policies/compliance_profile/US',
      payload: { data: { ...us.data, callCap: { maxCalls: 3, windowDays: 14 }, quietDaysAfterConversation: 12 } },
    });
    expect(saved.statusCode).toBe(200);
  });

  const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

  it('the loader reads the attempts the longest window needs, and no older ones', async () => {
    const facts = await createGateFactsRepository(t.db).load([fresh.accountId, capped.accountId], new Date(NOW));
    // 14-day cap and 12-day quiet period: 15 days back. The conversation 20 days ago is not read.
    expect(facts.get(capped.accountId)!.attempts).toHaveLength(3);
    expect(facts.get(fresh.accountId)!.attempts).toEqual([]);
    expect(facts.get(capped.accountId)!.profile.callCap).toEqual({ maxCalls: 3, windowDays: 14 });
  });

  it('the case file', async () => {
    const file = async (id: string) =>
      (await collector.inject({ method: 'GET', url: `/api/accounts/${id}/case-file` })).json();
    const a = await file(capped.accountId);
    expect(a.summary.gate.allowed).toBe(false);
    expect(codes(a.summary.gate.reasons)).toContain('call_cap_reached');
    expect(codes(a.contactPoints[0].gate.reasons)).toContain('call_cap_reached');
    // The oldest of the three calls leaves the 14-day window on 2026-11-22 at 15:00 UTC.
    expect(a.summary.gate.nextAllowedAt).toBe('2026-11-22T15:00:00.000Z');
    const b = await file(quiet.accountId);
    expect(codes(b.summary.gate.reasons)).toContain('quiet_period_after_conversation');
    expect((await file(fresh.accountId)).summary.gate.allowed).toBe(true);
  });

  it('the queue', async () => {
    const queue = await wholeQueue(collector);
    const blocked = new Map(queue.blocked.map((b) => [b.accountId, b.reasons]));
    expect(codes((blocked.get(capped.accountId) ?? []) as [])).toContain('call_cap_reached');
    expect(codes((blocked.get(quiet.accountId) ?? []) as [])).toContain('quiet_period_after_conversation');
    expect(queue.items.map((i: { accountId: string }) => i.accountId)).toContain(fresh.accountId);
  });

  it('recording an outcome (the gate under lock)', async () => {
    const call = (a: { accountId: string; phoneId: string }) =>
      collector.inject({
        method: 'POST',
        url: `/api/accounts/${a.accountId}/contacts`,
        payload: { channel: 'phone', contactPointId: a.phoneId, partyReached: 'nobody', disposition: 'no_answer' },
      });
    const refused = await call(capped);
    expect(refused.statusCode).toBe(409);
    expect(codes(refused.json().error.reasons)).toContain('call_cap_reached');
    const alsoRefused = await call(quiet);
    expect(alsoRefused.statusCode).toBe(409);
    expect(codes(alsoRefused.json().error.reasons)).toContain('quiet_period_after_conversation');
    expect((await call(fresh)).statusCode).toBe(201);
  });
});
