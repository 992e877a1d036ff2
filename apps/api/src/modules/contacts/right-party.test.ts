import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { postOutcome } from '../../../test/outcomes.js';

// 10:00 in New York.
const NOW = '2026-11-20T15:00:00Z';

/**
 * Right-party verification before any debt detail (compliance.md "Third parties"): the desk asks
 * "who answered?" and confirms the customer's name and one more fact on file; the attempt records
 * how and when (before: nothing recorded it, and the case file gave nothing to confirm with).
 */
describe('right-party verification on the attempt', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session;
  let collectorId: string;

  beforeAll(async () => {
    collectorId = (await t.factories.user('collector', { username: 'rp-c' })).id;
    collector = await t.login('rp-c');
  });

  async function customer() {
    const creditorId = (await t.factories.creditor('US')).id;
    const a = await t.factories.account({ creditorId, collectorId, profile: 'US', withPhone: true });
    await t.db.debtor.update({ where: { id: a.debtorId }, data: { dateOfBirth: new Date('1984-03-09') } });
    return { accountId: a.id, phone: a.debtor.contactPoints[0]!.id };
  }

  it('the case file gives the date of birth to confirm with; the attempt records how and when', async () => {
    const c = await customer();
    const file = (await collector.inject({ method: 'GET', url: `/api/accounts/${c.accountId}/case-file` })).json();
    expect(file.customer.dateOfBirth).toBe('1984-03-09');

    // Nobody answered first: nothing recorded (after a conversation the 7-day quiet period would refuse the call).
    const plain = await postOutcome(collector, c.accountId, {
      contactPointId: c.phone,
      partyReached: 'nobody',
      disposition: 'no_answer',
    });
    expect(plain.statusCode).toBe(201);
    const none = await t.db.contactAttempt.findUniqueOrThrow({ where: { id: plain.json().id } });
    expect(none.rightPartyMethod).toBeNull();
    expect(none.rightPartyVerifiedAt).toBeNull();
    const res = await postOutcome(collector, c.accountId, {
      contactPointId: c.phone,
      disposition: 'right_party_contact',
      rightPartyVerification: { method: 'name_and_date_of_birth', verifiedAt: '2026-11-20T14:59:30Z' },
    });
    expect(res.statusCode).toBe(201);
    const attempt = await t.db.contactAttempt.findUniqueOrThrow({ where: { id: res.json().id } });
    expect(attempt.rightPartyMethod).toBe('name_and_date_of_birth');
    expect(attempt.rightPartyVerifiedAt?.toISOString()).toBe('2026-11-20T14:59:30.000Z');
  });

  it('refuses it for a third party or nobody, an unknown method and a time in the future, naming the field', async () => {
    const c = await customer();
    const verification = { method: 'name_and_postcode', verifiedAt: '2026-11-20T14:59:00Z' };
    const fieldsOf = async (body: Record<string, unknown>) => {
      const res = await postOutcome(collector, c.accountId, { contactPointId: c.phone, ...body });
      expect(res.statusCode).toBe(400);
      return res.json().error.fields.map((f: { field: string }) => f.field);
    };
    expect(
      await fieldsOf({
        partyReached: 'third_party',
        disposition: 'wrong_number',
        rightPartyVerification: verification,
      }),
    ).toEqual(['rightPartyVerification']);
    expect(
      await fieldsOf({ partyReached: 'nobody', disposition: 'no_answer', rightPartyVerification: verification }),
    ).toEqual(['rightPartyVerification']);
    expect(
      await fieldsOf({
        disposition: 'right_party_contact',
        rightPartyVerification: { ...verification, method: 'looks_like_them' },
      }),
    ).toEqual(['rightPartyVerification.method']);
    expect(
      await fieldsOf({
        disposition: 'right_party_contact',
        rightPartyVerification: { ...verification, verifiedAt: '2026-11-20T16:00:00Z' },
      }),
    ).toEqual(['rightPartyVerification.verifiedAt']);
    expect(await t.db.contactAttempt.count({ where: { accountId: c.accountId } })).toBe(0);
  });
});
