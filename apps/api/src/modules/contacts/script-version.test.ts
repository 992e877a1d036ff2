import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { postOutcome } from '../../../test/outcomes.js';

// 10:00 in New York.
const NOW = '2026-11-20T15:00:00Z';

/**
 * The script version shown on the call and the willingness branch the collector chose are stored
 * with the attempt (issue 14), so results by script version count real work. Before, the form never
 * sent the version, a version of any stage was accepted, and the branch was not recorded at all.
 */
describe('script version and branch on the attempt', () => {
  const t = useTestApp({ now: NOW });
  let collector: Session;
  let admin: Session;
  let collectorId: string;

  beforeAll(async () => {
    collectorId = (await t.factories.user('collector', { username: 'sv-c' })).id;
    await t.factories.user('admin', { username: 'sv-admin' });
    collector = await t.login('sv-c');
    admin = await t.login('sv-admin');
  });

  async function account() {
    const creditorId = (await t.factories.creditor('US')).id;
    const a = await t.factories.account({ creditorId, collectorId, profile: 'US', withPhone: true });
    const script = await collector.inject({ method: 'GET', url: `/api/accounts/${a.id}/suggested-script` });
    expect(script.statusCode).toBe(200);
    const s = script.json() as { scriptVersionId: string; stage: string };
    return { accountId: a.id, phone: a.debtor.contactPoints[0]!.id, versionId: s.scriptVersionId, stage: s.stage };
  }

  it('stores the version shown and the branch chosen; results by script version count the call', async () => {
    const a = await account();
    const kpis = async () => {
      const res = await admin.inject({
        method: 'GET',
        url: '/api/reports/kpis?from=2026-11-01&to=2026-11-30&groupBy=scriptVersion',
      });
      expect(res.statusCode).toBe(200);
      const group = res.json().groups.find((g: { key: string | null }) => g.key === a.versionId);
      return (group?.attempts as number | undefined) ?? 0;
    };
    const before = await kpis();
    const res = await postOutcome(collector, a.accountId, {
      contactPointId: a.phone,
      disposition: 'right_party_contact',
      scriptVersionId: a.versionId,
      scriptBranch: 'willing_unable',
    });
    expect(res.statusCode).toBe(201);
    const attempt = await t.db.contactAttempt.findUniqueOrThrow({ where: { id: res.json().id } });
    expect(attempt.scriptVersionId).toBe(a.versionId);
    expect(attempt.scriptBranch).toBe('willing_unable');
    expect(await kpis()).toBe(before + 1);
  });

  it("refuses a version of another stage's script, an unknown version, a branch without a version and an unknown branch, naming the field", async () => {
    const a = await account();
    const other = await t.db.scriptVersion.findFirstOrThrow({ where: { script: { stage: { not: a.stage } } } });
    const fieldsOf = async (body: Record<string, unknown>) => {
      const res = await postOutcome(collector, a.accountId, {
        contactPointId: a.phone,
        disposition: 'right_party_contact',
        ...body,
      });
      expect(res.statusCode).toBe(400);
      return res.json().error.fields.map((f: { field: string }) => f.field);
    };
    expect(await fieldsOf({ scriptVersionId: other.id })).toEqual(['scriptVersionId']);
    expect(await fieldsOf({ scriptVersionId: '00000000-0000-4000-8000-000000000000' })).toEqual(['scriptVersionId']);
    expect(await fieldsOf({ scriptBranch: 'unwilling' })).toEqual(['scriptBranch']);
    expect(await fieldsOf({ scriptVersionId: a.versionId, scriptBranch: 'maybe' })).toEqual(['scriptBranch']);
    expect(await t.db.contactAttempt.count({ where: { accountId: a.accountId } })).toBe(0);
  });
});
