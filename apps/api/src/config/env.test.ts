import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.js';

describe('configuration', () => {
  it('trusts no proxy and hashes passwords at N=2^17 (OWASP) by default', () => {
    const env = loadEnv({});
    expect(env.TRUST_PROXY).toBe(false);
    expect(env.PASSWORD_SCRYPT_LOG2_N).toBeGreaterThanOrEqual(17);
    expect(env.LOGIN_RATE_LIMIT_PER_MINUTE).toBe(10);
    expect(env.LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE).toBe(30);
  });

  it('reads TRUST_PROXY as false, true or a list of proxies, and refuses hop counts and nonsense naming the variable', () => {
    expect(loadEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadEnv({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1, fd00::/8,loopback' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['1', '2', 'yes', '10.0.0.0/33', '300.1.1.1', 'proxy.example.com']) {
      expect(() => loadEnv({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it('allows a cheaper password hash only in tests', () => {
    expect(loadEnv({ NODE_ENV: 'test', PASSWORD_SCRYPT_LOG2_N: '12' }).PASSWORD_SCRYPT_LOG2_N).toBe(12);
    expect(() => loadEnv({ PASSWORD_SCRYPT_LOG2_N: '12' })).toThrow(/PASSWORD_SCRYPT_LOG2_N: must be at least 17/);
    expect(() => loadEnv({ NODE_ENV: 'development', PASSWORD_SCRYPT_LOG2_N: '16' })).toThrow(/PASSWORD_SCRYPT_LOG2_N/);
    expect(loadEnv({ PASSWORD_SCRYPT_LOG2_N: '18' }).PASSWORD_SCRYPT_LOG2_N).toBe(18);
  });
});
