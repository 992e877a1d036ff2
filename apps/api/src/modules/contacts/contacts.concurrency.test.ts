import { errorResponseSchema } from '@crm/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { untilSomeoneWaitsForALock } from '../../../test/lock-waits.js';

// 10:00 in New York: inside the US calling window.
const NOW = '2026-11-20T15:00:00Z';

/** Every refused request is a 409 in the one error shape. */
function expectRefused(responses: LightMyRequestResponse[], code: string) {
  for (const res of responses) {
    expect(res.statusCode, res.body).toBe(409);
    const body = errorResponseSchema.parse(res.json());
    expect(body.error.code).toBe(code);
  }
}

describe('the contact gate under concurrent recording', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session;
  let collectorId = '';
  let creditorId = '';

  beforeAll(async () => {
    const c = await t.factories.user('collector', { username: 'cc-c1' });
    collectorId = c.id;
    creditorId = (await t.factories.creditor('US')).id;
    collector = await t.login('cc-c1');
  });

  async function usAccount() {
    const account = await t.factories.account({ creditorId, collectorId, profile: 'US' });
    const phone = await t.factories.contactPoint(account.debtorId, { value: '+1 212-555-0177' });
    return { accountId: account.id, phoneId: phone.id };
  }

  const post = (s: Session, accountId: string, payload: object) =>
    s.inject({ method: 'POST', url: `/api/accounts/${accountId}/contacts`, payload });

  it('records exactly 7 of 15 simultaneous unanswered calls on a US account (7 calls in 7 days)', async () => {
    const { accountId, phoneId } = await usAccount();
    const body = { channel: 'phone', contactPointId: phoneId, partyReached: 'nobody', disposition: 'no_answer' };
    const responses = await Promise.all(Array.from({ length: 15 }, () => post(collector, accountId, body)));

    const created = responses.filter((r) => r.statusCode === 201);
    expect(created).toHaveLength(7);
    expectRefused(
      responses.filter((r) => r.statusCode !== 201),
      'contact_not_allowed',
    );
    for (const res of responses.filter((r) => r.statusCode !== 201))
      expect(res.json().error.reasons.map((r: { code: string }) => r.code)).toContain('call_cap_reached');
    expect(await t.db.contactAttempt.count({ where: { accountId } })).toBe(7);
  });

  it('records exactly one of 6 simultaneous conversations (the quiet period allows one)', async () => {
    const { accountId, phoneId } = await usAccount();
    const body = {
      channel: 'phone',
      contactPointId: phoneId,
      partyReached: 'debtor',
      disposition: 'right_party_contact',
      notes: 'Spoke about the arrears',
    };
    const responses = await Promise.all(Array.from({ length: 6 }, () => post(collector, accountId, body)));

    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expectRefused(
      responses.filter((r) => r.statusCode !== 201),
      'contact_not_allowed',
    );
    for (const res of responses.filter((r) => r.statusCode !== 201))
      expect(res.json().error.reasons.map((r: { code: string }) => r.code)).toContain(
        'quiet_period_after_conversation',
      );
    expect(await t.db.contactAttempt.count({ where: { accountId } })).toBe(1);
  });

  describe('when requests read the clock in one order and get the account lock in another', () => {
    // A real clock moves: a request can read an instant, then wait for the lock while another that
    // read a later instant records first. Each reading here is a millisecond EARLIER than the one
    // before, so the requests that lock later always hold the earlier instants.
    let restore: () => void = () => {};
    beforeEach(() => {
      const original = t.clock.now;
      let tick = 0;
      t.clock.now = () => new Date(Date.parse(NOW) + 60_000 - tick++);
      restore = () => (t.clock.now = original);
    });
    afterEach(() => restore());

    it('still records only 7 of 15 unanswered calls', async () => {
      const { accountId, phoneId } = await usAccount();
      const body = { channel: 'phone', contactPointId: phoneId, partyReached: 'nobody', disposition: 'no_answer' };
      const responses = await Promise.all(Array.from({ length: 15 }, () => post(collector, accountId, body)));
      expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(7);
      expect(await t.db.contactAttempt.count({ where: { accountId } })).toBe(7);
    });

    it('still records only one of 6 conversations', async () => {
      const { accountId, phoneId } = await usAccount();
      const body = {
        channel: 'phone',
        contactPointId: phoneId,
        partyReached: 'debtor',
        disposition: 'right_party_contact',
      };
      const responses = await Promise.all(Array.from({ length: 6 }, () => post(collector, accountId, body)));
      expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
      expect(await t.db.contactAttempt.count({ where: { accountId } })).toBe(1);
    });
  });

  it('decides access under the account lock: a reassignment committed while the recording waited wins', async () => {
    const { accountId, phoneId } = await usAccount();
    const other = await t.factories.user('collector', { username: `cc-other-${Date.now()}` });
    let resolved = false;
    // Hold the account's lock, as a bulk reassignment does while it moves accounts.
    const reassigned = t.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM accounts WHERE id = ${accountId}::uuid FOR NO KEY UPDATE`;
      const recording = post(collector, accountId, {
        channel: 'phone',
        contactPointId: phoneId,
        partyReached: 'nobody',
        disposition: 'no_answer',
      }).then((r) => {
        resolved = true;
        return r;
      });
      await untilSomeoneWaitsForALock(t.db, () => resolved);
      await tx.account.update({ where: { id: accountId }, data: { assignedCollectorId: other.id } });
      return { recording }; // not awaited here: the recording waits for this transaction to commit
    });
    const res = await (await reassigned).recording;
    expect(res.statusCode).toBe(403);
    expect(await t.db.contactAttempt.count({ where: { accountId } })).toBe(0);
  });

  it('counts calls recorded at once by two people on the same account against one cap', async () => {
    const { accountId, phoneId } = await usAccount();
    await t.factories.user('admin', { username: 'cc-admin' });
    const second = await t.login('cc-admin');
    const body = { channel: 'phone', contactPointId: phoneId, partyReached: 'nobody', disposition: 'busy' };
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(i % 2 ? second : collector, accountId, body)),
    );

    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(7);
    expectRefused(
      responses.filter((r) => r.statusCode !== 201),
      'contact_not_allowed',
    );
    expect(await t.db.contactAttempt.count({ where: { accountId } })).toBe(7);
  });

  describe('Idempotency-Key', () => {
    const withKey = (s: Session, accountId: string, key: string, payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/accounts/${accountId}/contacts`,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': key },
        payload,
      });

    it('records once when the same request is sent 4 times at once with one key; the others replay it', async () => {
      const { accountId, phoneId } = await usAccount();
      const body = {
        channel: 'phone',
        contactPointId: phoneId,
        partyReached: 'nobody',
        disposition: 'voicemail',
        notes: 'Left a message',
      };
      const responses = await Promise.all([1, 2, 3, 4].map(() => withKey(collector, accountId, 'same-key-0001', body)));
      expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
      expect(await t.db.contactAttempt.count({ where: { accountId } })).toBe(1);
    });

    it('refuses a key reused for another account or another outcome (422, naming the header), and writes nothing', async () => {
      const first = await usAccount();
      const second = await usAccount();
      const body = {
        channel: 'phone',
        contactPointId: first.phoneId,
        partyReached: 'nobody',
        disposition: 'no_answer',
      };
      expect((await withKey(collector, first.accountId, 'reused-key-0001', body)).statusCode).toBe(201);

      const otherAccount = await withKey(collector, second.accountId, 'reused-key-0001', {
        ...body,
        contactPointId: second.phoneId,
      });
      const otherOutcome = await withKey(collector, first.accountId, 'reused-key-0001', {
        ...body,
        disposition: 'busy',
      });
      for (const res of [otherAccount, otherOutcome]) {
        expect(res.statusCode, res.body).toBe(422);
        const { error } = errorResponseSchema.parse(res.json());
        expect(error.code).toBe('idempotency_conflict');
        expect(error.message).toContain('Idempotency-Key was already used for a different request');
        expect(error.fields).toEqual([
          expect.objectContaining({ field: 'idempotency-key', message: 'was already used for a different request' }),
        ]);
      }
      expect(
        await t.db.contactAttempt.count({ where: { accountId: { in: [first.accountId, second.accountId] } } }),
      ).toBe(1);
      // The same request again is still a replay.
      expect((await withKey(collector, first.accountId, 'reused-key-0001', body)).statusCode).toBe(200);
    });

    it('refuses the key for the requests that differ when they race the first one', async () => {
      const first = await usAccount();
      const second = await usAccount();
      const body = { channel: 'phone', partyReached: 'nobody', disposition: 'no_answer' };
      const responses = await Promise.all([
        withKey(collector, first.accountId, 'race-key-0001', { ...body, contactPointId: first.phoneId }),
        withKey(collector, second.accountId, 'race-key-0001', { ...body, contactPointId: second.phoneId }),
      ]);
      expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 422]);
      expect(await t.db.contactAttempt.count({ where: { idempotencyKey: 'race-key-0001' } })).toBe(1);
    });
  });
});
