// The authorisation matrix: every /api route x every caller, against what the route declares in
// `config.authz` (plugins/access.ts), with one real request each; then cross-team reads of every
// scoped route. A route without a declaration fails here, so no route ships without one.
import { CSRF_COOKIE, SESSION_COOKIE } from '@crm/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, type Authz, type Caller, type Outcome } from '../src/plugins/access.js';
import { createApiWorld, worldIds, type ApiWorld } from './api-world.js';
import { useTestApp } from './build-app.js';
import { TEST_PASSWORD } from './factories.js';
import { exampleOf, operationsOf, urlOf, type OpenApiDocument, type Operation } from './openapi-model.js';

/** Routes registered by @fastify/swagger-ui (static documentation pages); plugins/auth.ts makes them public. */
const DOCS_UI = '/api/docs';
/** Query parameters sent besides the required ones: they point a request at team A's data. */
const TARGETING_QUERY = new Set(['collectorId', 'accountId', 'account']);

interface Caller_ {
  cookie: string | null;
  csrf: string | null;
}

describe('authorisation matrix', () => {
  const t = useTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
  let world: ApiWorld;
  let doc: OpenApiDocument;
  let ops: Operation[];
  const sessions = {} as Record<string, Caller_>;

  async function signIn(username: string): Promise<Caller_> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`sign-in of ${username}: ${res.statusCode} ${res.body}`);
    const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
    return {
      cookie: `${SESSION_COOKIE}=${cookies[SESSION_COOKIE]}; ${CSRF_COOKIE}=${cookies[CSRF_COOKIE]}`,
      csrf: cookies[CSRF_COOKIE]!,
    };
  }

  /** The user each caller signs in as: team A's collector and supervisor (the owners of the data). */
  const usernameOf = (caller: Caller | 'outsiderCollector' | 'outsiderSupervisor') =>
    ({
      anonymous: world.users.collectorA.username,
      collector: world.users.collectorA.username,
      supervisor: world.users.supervisorA.username,
      admin: world.users.admin.username,
      service: world.users.service.username,
      outsiderCollector: world.users.collectorB.username,
      outsiderSupervisor: world.users.supervisorB.username,
    })[caller];

  beforeAll(async () => {
    world = await createApiWorld(t.db, t.factories, t.clock.now());
    doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    ops = operationsOf(doc);
    sessions.anonymous = { cookie: null, csrf: null };
    for (const caller of [
      'collector',
      'supervisor',
      'admin',
      'service',
      'outsiderCollector',
      'outsiderSupervisor',
    ] as const) {
      sessions[caller] = await signIn(usernameOf(caller));
    }
  });

  /** One valid-looking request for an operation, aimed at team A's data, as a caller. */
  async function call(op: Operation, who: string, caller: Caller): Promise<LightMyRequestResponse> {
    const ids = worldIds(world, op.path);
    const pathValues = Object.fromEntries(
      op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, String(exampleOf(p.schema, p.name, ids))]),
    );
    const query = op.parameters
      .filter((p) => p.in === 'query' && (p.required || TARGETING_QUERY.has(p.name)))
      .map((p): [string, string] => [p.name, String(exampleOf(p.schema, p.name, ids))]);
    // Signing out ends the session: that request gets a session of its own.
    const session =
      op.path === '/api/auth/logout' && who !== 'anonymous' ? await signIn(usernameOf(caller)) : sessions[who]!;
    const headers: Record<string, string> = {};
    if (session.cookie) headers.cookie = session.cookie;
    if (session.csrf) headers['x-csrf-token'] = session.csrf;
    let payload: string | undefined;
    if (op.path === '/api/auth/login') {
      // Signing in is allowed to everyone: with their own credentials (anyone else's would be a 401 by design).
      payload = JSON.stringify({ username: usernameOf(caller), password: TEST_PASSWORD });
      headers['content-type'] = 'application/json';
    } else if (op.body?.mediaType === 'text/csv') {
      payload = 'account_external_id,amount,currency,paid_at,channel,reference\n';
      headers['content-type'] = 'text/csv';
    } else if (op.body) {
      payload = JSON.stringify(exampleOf(op.body.schema, undefined, ids));
      headers['content-type'] = 'application/json';
    }
    return t.app.inject({
      method: op.method as 'GET',
      url: urlOf(op, pathValues, query),
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
  }

  function verdict(outcome: Outcome, res: LightMyRequestResponse): string | null {
    const code =
      res.statusCode < 500 && res.statusCode >= 400
        ? (res.json() as { error?: { code?: string } }).error?.code
        : undefined;
    switch (outcome) {
      case 'unauthenticated':
        return res.statusCode === 401 && code === 'unauthenticated'
          ? null
          : `expected 401 unauthenticated, got ${res.statusCode} ${code ?? ''}`;
      case 'forbidden':
        return res.statusCode === 403 && code === 'forbidden'
          ? null
          : `expected 403 forbidden, got ${res.statusCode} ${code ?? ''}`;
      case 'allowed':
      case 'scoped':
        return res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500
          ? null
          : `expected to be let in (${outcome}), got ${res.statusCode} ${code ?? ''}`;
    }
  }

  const declared = () => t.app.apiRoutes().filter((r) => !r.url.startsWith(DOCS_UI));
  const operationFor = (method: string, url: string) => ops.find((o) => o.method === method && o.route === url);

  it('every /api route declares the expected outcome for every caller, and is documented', () => {
    const problems = declared().flatMap((r) => {
      const authz = r.config?.authz as Authz | undefined;
      const out: string[] = [];
      if (!authz) out.push(`${r.method} ${r.url}: no config.authz`);
      else
        for (const caller of CALLERS)
          if (!authz[caller]) out.push(`${r.method} ${r.url}: no expectation for ${caller}`);
      if (!operationFor(r.method, r.url)) out.push(`${r.method} ${r.url}: not in the OpenAPI document`);
      return out;
    });
    expect(problems).toEqual([]);
    expect(declared().length).toBeGreaterThanOrEqual(50);
  });

  it('every route answers every caller as declared (read routes, then writes)', async () => {
    const routes = declared()
      .filter((r) => r.config?.authz)
      .sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'));
    const mismatches: string[] = [];
    const table: string[] = [];
    for (const route of routes) {
      const op = operationFor(route.method, route.url);
      if (!op) continue;
      const row: string[] = [];
      for (const caller of CALLERS) {
        const outcome = (route.config!.authz as Authz)[caller];
        const res = await call(op, caller, caller);
        row.push(`${caller}=${outcome}:${res.statusCode}`);
        const problem = verdict(outcome, res);
        if (problem) mismatches.push(`${route.method} ${route.url} as ${caller}: ${problem}`);
      }
      table.push(`${route.method} ${route.url}  ${row.join(' ')}`);
    }
    // MATRIX_VERBOSE=1 prints every route's declared outcome and status per caller.
    if (process.env.MATRIX_VERBOSE) console.log(table.join('\n'));
    expect(mismatches).toEqual([]);
  }, 120_000);

  it("another team never gets team A's data from a scoped route: 403/404 by id, nothing of it in lists", async () => {
    const outsiders: { who: string; caller: Caller }[] = [
      { who: 'outsiderCollector', caller: 'collector' },
      { who: 'outsiderSupervisor', caller: 'supervisor' },
      { who: 'service', caller: 'service' },
    ];
    const leaks: string[] = [];
    let checked = 0;
    for (const route of declared().filter((r) => r.method === 'GET' || r.url.includes(':'))) {
      const authz = route.config?.authz as Authz | undefined;
      const op = operationFor(route.method, route.url);
      if (!authz || !op || !Object.values(authz).includes('scoped')) continue;
      for (const { who, caller } of outsiders) {
        if (authz[caller] !== 'scoped' && authz[caller] !== 'allowed') continue;
        const res = await call(op, who, caller);
        checked += 1;
        const label = `${route.method} ${route.url} as ${who}`;
        const targetsOneRecord = /:(id|contactId)\b/.test(route.url);
        if (targetsOneRecord && res.statusCode !== 403 && res.statusCode !== 404)
          leaks.push(`${label}: expected 403 or 404 for team A's record, got ${res.statusCode}`);
        if (res.statusCode >= 500) leaks.push(`${label}: ${res.statusCode}`);
        const found = world.markers.filter((m) => res.body.includes(m));
        if (found.length) leaks.push(`${label}: ${res.statusCode} contains team A's data (${found.join(', ')})`);
      }
    }
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it('the owners do see the data the cross-team check looks for (the check is not vacuous)', async () => {
    const sees = async (method: string, url: string, who: string, caller: Caller) => {
      const res = await call(operationFor(method, url)!, who, caller);
      expect(res.statusCode, `${method} ${url} as ${who}`).toBe(200);
      expect(
        world.markers.some((m) => res.body.includes(m)),
        `${method} ${url} as ${who}: ${res.body.slice(0, 300)}`,
      ).toBe(true);
    };
    await sees('GET', '/api/accounts', 'collector', 'collector');
    await sees('GET', '/api/accounts/:id/case-file', 'supervisor', 'supervisor');
    await sees('GET', '/api/contacts', 'supervisor', 'supervisor');
    await sees('GET', '/api/contacts/export', 'collector', 'collector');
    await sees('GET', '/api/messages', 'admin', 'admin');
    await sees('GET', '/api/users', 'supervisor', 'supervisor');
  });
});
