import { errorResponseSchema } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { postOutcome } from '../../../test/outcomes.js';

// Every field problem comes back with a code and params the web translates (ADR 033), beside the
// English message kept for API clients and logs.
const NOW = '2026-11-20T15:00:00Z';

describe('field problems carry a code and params', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session;
  let accountId = '',
    phoneId = '';

  beforeAll(async () => {
    const team = await t.factories.team('PC');
    const c = await t.factories.user('collector', { username: 'pc-c1', teamId: team.id });
    const creditor = await t.factories.creditor();
    const account = await t.factories.account({
      creditorId: creditor.id,
      collectorId: c.id,
      balanceMinor: 300_000,
      overdueMinor: 60_000,
    });
    accountId = account.id;
    phoneId = (await t.factories.contactPoint(account.debtorId, { value: '+1 212-555-0143' })).id;
    collector = await t.login('pc-c1');
  });

  it('a note of 5,000 characters is too_long with its max', async () => {
    const res = await postOutcome(collector, accountId, {
      contactPointId: phoneId,
      partyReached: 'nobody',
      disposition: 'no_answer',
      notes: 'x'.repeat(5000),
    });
    expect(res.statusCode).toBe(400);
    const body = errorResponseSchema.parse(res.json());
    expect(body.error.fields).toEqual([
      { field: 'notes', code: 'too_long', params: { max: 4000 }, message: 'must be at most 4000 characters' },
    ]);
  });

  it('a promise dated in the past is in_the_past with the customer’s today', async () => {
    const res = await postOutcome(collector, accountId, {
      contactPointId: phoneId,
      disposition: 'promise_to_pay',
      promise: { amountMinor: 10_000, dueDate: '2026-11-01', channel: 'bank_transfer' },
    });
    expect(res.statusCode).toBe(400);
    const body = errorResponseSchema.parse(res.json());
    expect(body.error.fields).toEqual([
      expect.objectContaining({ field: 'promise.dueDate', code: 'in_the_past', params: { today: '2026-11-20' } }),
    ]);
  });

  it('a missing field is required, a value outside a code list names the options', async () => {
    const res = await postOutcome(collector, accountId, { contactPointId: phoneId, disposition: 'no_such_thing' });
    expect(res.statusCode).toBe(400);
    const fields = errorResponseSchema.parse(res.json()).error.fields!;
    expect(fields).toEqual([
      expect.objectContaining({
        field: 'disposition',
        code: 'not_one_of',
        params: { options: expect.stringContaining('promise_to_pay') },
      }),
    ]);
    const missing = await postOutcome(collector, accountId, { contactPointId: phoneId });
    expect(errorResponseSchema.parse(missing.json()).error.fields).toEqual([
      expect.objectContaining({ field: 'disposition', code: 'required' }),
    ]);
  });

  it('text no field can store is unstorable_text; a thrower that names no code gives invalid', async () => {
    const res = await postOutcome(collector, accountId, {
      contactPointId: phoneId,
      partyReached: 'nobody',
      disposition: 'no_answer',
      notes: 'a\u0000b',
    });
    expect(errorResponseSchema.parse(res.json()).error.fields).toEqual([
      expect.objectContaining({ field: 'notes', code: 'unstorable_text' }),
    ]);
  });
});
