import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';
import { untilSomeoneWaitsForALock } from '../../../test/lock-waits.js';

describe('script library versions', () => {
  const t = useTestApp({ now: '2026-11-20T15:00:00Z' });
  let admin: Session, admin2: Session, admin3: Session, supervisor: Session, collector: Session;
  let scriptId = '',
    v1 = '',
    accountId = '';

  beforeAll(async () => {
    await t.factories.user('admin', { username: 's-admin', displayName: 'Ann Author' });
    await t.factories.user('admin', { username: 's-admin2', displayName: 'Carl Checker' });
    await t.factories.user('admin', { username: 's-admin3', displayName: 'Dora Double' });
    await t.factories.user('supervisor', { username: 's-sup' });
    const c = await t.factories.user('collector', { username: 's-col' });
    const creditor = await t.factories.creditor();
    accountId = (
      await t.factories.account({ creditorId: creditor.id, collectorId: c.id, oldestUnpaidDueDate: '2026-11-05' })
    ).id; // 15 days late: M1
    admin = await t.login('s-admin');
    admin2 = await t.login('s-admin2');
    admin3 = await t.login('s-admin3');
    supervisor = await t.login('s-sup');
    collector = await t.login('s-col');
    const list = (await admin.inject({ method: 'GET', url: '/api/scripts' })).json();
    const m1 = list.items.find((s: { stage: string; locale: string }) => s.stage === 'm1' && s.locale === 'en');
    scriptId = m1.id;
    v1 = m1.versions[0].id;
    expect(m1.versions[0]).toMatchObject({ version: 1, status: 'published' });
  });

  const draft = async (fromVersionId?: string) => {
    const res = await admin.inject({
      method: 'POST',
      url: `/api/scripts/${scriptId}/drafts`,
      payload: fromVersionId ? { fromVersionId } : {},
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const publish = (id: string, justification?: string) =>
    admin.inject({
      method: 'POST',
      url: `/api/scripts/versions/${id}/publish`,
      payload: justification ? { justification } : {},
    });

  it('edits a draft, refuses unknown variables, asks for a justification when the linter finds something, and publishes atomically', async () => {
    const d = await draft();
    expect(d).toMatchObject({ version: 2, status: 'draft' });
    const steps = d.steps.map((s: { key: string; text: string }) =>
      s.key === 'reason'
        ? {
            ...s,
            text: 'The payment of {{overdueAmount}} was due on {{dueDate}}. {{nickname}}, this is your last chance.',
          }
        : s,
    );
    const bad = await admin.inject({ method: 'PUT', url: `/api/scripts/versions/${d.id}`, payload: { steps } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({
      field: 'steps.2.text',
      message: expect.stringContaining('{{nickname}}'),
    });

    const abusive = steps.map((s: { key: string; text: string }) =>
      s.key === 'reason'
        ? { ...s, text: 'The payment of {{overdueAmount}} was due on {{dueDate}}. This is your last chance.' }
        : s,
    );
    expect(
      (await admin.inject({ method: 'PUT', url: `/api/scripts/versions/${d.id}`, payload: { steps: abusive } }))
        .statusCode,
    ).toBe(200);
    const refused = await publish(d.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.reasons[0]).toMatchObject({
      code: 'false_urgency',
      params: { excerpt: 'last chance', step: 'reason' },
    });
    expect(
      (await admin.inject({ method: 'GET', url: `/api/scripts/versions/${d.id}/lint` })).json().findings,
    ).toHaveLength(1);

    const fixed = steps.map((s: { key: string; text: string }) =>
      s.key === 'reason'
        ? {
            ...s,
            text: 'The payment of {{overdueAmount}} was due on {{dueDate}}. Could we agree on a date that works for you?',
          }
        : s,
    );
    await admin.inject({ method: 'PUT', url: `/api/scripts/versions/${d.id}`, payload: { steps: fixed } });
    const ok = await publish(d.id);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'published', justification: null });
    const versions = (await admin.inject({ method: 'GET', url: '/api/scripts' }))
      .json()
      .items.find((s: { id: string }) => s.id === scriptId).versions;
    expect(versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'archived'],
    ]);

    // The collector's suggested script is the new text at once.
    const suggested = (
      await collector.inject({ method: 'GET', url: `/api/accounts/${accountId}/suggested-script` })
    ).json();
    expect(suggested.steps.find((s: { key: string }) => s.key === 'reason').text).toContain(
      'Could we agree on a date that works for you?',
    );
    expect(
      await t.db.auditEvent.count({ where: { action: { in: ['script.draft', 'script.edit', 'script.publish'] } } }),
    ).toBe(4);
  });

  // Before ADR 021 a justified version was published at once by its author; now it waits for a second admin.
  it('publishes with findings only with a justification and a second admin, and keeps it for reviewers; published versions cannot be edited', async () => {
    const d = await draft();
    const steps = d.steps.map((s: { key: string; text: string }) =>
      s.key === 'close' ? { ...s, text: `${s.text} We will sue you if you do not pay.` } : s,
    );
    await admin.inject({ method: 'PUT', url: `/api/scripts/versions/${d.id}`, payload: { steps } });
    const res = await publish(
      d.id,
      'Legal confirmed: proceedings are intended for this portfolio after the notice period.',
    );
    expect(res.json()).toMatchObject({
      status: 'awaiting_approval',
      justification: expect.stringContaining('Legal confirmed'),
    });
    const approved = await admin2.inject({ method: 'POST', url: `/api/scripts/versions/${d.id}/approve` });
    expect(approved.json()).toMatchObject({ status: 'published', reviewedBy: 'Carl Checker' });
    expect(
      (await admin.inject({ method: 'PUT', url: `/api/scripts/versions/${d.id}`, payload: { steps } })).statusCode,
    ).toBe(409);
  });

  it('lints with every profile the language serves: an M1 English script without the US disclosure gets the finding', async () => {
    const d = await draft(v1); // the shipped wording, which has no other finding
    const steps = d.steps.map((s: { key: string; text: string }) => ({
      ...s,
      text: s.text.replace('{{requiredDisclosure}}', 'Thank you.'),
    }));
    expect(
      (await admin.inject({ method: 'PUT', url: `/api/scripts/versions/${d.id}`, payload: { steps } })).statusCode,
    ).toBe(200);
    const lint = (await admin.inject({ method: 'GET', url: `/api/scripts/versions/${d.id}/lint` })).json();
    expect(lint.findings).toEqual([
      expect.objectContaining({ category: 'missing_disclosure', step: 'opening', profiles: ['US'] }),
    ]);
    const refused = await publish(d.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.reasons.map((r: { code: string }) => r.code)).toEqual(['missing_disclosure']);
    expect((await admin.inject({ method: 'GET', url: `/api/scripts/versions/${d.id}` })).json().status).toBe('draft');
  });

  describe('findings need a justification of substance and a second admin', () => {
    /** A draft of the shipped wording with a threat to tell the employer (a third-party finding). */
    const threatening = async () => {
      const d = await draft(v1);
      const steps = d.steps.map((s: { key: string; text: string }) =>
        s.key === 'close' ? { ...s, text: `${s.text} Pay today or we will let your boss know.` } : s,
      );
      await admin.inject({ method: 'PUT', url: `/api/scripts/versions/${d.id}`, payload: { steps } });
      return d.id as string;
    };
    const reason = 'Training example only: the sentence is quoted to show collectors what they must never say.';
    const approve = (s: Session, id: string) =>
      s.inject({ method: 'POST', url: `/api/scripts/versions/${id}/approve` });
    const published = async () =>
      (await t.db.scriptVersion.findFirstOrThrow({ where: { scriptId, status: 'published' } })).id;

    it('refuses "ok" (400 naming justification); a real one waits for approval, the published version stays live', async () => {
      const id = await threatening();
      const live = await published();
      expect((await publish(id)).statusCode).toBe(409);
      const ok = await publish(id, 'ok');
      expect(ok.statusCode).toBe(400);
      expect(ok.json().error.fields).toEqual([
        expect.objectContaining({ field: 'justification', message: expect.stringContaining('not a placeholder') }),
      ]);
      const submitted = await publish(id, reason);
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json()).toMatchObject({
        status: 'awaiting_approval',
        findings: 1,
        justification: reason,
        createdBy: 'Ann Author',
        submittedBy: 'Ann Author',
        submittedAt: '2026-11-20T15:00:00.000Z',
        reviewedBy: null,
        publishedAt: null,
      });
      expect(await published()).toBe(live);
      // Nothing can be edited or published again while it waits.
      expect((await publish(id, reason)).statusCode).toBe(409);
    });

    it('the author cannot approve (403); a second admin publishes it, and the history shows author, justification, approver and when', async () => {
      const id = await threatening();
      await publish(id, reason);
      const self = await approve(admin, id);
      expect(self.statusCode).toBe(403);
      expect(self.json().error.message).toContain('second admin');
      t.clock.advance(60_000);
      const ok = await approve(admin2, id);
      expect(ok.statusCode).toBe(200);
      expect(await published()).toBe(id);
      const history = (await admin.inject({ method: 'GET', url: '/api/scripts' }))
        .json()
        .items.find((s: { id: string }) => s.id === scriptId).versions;
      expect(history.find((v: { id: string }) => v.id === id)).toMatchObject({
        status: 'published',
        createdBy: 'Ann Author',
        justification: reason,
        findings: 1,
        submittedBy: 'Ann Author',
        reviewedBy: 'Carl Checker',
        reviewedAt: '2026-11-20T15:01:00.000Z',
        publishedAt: '2026-11-20T15:01:00.000Z',
      });
      expect((await approve(admin3, id)).statusCode).toBe(409);
      expect(await t.db.auditEvent.count({ where: { action: 'script.submit', entityId: id } })).toBe(1);
      expect(
        await t.db.auditEvent.findFirstOrThrow({ where: { action: 'script.approve', entityId: id } }),
      ).toMatchObject({ data: expect.objectContaining({ justification: reason }) });
    });

    it('is rejected with a note and never published; two approvers at once publish it once', async () => {
      const rejected = await threatening();
      await publish(rejected, reason);
      const short = await admin2.inject({
        method: 'POST',
        url: `/api/scripts/versions/${rejected}/reject`,
        payload: { note: 'no' },
      });
      expect(short.json().error.fields[0].field).toBe('note');
      const no = await admin2.inject({
        method: 'POST',
        url: `/api/scripts/versions/${rejected}/reject`,
        payload: { note: 'Threatening to tell an employer is never lawful, even as an example.' },
      });
      expect(no.json()).toMatchObject({
        status: 'rejected',
        reviewedBy: 'Carl Checker',
        reviewNote: expect.any(String),
      });
      expect((await approve(admin3, rejected)).statusCode).toBe(409);

      const id = await threatening();
      await publish(id, reason);
      const both = await Promise.all([approve(admin2, id), approve(admin3, id)]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(await t.db.scriptVersion.count({ where: { scriptId, status: 'published' } })).toBe(1);
      expect(await published()).toBe(id);
    });

    it('an approval that would bring back older wording is refused once a newer version was published', async () => {
      const older = await threatening();
      await publish(older, reason);
      t.clock.advance(60_000);
      const clean = await draft(v1);
      expect((await publish(clean.id)).json().status).toBe('published');
      const late = await approve(admin2, older);
      expect(late.statusCode).toBe(409);
      expect(late.json().error.message).toContain('newer version');
    });
  });

  it('restores an earlier version as a new draft, and concurrent publishes leave exactly one published', async () => {
    const restored = await draft(v1);
    const original = (await admin.inject({ method: 'GET', url: `/api/scripts/versions/${v1}` })).json();
    expect(restored.steps).toEqual(original.steps);
    const other = await draft(v1);
    const results = await Promise.all([publish(restored.id), publish(other.id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200]);
    expect(await t.db.scriptVersion.count({ where: { scriptId, status: 'published' } })).toBe(1);
    expect((await publish(restored.id)).statusCode).toBe(409);
  });

  it('previews a draft against a real account as the collector would see it', async () => {
    const d = await draft();
    const steps = d.steps.map((s: { key: string; text: string }) =>
      s.key === 'reason' ? { ...s, text: 'Preview: {{overdueAmount}} for {{customerName}}, {{daysPastDue}} days.' } : s,
    );
    await admin.inject({ method: 'PUT', url: `/api/scripts/versions/${d.id}`, payload: { steps } });
    const account = await t.db.account.findUniqueOrThrow({ where: { id: accountId } });
    const res = await admin.inject({
      method: 'GET',
      url: `/api/scripts/versions/${d.id}/preview?account=${account.externalId}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().steps.find((s: { key: string }) => s.key === 'reason').text).toBe(
      'Preview: $250.00 for Ms Doe, 15 days.',
    );
    const missing = await admin.inject({ method: 'GET', url: `/api/scripts/versions/${d.id}/preview?account=NOPE` });
    expect(missing.json().error.fields[0]).toEqual(
      expect.objectContaining({ field: 'account', message: 'no account NOPE' }),
    );
  });

  it('refuses an edit of a draft published while the edit waited (409, nothing written, nothing audited)', async () => {
    const d = await draft();
    const steps = d.steps.map((s: { key: string; text: string }) =>
      s.key === 'reason' ? { ...s, text: 'Edited.' } : s,
    );
    const audited = () => t.db.auditEvent.count({ where: { action: 'script.edit', entityId: d.id } });
    // The edit reads the draft, then waits on its row while another session publishes it.
    const { edit } = await t.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM script_versions WHERE id = ${d.id}::uuid FOR UPDATE`;
      const edit = admin.inject({ method: 'PUT', url: `/api/scripts/versions/${d.id}`, payload: { steps } });
      await untilSomeoneWaitsForALock(t.db);
      await tx.scriptVersion.update({ where: { id: d.id }, data: { status: 'archived' } });
      return { edit };
    });
    const res = await edit;
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.message).toContain('published meanwhile');
    const stored = await t.db.scriptVersion.findUniqueOrThrow({ where: { id: d.id } });
    expect(JSON.stringify(stored.steps)).not.toContain('Edited.');
    expect(await audited()).toBe(0);
  });

  it('is for admins only', async () => {
    expect((await supervisor.inject({ method: 'GET', url: '/api/scripts' })).statusCode).toBe(403);
    expect(
      (await collector.inject({ method: 'POST', url: `/api/scripts/${scriptId}/drafts`, payload: {} })).statusCode,
    ).toBe(403);
  });
});
