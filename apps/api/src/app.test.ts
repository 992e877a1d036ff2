import { describe, expect, it } from 'vitest';
import { useTestApp } from '../test/build-app.js';
import { buildApp } from './app.js';
import { loadEnv } from './config/env.js';

describe('platform', () => {
  const t = useTestApp();

  it('reports health with the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers unknown API routes with the JSON 404 shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
  });

  it('sends a request id and security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the OpenAPI document with every route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/auth/me',
        '/api/accounts',
        '/api/users',
        '/api/teams',
      ]),
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('refuses to start when an /api route does not declare who may call it', async () => {
    const app = await buildApp({ env: loadEnv({ LOG_LEVEL: 'silent' }), db: t.db });
    app.register(async (api) => {
      api.get('/api/undeclared', async () => ({}));
    });
    await expect(app.ready()).rejects.toThrow(/does not declare config.access/);
    await app.close().catch(() => {});
  });
});
