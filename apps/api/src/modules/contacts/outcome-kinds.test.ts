import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { postOutcome } from '../../../test/outcomes.js';

// 02:00 in London: outside every profile's call window.
const LONDON_NIGHT = '2026-11-20T02:00:00Z';
const LONDON_MORNING = '2026-11-20T10:00:00Z';

type Problem = { field: string; message: string };
const fieldsOf = (body: string) => (JSON.parse(body).error.fields as Problem[]).map((f) => f.field);

/**
 * What really happened, recorded (ADR 036): third-party outcomes, inbound calls, texts, e-mails,
 * letters and visits, each checked by the one outcome rule (packages/domain outcome-rules.ts) and,
 * when outbound, by the contact gate for its channel.
 */
describe('outcomes by channel and direction', () => {
  const t = useTestApp({ now: LONDON_NIGHT });
  let collector: Session;
  let collectorId: string;

  beforeAll(async () => {
    collectorId = (await t.factories.user('collector', { username: 'ok-c' })).id;
  });
  /** Moves the clock and signs in again (a session idle for hours has ended). */
  async function at(iso: string) {
    t.clock.set(iso);
    collector = await t.login('ok-c');
  }

  async function ukCustomer() {
    const creditorId = (await t.factories.creditor('UK')).id;
    const a = await t.factories.account({ creditorId, collectorId, profile: 'UK', timeZone: 'Europe/London' });
    const phone = await t.factories.contactPoint(a.debtorId, { value: '+44 7700 900123' });
    return { accountId: a.id, debtorId: a.debtorId, phone: phone.id };
  }

  it('an inbound call at night is recorded without the gate and does not count toward the call cap', async () => {
    await at(LONDON_NIGHT);
    const c = await ukCustomer();
    // Six calls placed this week: one more is allowed under the UK cap (7 in 7 days).
    for (let d = 0; d < 6; d++)
      await t.db.contactAttempt.create({
        data: {
          accountId: c.accountId,
          debtorId: c.debtorId,
          channel: 'phone',
          contactPointId: c.phone,
          partyReached: 'nobody',
          disposition: 'no_answer',
          startedAt: new Date(Date.UTC(2026, 10, 14 + d, 10)),
        },
      });
    const outbound = await postOutcome(collector, c.accountId, {
      contactPointId: c.phone,
      partyReached: 'nobody',
      disposition: 'no_answer',
    });
    expect(outbound.statusCode).toBe(409);
    // The customer calls us at 02:00 from a withheld number: recorded, no gate, no contact point needed.
    const inbound = await postOutcome(collector, c.accountId, {
      direction: 'inbound',
      disposition: 'right_party_contact',
      rightPartyVerification: { method: 'name_and_postcode', verifiedAt: LONDON_NIGHT },
      notes: 'Customer called to ask for the balance',
    });
    expect(inbound.statusCode, inbound.body).toBe(201);
    expect(await t.db.contactAttempt.findUniqueOrThrow({ where: { id: inbound.json().id } })).toMatchObject({
      direction: 'inbound',
      contactPointId: null,
      partyReached: 'debtor',
    });
    // In the morning: the inbound call was not a placed call, so the seventh call is still allowed...
    await at(LONDON_MORNING);
    const seventh = await postOutcome(collector, c.accountId, {
      contactPointId: c.phone,
      partyReached: 'nobody',
      disposition: 'no_answer',
    });
    expect(seventh.statusCode, seventh.body).toBe(201);
    // ...and the eighth is the one the cap stops.
    const eighth = await postOutcome(collector, c.accountId, {
      contactPointId: c.phone,
      partyReached: 'nobody',
      disposition: 'no_answer',
    });
    expect(eighth.statusCode).toBe(409);
    expect(eighth.json().error.reasons.map((r: { code: string }) => r.code)).toContain('call_cap_reached');
  });

  it('an inbound call offers only what a caller can do: no "no answer"', async () => {
    await at(LONDON_MORNING);
    const c = await ukCustomer();
    const res = await postOutcome(collector, c.accountId, {
      direction: 'inbound',
      partyReached: 'nobody',
      disposition: 'no_answer',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['disposition']);
  });

  it('a third party: message left, not available, declined to pass a message; never a promise', async () => {
    await at(LONDON_MORNING);
    const c = await ukCustomer();
    for (const disposition of ['message_left', 'not_available', 'message_refused']) {
      const res = await postOutcome(collector, c.accountId, {
        contactPointId: c.phone,
        partyReached: 'third_party',
        disposition,
        thirdParty: { name: 'Sam Reed', relationship: 'spouse' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    // Declining to pass a message is not asking not to be called: nobody is marked do-not-contact.
    expect(await t.db.thirdParty.count({ where: { debtorId: c.debtorId, doNotContact: true } })).toBe(0);

    const promise = await postOutcome(collector, c.accountId, {
      contactPointId: c.phone,
      partyReached: 'third_party',
      disposition: 'message_left',
      promise: { amountMinor: 5_000, dueDate: '2026-11-27', channel: 'card' },
    });
    expect(promise.statusCode).toBe(400);
    expect(fieldsOf(promise.body)).toEqual(['promise']);
    expect(promise.json().error.fields[0].message).toMatch(/only a promise to pay records one/);
    // "Took a message" is message_left now; voicemail is what a machine took.
    const old = await postOutcome(collector, c.accountId, {
      contactPointId: c.phone,
      partyReached: 'third_party',
      disposition: 'voicemail',
    });
    expect(old.statusCode).toBe(400);
    expect(fieldsOf(old.body)).toEqual(['partyReached']);
  });

  it('an SMS recorded by hand goes through the gate for SMS: refused to an opted-out number', async () => {
    await at(LONDON_MORNING);
    const c = await ukCustomer();
    const optOut = await collector.inject({
      method: 'PUT',
      url: `/api/accounts/${c.accountId}/consent/contact-points/${c.phone}`,
      payload: { optedOut: false, optedOutChannels: ['sms'], workInconvenient: false, note: 'Texted STOP' },
    });
    expect(optOut.statusCode, optOut.body).toBe(200);
    const sms = { channel: 'sms', contactPointId: c.phone, partyReached: 'nobody', disposition: 'message_sent' };
    const refused = await postOutcome(collector, c.accountId, sms);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.reasons.map((r: { code: string }) => r.code)).toEqual([
      'contact_point_channel_opted_out',
    ]);
    // A call to the same number is still allowed; the customer's own text reply is recorded.
    expect(
      (
        await postOutcome(collector, c.accountId, {
          contactPointId: c.phone,
          partyReached: 'nobody',
          disposition: 'no_answer',
        })
      ).statusCode,
    ).toBe(201);
    const reply = await postOutcome(collector, c.accountId, {
      channel: 'sms',
      direction: 'inbound',
      contactPointId: c.phone,
      disposition: 'claims_paid',
      claimedPayment: { paidAt: '2026-11-19', amountMinor: 5_000, channel: 'bank_transfer' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(await t.db.contactAttempt.count({ where: { accountId: c.accountId, channel: 'sms' } })).toBe(1);
  });

  it('each channel offers its own outcomes: a text is sent, a visit finds no one home, never a promise by letter', async () => {
    await at(LONDON_MORNING);
    const c = await ukCustomer();
    const email = await t.factories.contactPoint(c.debtorId, { kind: 'email', value: 'jane@example.co.uk' });
    const ok = [
      { channel: 'sms', contactPointId: c.phone, partyReached: 'nobody', disposition: 'message_sent' },
      { channel: 'email', contactPointId: email.id, partyReached: 'nobody', disposition: 'message_sent' },
      { channel: 'letter', partyReached: 'nobody', disposition: 'message_sent' },
      { channel: 'visit', partyReached: 'nobody', disposition: 'no_answer' },
    ];
    for (const body of ok) {
      const res = await postOutcome(collector, c.accountId, body);
      expect(res.statusCode, `${body.channel}: ${res.body}`).toBe(201);
    }
    const bad: [Record<string, unknown>, string[]][] = [
      [{ channel: 'sms', contactPointId: c.phone, partyReached: 'nobody', disposition: 'no_answer' }, ['disposition']],
      [
        { channel: 'phone', contactPointId: c.phone, partyReached: 'nobody', disposition: 'message_sent' },
        ['disposition'],
      ],
      [
        {
          channel: 'letter',
          partyReached: 'debtor',
          disposition: 'promise_to_pay',
          promise: { amountMinor: 5_000, dueDate: '2026-11-27', channel: 'card' },
        },
        ['disposition'],
      ],
      [{ channel: 'visit', partyReached: 'nobody', disposition: 'right_party_contact' }, ['partyReached']],
    ];
    for (const [body, fields] of bad) {
      const res = await postOutcome(collector, c.accountId, body);
      expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(400);
      expect(fieldsOf(res.body)).toEqual(fields);
    }
  });
});
