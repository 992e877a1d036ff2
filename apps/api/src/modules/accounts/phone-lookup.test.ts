import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

// Inbound lookup: GET /api/accounts?q=<a phone number however written> finds the caller's accounts.
describe('account search by phone number', () => {
  const t = useTestApp();
  let collector: Session, otherCollector: Session, supervisor: Session, outsider: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const sup = await t.factories.user('supervisor', { username: 'ph-sup' });
    await t.factories.user('supervisor', { username: 'ph-sup2' });
    const team = await t.factories.team('PH', sup.id);
    const c = await t.factories.user('collector', { username: 'ph-c1', teamId: team.id });
    const c2 = await t.factories.user('collector', { username: 'ph-c2', teamId: team.id });
    const creditor = await t.factories.creditor('UK');
    const london = await t.factories.account({
      creditorId: creditor.id,
      collectorId: c.id,
      fullName: 'Stored In E164',
      timeZone: 'Europe/London',
    });
    await t.factories.contactPoint(london.debtorId, { value: '+44 20 7946 0958' });
    const national = await t.factories.account({
      creditorId: creditor.id,
      collectorId: c2.id,
      fullName: 'Stored National',
    });
    await t.factories.contactPoint(national.debtorId, { value: '(212) 555-0377' });
    ids.london = london.id;
    ids.national = national.id;
    collector = await t.login('ph-c1');
    otherCollector = await t.login('ph-c2');
    supervisor = await t.login('ph-sup');
    outsider = await t.login('ph-sup2');
  });

  const search = (s: Session, q: string) =>
    s.inject({ method: 'GET', url: `/api/accounts?q=${encodeURIComponent(q)}` }).then((res) => {
      expect(res.statusCode).toBe(200);
      return (res.json().items as { id: string }[]).map((i) => i.id);
    });

  it('finds an account by its number written nationally, internationally or with any punctuation', async () => {
    for (const q of ['020 7946 0958', '+44 20 7946 0958', '0044 (0)20-7946-0958', '442079460958', '2079460958'])
      expect(await search(collector, q), q).toEqual([ids.london]);
    for (const q of ['+1 212 555 0377', '212.555.0377', '0012125550377'])
      expect(await search(otherCollector, q), q).toEqual([ids.national]);
  });

  it("keeps to the caller's scope: collectors their accounts, supervisors their team", async () => {
    expect(await search(otherCollector, '020 7946 0958')).toEqual([]);
    expect(await search(supervisor, '020 7946 0958')).toEqual([ids.london]);
    expect(await search(supervisor, '+1 (212) 555-0377')).toEqual([ids.national]);
    expect(await search(outsider, '020 7946 0958')).toEqual([]);
  });

  it('does not match a different number or a fragment too short to be one', async () => {
    expect(await search(collector, '020 7946 0959')).toEqual([]);
    expect(await search(collector, '0958')).toEqual([]);
    expect(await search(collector, '7946 0958')).toEqual([ids.london]); // 8 digits: the local number
  });

  it('is audited with the searched number and the accounts found', async () => {
    const res = await supervisor.inject({
      method: 'GET',
      url: `/api/accounts?q=${encodeURIComponent('020 7946 0958')}`,
    });
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'accounts.list', requestId: res.headers['x-request-id'] as string },
    });
    expect(event.accountIds).toEqual([ids.london]);
    expect(event.data).toMatchObject({ query: { q: '020 7946 0958' } });
  });
});
