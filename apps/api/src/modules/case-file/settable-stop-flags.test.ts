import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

/**
 * The case file says which stop flags the account's compliance profile accepts (issue 14, ADR 038):
 * the outcome form offers only those, so a US collector is not offered the UK's breathing space.
 */
describe('case file: the stop flags the profile accepts', () => {
  const t = useTestApp({ now: '2026-11-02T15:00:00Z' });
  let collector: Session;
  let collectorId: string;

  beforeAll(async () => {
    collectorId = (await t.factories.user('collector', { username: 'ssf-c' })).id;
    collector = await t.login('ssf-c');
  });

  async function settable(profile: 'US' | 'UK' | 'CN') {
    const creditorId = (await t.factories.creditor(profile)).id;
    const a = await t.factories.account({ creditorId, collectorId, profile, withPhone: true });
    const res = await collector.inject({ method: 'GET', url: `/api/accounts/${a.id}/case-file` });
    expect(res.statusCode).toBe(200);
    return res.json().settableStopFlags as string[];
  }

  it('offers a US account its own flags and do-not-contact, never breathing space', async () => {
    const flags = await settable('US');
    expect(flags).toEqual(expect.arrayContaining(['cease_request', 'attorney_represented', 'do_not_contact']));
    expect(flags).not.toContain('breathing_space');
  });

  it('offers a UK account breathing space, never the US attorney-represented flag', async () => {
    const flags = await settable('UK');
    expect(flags).toContain('breathing_space');
    expect(flags).toContain('do_not_contact');
    expect(flags).not.toContain('attorney_represented');
  });
});
