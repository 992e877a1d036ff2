import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { postOutcome } from '../../../test/outcomes.js';

/**
 * The case file's willingness comes from what collectors record (issue 14, ADR 037): the branches
 * chosen on the customer's recent calls, combined with promise outcomes. Before, it was judged from
 * promise outcomes only, so a customer who said twice they could not pay showed "No promise history".
 */
describe('willingness from recorded script branches', () => {
  const t = useTestApp({ now: '2026-11-02T15:00:00Z' });
  let collector: Session;
  let collectorId: string;

  beforeAll(async () => {
    collectorId = (await t.factories.user('collector', { username: 'wb-c' })).id;
  });

  async function call(accountId: string, contactPointId: string, at: string, scriptBranch: string) {
    t.clock.set(at);
    collector = await t.login('wb-c'); // weeks later: a new session
    const script = await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/suggested-script` });
    expect(script.statusCode).toBe(200);
    const res = await postOutcome(collector, accountId, {
      contactPointId,
      disposition: 'right_party_contact',
      scriptVersionId: script.json().scriptVersionId,
      scriptBranch,
    });
    expect(res.statusCode).toBe(201);
  }

  it('shows the recent branches newest first and judges willingness from the latest', async () => {
    const creditorId = (await t.factories.creditor('US')).id;
    const a = await t.factories.account({ creditorId, collectorId, profile: 'US', withPhone: true });
    const phone = a.debtor.contactPoints[0]!.id;
    await call(a.id, phone, '2026-11-02T15:00:00Z', 'unwilling');
    await call(a.id, phone, '2026-11-28T15:00:00Z', 'willing_unable');

    const res = await collector.inject({ method: 'GET', url: `/api/accounts/${a.id}/case-file` });
    expect(res.statusCode).toBe(200);
    const { summary } = res.json();
    expect(summary.recentBranches).toEqual([
      { date: '2026-11-28', branch: 'willing_unable' },
      { date: '2026-11-02', branch: 'unwilling' },
    ]);
    // No promises yet: what the customer said last is all we know.
    expect(summary.willingness).toBe('willing_unable');
    expect(summary.promisesKept + summary.promisesBroken + summary.promisesPending).toBe(0);
  });

  it('has no recent branches when calls recorded none', async () => {
    t.clock.set('2026-11-28T15:00:00Z');
    collector = await t.login('wb-c');
    const creditorId = (await t.factories.creditor('US')).id;
    const a = await t.factories.account({ creditorId, collectorId, profile: 'US', withPhone: true });
    await postOutcome(collector, a.id, { contactPointId: a.debtor.contactPoints[0]!.id, disposition: 'no_answer' });
    const res = await collector.inject({ method: 'GET', url: `/api/accounts/${a.id}/case-file` });
    expect(res.json().summary).toMatchObject({ recentBranches: [], willingness: 'no_history' });
  });
});
