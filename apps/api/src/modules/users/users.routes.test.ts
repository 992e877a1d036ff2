import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Session } from '../../../test/build-app.js';

describe('users and teams administration', () => {
  const t = useTestApp();
  let admin: Session, supervisor: Session;
  let adminId = '',
    supervisorId = '';

  beforeAll(async () => {
    adminId = (await t.factories.user('admin', { username: 'u-admin' })).id;
    supervisorId = (await t.factories.user('supervisor', { username: 'u-sup' })).id;
    admin = await t.login('u-admin');
    supervisor = await t.login('u-sup');
  });

  it('creates a team and a collector in it who can sign in; a taken username is a 409', async () => {
    const team = await admin.inject({
      method: 'POST',
      url: '/api/teams',
      payload: { name: 'Night shift', supervisorId },
    });
    expect(team.statusCode).toBe(201);
    expect(team.json()).toMatchObject({ name: 'Night shift', supervisor: { id: supervisorId }, memberCount: 0 });
    const res = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'new.collector',
        displayName: 'New Collector',
        role: 'collector',
        teamId: team.json().id,
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        password: 'a long enough password',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'new.collector',
      role: 'collector',
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      active: true,
      team: { name: 'Night shift' },
    });
    const stored = await t.db.user.findUniqueOrThrow({ where: { username: 'new.collector' } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    await t.login('new.collector', 'a long enough password');
    const again = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'new.collector', displayName: 'X', role: 'collector', password: 'a long enough password' },
    });
    expect(again.statusCode).toBe(409);
    expect(await t.db.auditEvent.count({ where: { action: { in: ['user.create', 'team.create'] } } })).toBe(2);
  });

  it('deactivates (never deletes): the user is signed out and cannot sign in; history keeps the name', async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'new.collector' } });
    const session = await t.login('new.collector', 'a long enough password');
    const res = await admin.inject({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { active: false } });
    expect(res.json()).toMatchObject({ active: false, displayName: 'New Collector' });
    expect((await session.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const login = await t.signIn('new.collector', 'a long enough password');
    expect(login.statusCode).toBe(401);
    expect(await t.db.user.count({ where: { id: user.id } })).toBe(1);
  });

  it('resets a password (old sessions end) and keeps the last admin', async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'u-sup' } });
    const reset = await admin.inject({
      method: 'POST',
      url: `/api/users/${user.id}/password`,
      payload: { password: 'another long password' },
    });
    expect(reset.statusCode).toBe(204);
    expect((await supervisor.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    await t.login('u-sup', 'another long password');
    const demote = await admin.inject({
      method: 'PATCH',
      url: `/api/users/${adminId}`,
      payload: { role: 'supervisor' },
    });
    expect(demote.statusCode).toBe(409);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: adminId } })).role).toBe('admin');
  });

  it('validates every field by name and is for admins only', async () => {
    const bad = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'X', displayName: '', role: 'boss', password: 'short' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['displayName', 'password', 'role', 'username']);
    const zone = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'zoned',
        displayName: 'Z',
        role: 'collector',
        timeZone: 'Mars/Base',
        password: 'a long enough password',
      },
    });
    expect(zone.json().error.fields[0].field).toBe('timeZone');
    const other = await t.login('u-sup', 'another long password');
    expect(
      (
        await other.inject({
          method: 'POST',
          url: '/api/users',
          payload: { username: 'sneaky', displayName: 'S', role: 'admin', password: 'a long enough password' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await other.inject({ method: 'PATCH', url: `/api/users/${adminId}`, payload: { active: false } })).statusCode,
    ).toBe(403);
    expect(await t.db.user.count({ where: { username: { in: ['zoned', 'sneaky'] } } })).toBe(0);
  });
});
