import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/build-app.js';

type Operation = {
  security?: unknown[];
  requestBody?: { content: Record<string, unknown> };
  parameters?: { in: string }[];
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
};

describe('OpenAPI document', () => {
  const t = useTestApp();
  let doc: {
    paths: Record<string, Record<string, Operation>>;
    security: unknown[];
    components: { securitySchemes: Record<string, unknown> };
  };
  const op = (method: string, path: string) => {
    const found = doc.paths[path]?.[method];
    if (!found) throw new Error(`${method} ${path} is not documented`);
    return found;
  };
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, o]) => ({ method, path, o })));

  beforeAll(async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });

  it('is served to anyone, and documents itself', () => {
    expect(op('get', '/api/openapi.json').security).toEqual([]);
  });

  it('lists 204 responses without a body', () => {
    for (const [method, path] of [
      ['post', '/api/auth/logout'],
      ['post', '/api/queue/release'],
      ['post', '/api/users/{userId}/password'],
      ['post', '/api/queue/next'],
    ] as const) {
      const noContent = op(method, path).responses['204'];
      expect(noContent, `${method} ${path}`).toEqual({ description: 'No content' });
    }
  });

  it('gives CSV downloads the text/csv media type and CSV uploads a text/csv request body', () => {
    for (const path of ['/api/contacts/export', '/api/audit-events/export'])
      expect(Object.keys(op('get', path).responses['200']!.content!)).toEqual(['text/csv']);
    for (const path of ['/api/imports/payments', '/api/imports/portfolio']) {
      expect(Object.keys(op('post', path).requestBody!.content)).toContain('text/csv');
      expect(Object.keys(op('post', path).requestBody!.content)).not.toContain('application/json');
    }
  });

  it('does not ask public routes for the session cookie, and asks writes for the CSRF header', () => {
    expect(doc.components.securitySchemes).toHaveProperty('csrf');
    for (const path of ['/api/health', '/api/openapi.json']) expect(op('get', path).security).toEqual([]);
    expect(op('post', '/api/auth/login').security).toEqual([]);
    expect(op('get', '/api/auth/me').security).toEqual([{ session: [] }]);
    expect(op('post', '/api/payments').security).toEqual([{ session: [], csrf: [] }]);
  });

  it('lists the error statuses every route can return, each with the error shape', () => {
    for (const { method, path, o } of operations()) {
      const statuses = Object.keys(o.responses);
      const label = `${method.toUpperCase()} ${path}`;
      const isPublic = Array.isArray(o.security) && o.security.length === 0;
      const write = method !== 'get';
      if (!isPublic) expect(statuses, label).toContain('401');
      if (write && !isPublic) expect(statuses, label).toContain('403');
      if (write) expect(statuses, label).toEqual(expect.arrayContaining(['400', '413', '415']));
      if (o.parameters?.some((p) => p.in === 'path'))
        expect(statuses, label).toEqual(expect.arrayContaining(['400', '404']));
      if (o.parameters?.some((p) => p.in === 'query')) expect(statuses, label).toContain('400');
      expect(statuses, label).toEqual(expect.arrayContaining(['431', '503']));
      for (const status of statuses.filter((s) => Number(s) >= 400 && path !== '/api/health')) {
        const schema = (
          o.responses[status]!.content?.['application/json'] as { schema?: { properties?: Record<string, unknown> } }
        )?.schema;
        expect(schema?.properties, `${label} ${status}`).toHaveProperty('error');
        expect(o.responses[status]!.description, `${label} ${status}`).not.toBe('Default Response');
      }
    }
  });

  it('answers URLs the router cannot decode with 400 and the one error shape', async () => {
    for (const url of [
      '/api/accounts/%E0%A4%A/case-file',
      '/api/%',
      '/api/imports/%FF',
      '/api/accounts/%ED%A0%80/case-file',
      `/api/accounts/${'a'.repeat(1001)}/case-file`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toEqual({
        error: { code: 'bad_request', message: expect.any(String), requestId: expect.any(String) },
      });
      expect(res.headers['x-request-id'], url).toBe(res.json().error.requestId);
    }
  });

  it('lets the route name a long path parameter instead of the router refusing the URL', async () => {
    await t.factories.user('collector', { username: 'long-param' });
    const session = await t.login('long-param');
    const res = await session.inject({ method: 'GET', url: `/api/accounts/${'a'.repeat(150)}/case-file` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { field: 'id', code: 'invalid_format', params: { format: 'uuid' }, message: expect.any(String) },
    ]);
  });

  it('answers a request Node cannot take (headers over 16 KB) with 431 and the one error shape', async () => {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`${address}/api/accounts?q=${'x'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    const body = (await res.json()) as { error: { requestId: string } };
    expect(body).toEqual({
      error: { code: 'bad_request', message: expect.any(String), requestId: expect.any(String) },
    });
    expect(res.headers.get('x-request-id')).toBe(body.error.requestId);
  });
});
