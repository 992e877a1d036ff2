import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ownerOf, pathIsUnder, registerModules, type ApiModule } from './api-module.js';

const route = (url: string) => async (app: Parameters<ApiModule['plugin']>[0]) => {
  app.get(url, async () => ({ ok: true }));
};

describe('modules own the URLs they declare', () => {
  it('a path lies under a root only at a segment boundary', () => {
    expect(pathIsUnder('/accounts', '/accounts')).toBe(true);
    expect(pathIsUnder('/accounts/:id/case-file', '/accounts')).toBe(true);
    expect(pathIsUnder('/accountsx', '/accounts')).toBe(false);
  });

  it('the longest declared path decides the owner', () => {
    const modules = [
      { name: 'accounts', paths: ['/accounts'] },
      { name: 'case-file', paths: ['/accounts/:id/case-file'] },
    ];
    expect(ownerOf('/accounts/:id/case-file', modules)).toBe('case-file');
    expect(ownerOf('/accounts/assignments', modules)).toBe('accounts');
    expect(ownerOf('/reports/reviews', modules)).toBeNull();
  });

  it('registers the routes of each module under the prefix', async () => {
    const app = Fastify();
    await app.register(
      (api) =>
        registerModules(api, [
          { name: 'reports', paths: ['/reports'], plugin: route('/reports/reviews') },
          { name: 'contacts', paths: ['/contacts'], plugin: route('/contacts') },
        ]),
      { prefix: '/api' },
    );
    expect((await app.inject({ url: '/api/reports/reviews' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/contacts' })).statusCode).toBe(200);
  });

  it("fails at start-up on a route outside its module's paths, naming both", async () => {
    const app = Fastify();
    const start = app.register(
      (api) =>
        registerModules(api, [
          { name: 'reports', paths: ['/reports'], plugin: route('/reports/kpis') },
          // Where /reports/reviews used to live before issue 12.
          { name: 'contacts', paths: ['/contacts'], plugin: route('/reports/reviews') },
        ]),
      { prefix: '/api' },
    );
    await expect(start.ready()).rejects.toThrow(
      /GET \/api\/reports\/reviews is registered by module 'contacts' but belongs to module 'reports'/,
    );
  });

  it('fails on a route another module declares more precisely', async () => {
    const app = Fastify();
    const start = app.register(
      (api) =>
        registerModules(api, [
          { name: 'accounts', paths: ['/accounts'], plugin: route('/accounts/:id/case-file') },
          { name: 'case-file', paths: ['/accounts/:id/case-file'], plugin: async () => {} },
        ]),
      { prefix: '/api' },
    );
    await expect(start.ready()).rejects.toThrow(/belongs to module 'case-file'/);
  });
});
