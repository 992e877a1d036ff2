import { CSRF_HEADER, SESSION_COOKIE, type Role, type SessionUser } from '@crm/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { CsrfError, ForbiddenError, UnauthenticatedError } from '../lib/errors.js';
import type { ActiveSession, SessionResolver } from '../lib/session.js';
import type { Access } from './access.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: ActiveSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes the swagger plugins register themselves; documentation only, no data. */
const PUBLIC_PREFIXES = ['/api/docs', '/api/openapi.json'];

/** The signed-in user; throws 401 when there is none (use in handlers of non-public routes). */
export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.session) throw new UnauthenticatedError();
  return request.session.user;
}

function allowed(access: Access, role: Role): boolean {
  return access === 'public' || access === 'authenticated' || access.includes(role);
}

/**
 * One guard for the whole /api tree: resolves the session cookie, enforces each route's
 * declared access (401 without a session, 403 for a wrong role) and, for cookie-authenticated
 * writes, a CSRF token bound to the session (double submit: cookie + header).
 */
export const authPlugin = fp<{ authService: SessionResolver }>(async (app: FastifyInstance, { authService }) => {
  app.decorateRequest('session', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    if (PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
      route.config = { ...(route.config ?? {}), access: 'public' };
      return;
    }
    if (!route.config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!request.url.startsWith('/api') || access === undefined) return; // SPA files, or a 404
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await authService.authenticate(token) : null;
    if (access === 'public') return;
    if (!request.session) throw new UnauthenticatedError('Your session has ended or you are not signed in.');
    if (!allowed(access, request.session.user.role)) throw new ForbiddenError();
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== request.session.csrfToken) {
      throw new CsrfError();
    }
  });
});
