import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

describe('objection answers', () => {
  const t = useTestApp();
  let admin: Session, supervisor: Session;

  beforeAll(async () => {
    await t.factories.user('admin', { username: 'o-admin' });
    await t.factories.user('supervisor', { username: 'o-sup' });
    admin = await t.login('o-admin');
    supervisor = await t.login('o-sup');
  });

  const body = { category: 'cash_flow', locale: 'en', customerSays: 'I get paid next week.', answer: 'Could we agree a smaller payment now and the rest on payday?', stages: ['m1', 'm2'] };

  it('lists, adds and edits answers; an answer with findings needs a justification', async () => {
    const before = (await admin.inject({ method: 'GET', url: '/api/objections' })).json().items.length;
    const created = await admin.inject({ method: 'POST', url: '/api/objections', payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ category: 'cash_flow', stages: ['m1', 'm2'], active: true });
    expect((await admin.inject({ method: 'GET', url: '/api/objections' })).json().items).toHaveLength(before + 1);

    const abusive = { ...body, answer: 'Borrow the money from a friend and pay today.' };
    const refused = await admin.inject({ method: 'PUT', url: `/api/objections/${created.json().id}`, payload: abusive });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.reasons[0].code).toBe('borrow_to_pay');
    const justified = await admin.inject({ method: 'PUT', url: `/api/objections/${created.json().id}`, payload: { ...abusive, justification: 'Quoted as an example of what not to say in training.', active: false } });
    expect(justified.json()).toMatchObject({ active: false });
    expect(await t.db.auditEvent.count({ where: { action: { in: ['objection.create', 'objection.update'] } } })).toBe(2);
  });

  it('validates fields and is for admins only', async () => {
    const bad = await admin.inject({ method: 'POST', url: '/api/objections', payload: { ...body, category: 'bored', stages: [] } });
    expect(bad.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['category', 'stages']);
    expect((await supervisor.inject({ method: 'POST', url: '/api/objections', payload: body })).statusCode).toBe(403);
  });
});
