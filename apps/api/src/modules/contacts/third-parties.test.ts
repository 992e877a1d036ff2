import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { postOutcome } from '../../../test/outcomes.js';

// 10:00 in New York.
const NOW = '2026-11-20T15:00:00Z';
// 10:00 in Shanghai, the same day.
const SHANGHAI_MORNING = '2026-11-20T02:00:00Z';

type Reason = { code: string };
const codes = (reasons: Reason[]) => reasons.map((r) => r.code);

/**
 * Third parties can be called and recorded, under compliance.md's rules (before: no third-party
 * id on an attempt, no do-not-contact, a call to a relative's number could not be recorded at all,
 * and nothing limited it). The case file's verdict and outcome recording agree.
 */
describe('third parties: who was reached, do-not-contact, US one location call, CN only when unreachable', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session;
  let collectorId: string;

  beforeAll(async () => {
    collectorId = (await t.factories.user('collector', { username: 'tp-c' })).id;
    collector = await t.login('tp-c');
  });

  async function customerWithRelative(profile: 'US' | 'CN') {
    const creditorId = (await t.factories.creditor(profile)).id;
    const a = await t.factories.account({
      creditorId,
      collectorId,
      profile,
      withPhone: true,
      timeZone: profile === 'CN' ? 'Asia/Shanghai' : 'America/New_York',
      fullName: 'Taylor Reed',
    });
    const tp = await t.db.thirdParty.create({
      data: {
        debtorId: a.debtorId,
        name: 'Sam Reed',
        relationship: 'spouse',
        phone: '+1 212-555-0301',
        source: 'application',
      },
    });
    return { accountId: a.id, debtorId: a.debtorId, phone: a.debtor.contactPoints[0]!.id, thirdPartyId: tp.id };
  }
  const caseFile = async (accountId: string) =>
    (await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/case-file` })).json();
  const callRelative = (accountId: string, body: Record<string, unknown>) =>
    postOutcome(collector, accountId, { partyReached: 'third_party', disposition: 'message_left', ...body });

  it('US: one location call per third party, then refused until they ask for more; the case file agrees', async () => {
    const c = await customerWithRelative('US');
    let file = await caseFile(c.accountId);
    expect(file.thirdParties).toEqual([
      expect.objectContaining({ id: c.thirdPartyId, name: 'Sam Reed', relationship: 'spouse', callsMade: 0 }),
    ]);
    expect(file.thirdParties[0].gate.allowed).toBe(true);
    // The script for a third party: right party first, never the debt.
    const script = file.thirdPartyScript.map((s: { text: string }) => s.text).join(' ');
    expect(script).toContain('May I speak with Taylor Reed');
    expect(script).not.toMatch(/\b(debts?|owed?|owes|overdue|payments?|balance|collection|collecting)\b/i);

    const first = await callRelative(c.accountId, { thirdPartyId: c.thirdPartyId });
    expect(first.statusCode).toBe(201);
    expect(await t.db.contactAttempt.findUniqueOrThrow({ where: { id: first.json().id } })).toMatchObject({
      thirdPartyId: c.thirdPartyId,
      contactPointId: null,
      partyReached: 'third_party',
    });

    file = await caseFile(c.accountId);
    expect(file.thirdParties[0].callsMade).toBe(1);
    expect(codes(file.thirdParties[0].gate.reasons)).toEqual(['third_party_call_limit']);
    const second = await callRelative(c.accountId, { thirdPartyId: c.thirdPartyId });
    expect(second.statusCode).toBe(409);
    expect(codes(second.json().error.reasons)).toEqual(['third_party_call_limit']);
    // Not overridable, whatever the reason given.
    const forced = await callRelative(c.accountId, {
      thirdPartyId: c.thirdPartyId,
      override: { reasonCode: 'customer_requested_contact', note: 'trying anyway' },
    });
    expect(forced.statusCode).toBe(409);

    const asked = await collector.inject({
      method: 'PUT',
      url: `/api/accounts/${c.accountId}/consent/third-parties/${c.thirdPartyId}`,
      payload: { doNotContact: false, moreContactRequested: true, note: 'Asked us to call back tomorrow' },
    });
    expect(asked.statusCode).toBe(200);
    expect((await caseFile(c.accountId)).thirdParties[0].gate.allowed).toBe(true);
    expect((await callRelative(c.accountId, { thirdPartyId: c.thirdPartyId })).statusCode).toBe(201);
    expect(await t.db.auditEvent.count({ where: { action: 'consent.third_party', entityId: c.thirdPartyId } })).toBe(1);
  });

  it('a third party who declines is marked do-not-contact, and is never called again', async () => {
    const c = await customerWithRelative('US');
    const declined = await callRelative(c.accountId, { thirdPartyId: c.thirdPartyId, disposition: 'refused' });
    expect(declined.statusCode).toBe(201);
    expect(await t.db.thirdParty.findUniqueOrThrow({ where: { id: c.thirdPartyId } })).toMatchObject({
      doNotContact: true,
    });
    const file = await caseFile(c.accountId);
    expect(file.thirdParties[0].doNotContact).toBe(true);
    expect(codes(file.thirdParties[0].gate.reasons)).toContain('third_party_do_not_contact');
    const again = await callRelative(c.accountId, { thirdPartyId: c.thirdPartyId, thirdPartyAsksMoreContact: true });
    expect(codes(again.json().error.reasons)).toContain('third_party_do_not_contact');
    expect(await t.db.auditEvent.count({ where: { action: 'third_party.recorded', entityId: c.accountId } })).toBe(1);
  });

  it('someone new is added with who they are; a third party of another customer is refused naming the field', async () => {
    const c = await customerWithRelative('US');
    const res = await callRelative(c.accountId, {
      thirdParty: { relationship: 'employer', name: 'Acme HR', phone: '+1 212-555-0399' },
    });
    expect(res.statusCode).toBe(201);
    const file = await caseFile(c.accountId);
    expect(file.thirdParties.map((p: { name: string; callsMade: number }) => [p.name, p.callsMade]).sort()).toEqual([
      ['Acme HR', 1],
      ['Sam Reed', 0],
    ]);
    const other = await customerWithRelative('US');
    const wrong = await callRelative(c.accountId, { thirdPartyId: other.thirdPartyId });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual([
      expect.objectContaining({ field: 'thirdPartyId', message: "is not one of this customer's third parties" }),
    ]);
    // Reached on the customer's own number: the customer's gate applies, and who answered is recorded.
    const onCustomersNumber = await callRelative(c.accountId, {
      contactPointId: c.phone,
      thirdPartyId: c.thirdPartyId,
    });
    expect(onCustomersNumber.statusCode).toBe(201);
  });

  it('CN: a third party only once the customer is unreachable (3 failed attempts, from the next day)', async () => {
    t.clock.set(SHANGHAI_MORNING);
    collector = await t.login('tp-c');
    try {
      const c = await customerWithRelative('CN');
      let file = await caseFile(c.accountId);
      expect(codes(file.thirdParties[0].gate.reasons)).toEqual(['customer_not_unreachable']);
      const early = await callRelative(c.accountId, { thirdPartyId: c.thirdPartyId });
      expect(early.statusCode).toBe(409);
      expect(codes(early.json().error.reasons)).toEqual(['customer_not_unreachable']);

      // Yesterday (Shanghai): three calls to the customer, none answered.
      for (const hour of [1, 2, 3])
        await t.db.contactAttempt.create({
          data: {
            accountId: c.accountId,
            debtorId: c.debtorId,
            channel: 'phone',
            contactPointId: c.phone,
            partyReached: 'nobody',
            disposition: 'no_answer',
            startedAt: new Date(Date.UTC(2026, 10, 19, hour)),
          },
        });
      file = await caseFile(c.accountId);
      expect(file.thirdParties[0].gate.allowed).toBe(true);
      expect((await callRelative(c.accountId, { thirdPartyId: c.thirdPartyId })).statusCode).toBe(201);
    } finally {
      t.clock.set(NOW);
      collector = await t.login('tp-c');
    }
  });
});
