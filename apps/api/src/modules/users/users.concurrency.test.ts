import { errorResponseSchema } from '@crm/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

function expectConflict(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBe(409);
  expect(errorResponseSchema.parse(res.json()).error.code).toBe('conflict');
}

describe('users and teams under concurrency', () => {
  // A database of its own: the admin count below is the whole truth.
  const t = useTestApp();
  const admins: { id: string; session: Session }[] = [];

  beforeAll(async () => {
    for (const name of ['uc-admin1', 'uc-admin2', 'uc-admin3']) {
      const user = await t.factories.user('admin', { username: name });
      admins.push({ id: user.id, session: await t.login(name) });
    }
  });

  const activeAdmins = () => t.db.user.count({ where: { role: 'admin', active: true } });
  const resetAdmins = () =>
    t.db.user.updateMany({ where: { username: { startsWith: 'uc-admin' } }, data: { role: 'admin', active: true } });

  it('keeps an active admin when admins deactivate each other at the same moment', async () => {
    const [a, b, c] = admins as [(typeof admins)[number], (typeof admins)[number], (typeof admins)[number]];
    // Leave exactly two active admins, then each deactivates the other at once.
    expect(
      (await a.session.inject({ method: 'PATCH', url: `/api/users/${c.id}`, payload: { active: false } })).statusCode,
    ).toBe(200);
    expect(await activeAdmins()).toBe(2);

    const responses = await Promise.all([
      a.session.inject({ method: 'PATCH', url: `/api/users/${b.id}`, payload: { active: false } }),
      b.session.inject({ method: 'PATCH', url: `/api/users/${a.id}`, payload: { active: false } }),
    ]);
    expect(await activeAdmins()).toBe(1);
    const refused = responses.filter((r) => r.statusCode !== 200);
    expect(refused).toHaveLength(1);
    // Refused because they are the last admin (409), or because the refused admin was deactivated
    // meanwhile (401 at the door, or 403 once the admins are locked).
    for (const res of refused) {
      expect([401, 403, 409], res.body).toContain(res.statusCode);
      errorResponseSchema.parse(res.json());
    }
  });

  it('an admin deactivated while their own request waited changes nothing (of three, two deactivating each other: one wins)', async () => {
    await resetAdmins();
    const [sa, sb] = [await t.login('uc-admin1'), await t.login('uc-admin2')];
    const [a, b] = admins.map((x) => x.id) as [string, string];
    const responses = await Promise.all([
      sa.inject({ method: 'PATCH', url: `/api/users/${b}`, payload: { active: false } }),
      sb.inject({ method: 'PATCH', url: `/api/users/${a}`, payload: { active: false } }),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, expect.any(Number)]);
    expect([401, 403]).toContain(responses.map((r) => r.statusCode).sort()[1]);
    expect(await activeAdmins()).toBe(2);
  });

  it('keeps an active admin when the last two are demoted and deactivated at once', async () => {
    await resetAdmins();
    const [a, b, c] = admins.map((x) => x.id) as [string, string, string];
    const [sa] = [await t.login('uc-admin1')];
    await sa.inject({ method: 'PATCH', url: `/api/users/${c}`, payload: { active: false } });
    const sb = await t.login('uc-admin2');
    const responses = await Promise.all([
      sa.inject({ method: 'PATCH', url: `/api/users/${b}`, payload: { role: 'supervisor' } }),
      sb.inject({ method: 'PATCH', url: `/api/users/${a}`, payload: { role: 'collector' } }),
    ]);
    expect(await activeAdmins()).toBe(1);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
  });

  it('creates one user when the same username is sent 5 times at once; the others get 409', async () => {
    await resetAdmins();
    const admin = await t.login('uc-admin1');
    const payload = {
      username: 'same.name',
      displayName: 'Same Name',
      role: 'collector',
      password: 'a long enough password',
    };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => admin.inject({ method: 'POST', url: '/api/users', payload })),
    );
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const res of responses.filter((r) => r.statusCode !== 201)) expectConflict(res);
    expect(await t.db.user.count({ where: { username: 'same.name' } })).toBe(1);
    // Whether refused before the write or by the unique index, the answer names the field.
    const late = await admin.inject({ method: 'POST', url: '/api/users', payload });
    for (const res of [...responses.filter((r) => r.statusCode !== 201), late])
      expect(res.json().error.fields).toEqual([
        { field: 'username', code: 'already_in_use', message: 'is already in use' },
      ]);
  });

  it('creates one team when the same name is sent 5 times at once; the others get 409', async () => {
    const admin = await t.login('uc-admin1');
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        admin.inject({ method: 'POST', url: '/api/teams', payload: { name: 'Same team' } }),
      ),
    );
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const res of responses.filter((r) => r.statusCode !== 201)) expectConflict(res);
    expect(await t.db.team.count({ where: { name: 'Same team' } })).toBe(1);
    const late = await admin.inject({ method: 'POST', url: '/api/teams', payload: { name: 'Same team' } });
    for (const res of [...responses.filter((r) => r.statusCode !== 201), late])
      expect(res.json().error.fields).toEqual([
        { field: 'name', code: 'already_in_use', message: 'is already in use' },
      ]);
  });

  it('renames a team without touching its supervisor (a PATCH changes only what it names)', async () => {
    const admin = await t.login('uc-admin1');
    const supervisor = await t.factories.user('supervisor', { username: 'uc-sup' });
    const team = await t.factories.team('Before rename', supervisor.id);
    const res = await admin.inject({
      method: 'PATCH',
      url: `/api/teams/${team.id}`,
      payload: { name: 'After rename' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'After rename', supervisor: { id: supervisor.id } });
    expect((await t.db.team.findUniqueOrThrow({ where: { id: team.id } })).supervisorId).toBe(supervisor.id);
    // Naming the supervisor as null still removes them.
    const cleared = await admin.inject({
      method: 'PATCH',
      url: `/api/teams/${team.id}`,
      payload: { supervisorId: null },
    });
    expect(cleared.json()).toMatchObject({ name: 'After rename', supervisor: null });
  });
});
