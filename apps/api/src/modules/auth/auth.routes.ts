import {
  authResponseSchema,
  changePasswordBodySchema,
  CSRF_COOKIE,
  errorResponseSchema,
  loginBodySchema,
  SESSION_COOKIE,
  updatePreferencesBodySchema,
} from '@crm/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ForbiddenError } from '../../lib/errors.js';
import { ANYONE, authz } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { AuthService } from './auth.service.js';

export interface AuthRoutesOptions {
  authService: AuthService;
  cookieSecure: 'auto' | 'true' | 'false';
}

/** The host of an Origin header, or null when it is not a URL (e.g. the opaque origin "null"). */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

// Standard error statuses (400 input, 401, 403 CSRF, 413/415 bodies, 503) are added from each
// route's declaration by plugins/openapi.ts; routes list only the ones particular to them.

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, opts) => {
  const { authService } = opts;
  const secure = (request: FastifyRequest) =>
    opts.cookieSecure === 'auto' ? request.protocol === 'https' : opts.cookieSecure === 'true';

  function clearCookies(request: FastifyRequest, reply: FastifyReply) {
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(request) });
    reply.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'lax', secure: secure(request) });
  }

  app.post(
    '/auth/login',
    {
      // Failed attempts are limited per username and per client address (429 with Retry-After),
      // in PostgreSQL: see the auth service and login-throttle.service.ts.
      config: { access: 'public', authz: ANYONE },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and a CSRF cookie',
        body: loginBodySchema,
        response: {
          200: authResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          429: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      // Login CSRF: a browser always sends Origin on a cross-site POST; it must be ours.
      // An opaque origin ("null": sandboxed frames, file: pages, some redirects) is never ours.
      const origin = request.headers.origin;
      if (origin && originHost(origin) !== request.headers.host)
        throw new ForbiddenError('Cross-site sign-in refused.');
      const { username, password } = request.body;
      const result = await authService.login(username, password, { requestId: String(request.id), ip: request.ip });
      const cookie = { path: '/', sameSite: 'lax' as const, secure: secure(request), expires: result.expiresAt };
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookie, httpOnly: true });
      // Readable by the SPA, which echoes it in the x-csrf-token header on writes.
      reply.setCookie(CSRF_COOKIE, result.csrfToken, cookie);
      return { user: result.user };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: {
        access: 'authenticated',
        authz: authz({ collector: 'allowed', supervisor: 'allowed', admin: 'allowed', service: 'allowed' }),
      },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } },
    },
    async (request, reply) => {
      if (request.session) await authService.logout(request.session, String(request.id));
      clearCookies(request, reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: {
        access: 'authenticated',
        authz: authz({ collector: 'allowed', supervisor: 'allowed', admin: 'allowed', service: 'allowed' }),
      },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: authResponseSchema } },
    },
    async (request) => ({ user: currentUser(request) }),
  );

  app.post(
    '/me/password',
    {
      config: {
        access: 'authenticated',
        authz: authz({ collector: 'allowed', supervisor: 'allowed', admin: 'allowed', service: 'allowed' }),
      },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password; your other sessions end, this one continues',
        description:
          'A wrong currentPassword is 400 naming the field and counts like a failed sign-in (429 with Retry-After over the limit).',
        body: changePasswordBodySchema,
        response: { 204: z.null(), 409: errorResponseSchema, 429: errorResponseSchema },
      },
    },
    async (request, reply) => {
      await authService.changePassword(request.session!, request.body.currentPassword, request.body.newPassword, {
        requestId: String(request.id),
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/me/preferences',
    {
      config: {
        access: 'authenticated',
        authz: authz({ collector: 'allowed', supervisor: 'allowed', admin: 'allowed', service: 'allowed' }),
      },
      schema: {
        tags: ['auth'],
        summary: "Update the signed-in user's preferences (language)",
        body: updatePreferencesBodySchema,
        response: { 200: authResponseSchema },
      },
    },
    async (request) => ({ user: await authService.setLocale(currentUser(request).id, request.body.locale) }),
  );
};
