import {
  createPasswordHasher,
  dummyPasswordHash,
  hashPassword,
  needsRehash,
  RECOMMENDED_SCRYPT_COST,
  verifyPassword,
} from '@crm/db/password';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/build-app.js';
import { TEST_PASSWORD } from '../../../test/factories.js';

describe('password hashing', () => {
  it('hashes with scrypt N=2^17, r=8, p=1 by default (OWASP), and verifies', async () => {
    expect(RECOMMENDED_SCRYPT_COST).toEqual({ log2N: 17, r: 8, p: 1 });
    const stored = await hashPassword('a long enough password');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('a long enough password', stored)).toBe(true);
    expect(await verifyPassword('another password', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
    // The stand-in for unknown users costs the same as a real hash.
    expect(dummyPasswordHash().split('$').slice(0, 4)).toEqual(stored.split('$').slice(0, 4));
  });

  it('asks for a new hash when the stored one is weaker than the configured cost', async () => {
    const old = await hashPassword('pw', { log2N: 10, r: 8, p: 1 });
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(old, { log2N: 10, r: 8, p: 1 })).toBe(false);
    expect(needsRehash(old, { log2N: 10, r: 16, p: 1 })).toBe(true);
    expect(needsRehash('scrypt$32768$8$1$AAAA$AAAA')).toBe(true); // the previous default, 2^15
    expect(needsRehash('not a hash')).toBe(true);
    expect(createPasswordHasher({ log2N: 12, r: 8, p: 1 }).needsRehash(old)).toBe(true);
  });

  it('refuses stored parameters it should not run (corrupt rows), instead of allocating them', async () => {
    expect(await verifyPassword('pw', 'scrypt$1073741824$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('pw', 'scrypt$1000$8$1$AAAA$AAAA')).toBe(false);
  });
});

describe('transparent rehash at sign-in, at the production cost', () => {
  const t = useTestApp({ env: { PASSWORD_SCRYPT_LOG2_N: '17' } });

  it('replaces a hash made with the old parameters (N=2^15) by one at N=2^17, only when the password was right', async () => {
    const user = await t.factories.user('collector', { username: 'old-hash' });
    const old = await hashPassword(TEST_PASSWORD, { log2N: 15, r: 8, p: 1 });
    await t.db.user.update({ where: { id: user.id }, data: { passwordHash: old } });

    const wrong = await t.signIn('old-hash', 'not it');
    expect(wrong.statusCode).toBe(401);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(old);

    await t.login('old-hash');
    const upgraded = (await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(TEST_PASSWORD, upgraded)).toBe(true);
    // Signing in again keeps it (already strong enough).
    await t.login('old-hash');
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(upgraded);
  });

  it('hashes new and reset passwords at the configured cost', async () => {
    const admin = await t.factories.user('admin', { username: 'cost-admin' });
    const s = await t.login('cost-admin');
    const res = await s.inject({
      method: 'POST',
      url: `/api/users/${admin.id}/password`,
      payload: { password: 'a brand new password' },
    });
    expect(res.statusCode).toBe(204);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: admin.id } })).passwordHash).toMatch(/^scrypt\$131072\$/);
  });
});
