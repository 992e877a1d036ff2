import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

describe('objection answers', () => {
  const t = useTestApp();
  let admin: Session, admin2: Session, supervisor: Session;

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'o-admin' });
    await t.factories.user('supervisor', { username: 'o-sup' });
    await t.factories.user('admin', { username: 'o-admin2', displayName: 'Second Admin' });
    admin = await t.login('o-admin');
    admin2 = await t.login('o-admin2');
    supervisor = await t.login('o-sup');
  });

  const body = {
    category: 'cash_flow',
    locale: 'en',
    customerSays: 'I get paid next week.',
    answer: 'Could we agree a smaller payment now and the rest on payday?',
    stages: ['m1', 'm2'],
  };

  it('lists, adds and edits answers; an answer with findings needs a justification', async () => {
    const before = (await admin.inject({ method: 'GET', url: '/api/objections' })).json().items.length;
    const created = await admin.inject({ method: 'POST', url: '/api/objections', payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ category: 'cash_flow', stages: ['m1', 'm2'], active: true });
    expect((await admin.inject({ method: 'GET', url: '/api/objections' })).json().items).toHaveLength(before + 1);

    const abusive = { ...body, answer: 'Borrow the money from a friend and pay today.' };
    const refused = await admin.inject({
      method: 'PUT',
      url: `/api/objections/${created.json().id}`,
      payload: abusive,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.reasons[0].code).toBe('borrow_to_pay');
    const justified = await admin.inject({
      method: 'PUT',
      url: `/api/objections/${created.json().id}`,
      payload: { ...abusive, justification: 'Quoted as an example of what not to say in training.', active: false },
    });
    // Before ADR 021 it was in force at once; now version 2 waits for a second admin, version 1 stays offered.
    expect(justified.json()).toMatchObject({ active: true, version: 1, awaitingApproval: 2 });
    const pending = (await admin.inject({ method: 'GET', url: `/api/objections/${created.json().id}/versions` })).json()
      .items[0];
    const approved = await admin2.inject({
      method: 'POST',
      url: `/api/objections/${created.json().id}/versions/${pending.id}/approve`,
    });
    expect(approved.json()).toMatchObject({ active: false, version: 2, awaitingApproval: null });
    expect(await t.db.auditEvent.count({ where: { action: { in: ['objection.create', 'objection.update'] } } })).toBe(
      2,
    );
  });

  it('keeps every save as a version with who, when and why; an earlier version can be restored as the next one', async () => {
    const created = (await admin.inject({ method: 'POST', url: '/api/objections', payload: body })).json();
    expect(created).toMatchObject({ version: 1, savedBy: expect.any(String) });
    const id = created.id as string;
    const v2 = await admin.inject({
      method: 'PUT',
      url: `/api/objections/${id}`,
      payload: { ...body, answer: 'Could we agree half now and half on payday?', expectedVersion: 1 },
    });
    expect(v2.json()).toMatchObject({ version: 2, answer: 'Could we agree half now and half on payday?' });
    const v3 = await admin.inject({
      method: 'PUT',
      url: `/api/objections/${id}`,
      payload: {
        ...body,
        answer: 'You should ask your family to lend you the money.',
        justification: 'Training example of pressure to borrow, shown to new collectors as wording to avoid.',
        expectedVersion: 2,
      },
    });
    expect(v3.json()).toMatchObject({ version: 2, awaitingApproval: 3 });
    const v3id = (await admin.inject({ method: 'GET', url: `/api/objections/${id}/versions` })).json().items[0].id;
    const inForce = await admin2.inject({ method: 'POST', url: `/api/objections/${id}/versions/${v3id}/approve` });
    expect(inForce.json().version).toBe(3);

    // An admin still looking at version 2 cannot overwrite version 3 unawares.
    const stale = await admin.inject({
      method: 'PUT',
      url: `/api/objections/${id}`,
      payload: { ...body, expectedVersion: 2 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('version 3');

    const versions = (await admin.inject({ method: 'GET', url: `/api/objections/${id}/versions` })).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(versions[0]).toMatchObject({
      findings: 1,
      justification: expect.stringContaining('Training example'),
      savedBy: expect.any(String),
      status: 'approved',
      reviewedBy: 'Second Admin',
      reviewedAt: expect.any(String),
    });
    expect(versions[1]).toMatchObject({
      findings: 0,
      justification: null,
      answer: 'Could we agree half now and half on payday?',
    });

    // Restoring version 1 makes version 4 with its content; the answers collectors get follow.
    const restored = await admin.inject({
      method: 'POST',
      url: `/api/objections/${id}/versions/${versions[2].id}/restore`,
      payload: { expectedVersion: 3 },
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ version: 4, answer: body.answer });
    const history = (await admin.inject({ method: 'GET', url: `/api/objections/${id}/versions` })).json().items;
    expect(history[0]).toMatchObject({ version: 4, restoredFrom: 1, answer: body.answer });
    expect(
      await t.db.objectionAnswer.findUniqueOrThrow({ where: { id }, select: { answer: true, version: true } }),
    ).toEqual({ answer: body.answer, version: 4 });
    expect(await t.db.auditEvent.count({ where: { action: 'objection.restore', entityId: id } })).toBe(1);

    // Restoring a version with findings is linted again and needs a justification too.
    const again = await admin.inject({
      method: 'POST',
      url: `/api/objections/${id}/versions/${versions[0].id}/restore`,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields[0].field).toBe('justification');
    expect((await admin.inject({ method: 'GET', url: `/api/objections/${id}/versions` })).json().items).toHaveLength(4);
  });

  it('an answer with findings needs a real justification and a second admin; it is offered only once approved', async () => {
    const abusive = { ...body, answer: 'Borrow the money from a friend and pay today.' };
    const ok = await admin.inject({
      method: 'POST',
      url: '/api/objections',
      payload: { ...abusive, justification: 'ok' },
    });
    expect(ok.statusCode).toBe(400);
    expect(ok.json().error.fields[0].field).toBe('justification');
    const why = 'Quoted in the coaching module as the wording collectors must never use with customers.';
    const created = await admin.inject({
      method: 'POST',
      url: '/api/objections',
      payload: { ...abusive, justification: why },
    });
    expect(created.statusCode).toBe(201);
    // Stored but not offered: nothing is in force until a second admin approves.
    expect(created.json()).toMatchObject({ active: false, version: 0, awaitingApproval: 1 });
    const id = created.json().id as string;
    const [v1] = (await admin.inject({ method: 'GET', url: `/api/objections/${id}/versions` })).json().items;
    expect(v1).toMatchObject({ status: 'awaiting_approval', active: true, justification: why, reviewedBy: null });

    // No other save while it waits; the author cannot approve it.
    const blocked = await admin.inject({
      method: 'PUT',
      url: `/api/objections/${id}`,
      payload: body,
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toContain('awaits approval');
    const self = await admin.inject({ method: 'POST', url: `/api/objections/${id}/versions/${v1.id}/approve` });
    expect(self.statusCode).toBe(403);

    const rejected = await admin2.inject({
      method: 'POST',
      url: `/api/objections/${id}/versions/${v1.id}/reject`,
      payload: { note: 'Urging a customer to borrow is never acceptable wording.' },
    });
    expect(rejected.json()).toMatchObject({ active: false, version: 0, awaitingApproval: null });
    const [after] = (await admin.inject({ method: 'GET', url: `/api/objections/${id}/versions` })).json().items;
    expect(after).toMatchObject({ status: 'rejected', reviewedBy: 'Second Admin', reviewNote: expect.any(String) });
    expect(
      (await admin2.inject({ method: 'POST', url: `/api/objections/${id}/versions/${v1.id}/approve` })).statusCode,
    ).toBe(409);
    expect(await t.db.auditEvent.count({ where: { action: 'objection.reject', entityId: id } })).toBe(1);

    // A lawful save is in force at once (version 2), and two approvers racing on a pending one approve it once.
    const fixed = await admin.inject({
      method: 'PUT',
      url: `/api/objections/${id}`,
      payload: body,
    });
    expect(fixed.json()).toMatchObject({ version: 2, active: true, awaitingApproval: null });
    await admin.inject({
      method: 'PUT',
      url: `/api/objections/${id}`,
      payload: { ...abusive, justification: why, expectedVersion: 2 },
    });
    const [v3] = (await admin.inject({ method: 'GET', url: `/api/objections/${id}/versions` })).json().items;
    await t.factories.user('admin', { username: 'o-admin3' });
    const admin3 = await t.login('o-admin3');
    const both = await Promise.all(
      [admin2, admin3].map((s) => s.inject({ method: 'POST', url: `/api/objections/${id}/versions/${v3.id}/approve` })),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(
      await t.db.objectionAnswer.findUniqueOrThrow({ where: { id }, select: { version: true, answer: true } }),
    ).toEqual({
      version: 3,
      answer: abusive.answer,
    });
  });

  it('lets only one of two simultaneous saves of the same version win', async () => {
    const id = (await admin.inject({ method: 'POST', url: '/api/objections', payload: body })).json().id as string;
    const results = await Promise.all(
      ['First wording, could we agree a date?', 'Second wording, could we agree a date?'].map((answer) =>
        admin.inject({ method: 'PUT', url: `/api/objections/${id}`, payload: { ...body, answer, expectedVersion: 1 } }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const items = (await admin.inject({ method: 'GET', url: `/api/objections/${id}/versions` })).json().items;
    expect(items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const winner = results.find((r) => r.statusCode === 200)!.json().answer;
    expect(items[0].answer).toBe(winner);
  });

  it('fills the script variables into answers for the collector, and refuses unknown ones naming the answer', async () => {
    const c = await t.factories.user('collector', { username: 'o-col' });
    const creditor = await t.factories.creditor();
    const account = await t.factories.account({
      creditorId: creditor.id,
      collectorId: c.id,
      oldestUnpaidDueDate: '2026-11-05',
      overdueMinor: 50_000,
    });
    const unknown = await admin.inject({
      method: 'POST',
      url: '/api/objections',
      payload: { ...body, customerSays: 'I owe {{lender}} nothing.', answer: 'Could we agree {{amount}} today?' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual([
      expect.objectContaining({ field: 'customerSays', message: expect.stringContaining('{{lender}}') }),
      expect.objectContaining({ field: 'answer', message: expect.stringContaining('{{amount}}') }),
    ]);
    const created = await admin.inject({
      method: 'POST',
      url: '/api/objections',
      payload: {
        ...body,
        category: 'forgot',
        customerSays: 'I forgot about {{creditor}}.',
        answer: 'No problem. The overdue amount with {{creditor}} is {{overdueAmount}}; could we agree a date?',
        stages: ['m1'],
      },
    });
    expect(created.statusCode).toBe(201);
    const collector = await t.login('o-col');
    const suggested = (
      await collector.inject({ method: 'GET', url: `/api/accounts/${account.id}/suggested-script` })
    ).json();
    const answer = suggested.objections.find((o: { id: string }) => o.id === created.json().id);
    expect(answer.answer).toBe(
      `No problem. The overdue amount with ${creditor.name} is $500.00; could we agree a date?`,
    );
    expect(answer.customerSays).toBe(`I forgot about ${creditor.name}.`);
    expect(answer.answer).not.toContain('{{');
  });

  it('validates fields and is for admins only', async () => {
    const bad = await admin.inject({
      method: 'POST',
      url: '/api/objections',
      payload: { ...body, category: 'bored', stages: [] },
    });
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['category', 'stages']);
    expect((await supervisor.inject({ method: 'POST', url: '/api/objections', payload: body })).statusCode).toBe(403);
    const any = (await admin.inject({ method: 'GET', url: '/api/objections' })).json().items[0];
    expect((await supervisor.inject({ method: 'GET', url: `/api/objections/${any.id}/versions` })).statusCode).toBe(
      403,
    );
    expect(
      (await admin.inject({ method: 'GET', url: '/api/objections/00000000-0000-4000-8000-000000000000/versions' }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await admin.inject({
          method: 'POST',
          url: `/api/objections/${any.id}/versions/not-a-uuid/restore`,
          payload: {},
        })
      ).json().error.fields[0].field,
    ).toBe('versionId');
  });
});
