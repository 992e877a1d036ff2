import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { postOutcome } from '../../../test/outcomes.js';

// 13:30 in New York, 08:30 in Honolulu: a call is allowed in both.
const NOW = '2026-11-20T18:30:00Z';

/**
 * Reg F 1006.6(b)(1)(i), issue 13: a callback agreed during a call must be at a time convenient
 * at every place the customer is known to be, not only at home and at the number called. The
 * check takes the zones the gate takes (compliance/gate-input.ts `gateInputOf`). Before, it took
 * the home zone and the called number's zones, so a callback at 08:30 New York was accepted for
 * a customer who also has a Honolulu number (03:30 there).
 */
describe('a callback time is checked in every known zone of the customer', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session;
  let collectorId = '';
  let creditorId = '';

  beforeAll(async () => {
    collectorId = (await t.factories.user('collector', { username: 'cbz-c' })).id;
    creditorId = (await t.factories.creditor('US')).id;
    collector = await t.login('cbz-c');
  });

  /** A customer homed in New York, called on their New York number, who also has a Honolulu work number. */
  async function newYorker() {
    const account = await t.factories.account({
      creditorId,
      collectorId,
      timeZone: 'America/New_York',
      oldestUnpaidDueDate: '2026-11-01',
    });
    const home = (await t.factories.contactPoint(account.debtorId, { type: 'home', value: '+1 212-555-0190' })).id;
    await t.factories.contactPoint(account.debtorId, { type: 'work', value: '+1 808-555-0117' });
    return { accountId: account.id, home };
  }

  it('refuses 08:30 New York (03:30 Honolulu) on the New York number, naming callbackAt and the zone', async () => {
    const { accountId, home } = await newYorker();
    const res = await postOutcome(collector, accountId, {
      contactPointId: home,
      disposition: 'right_party_contact',
      callbackAt: '2026-11-21T13:30:00Z',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields as { field: string; message: string }[];
    expect(fields.map((f) => f.field)).toEqual(['callbackAt']);
    expect(fields[0]!.message).toContain('03:30 Pacific/Honolulu');
    expect(fields[0]!.message).not.toContain('America/New_York');
    expect(await t.db.contactAttempt.count({ where: { accountId } })).toBe(0);
  });

  it('lists the callback problem with the other problems of the same body', async () => {
    const { accountId, home } = await newYorker();
    const res = await postOutcome(collector, accountId, {
      contactPointId: home,
      disposition: 'right_party_contact',
      callbackAt: '2026-11-21T13:30:00Z',
      promise: { amountMinor: 1000, dueDate: '2026-11-01', channel: 'card' },
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().error.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toContain('callbackAt');
    expect(fields.some((f) => f.startsWith('promise'))).toBe(true);
  });

  it('accepts 14:00 New York (09:00 Honolulu)', async () => {
    const { accountId, home } = await newYorker();
    const res = await postOutcome(collector, accountId, {
      contactPointId: home,
      disposition: 'right_party_contact',
      callbackAt: '2026-11-21T19:00:00Z',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().callbackId).toBeTruthy();
  });
});
