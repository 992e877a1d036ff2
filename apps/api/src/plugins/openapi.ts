import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { errorResponseSchema, MAX_AMOUNT_MINOR } from '@crm/contracts';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANYONE, type Access } from './access.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What each error status means, the same on every route (the body is always the one error shape). */
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: error.fields names each field at fault (validation_failed), or the request could not be read (bad_request)',
  401: 'Not signed in, or the session has ended (unauthenticated); on sign-in: wrong username or password',
  403: "Signed in but not allowed: role or scope (forbidden), or a write without the session's x-csrf-token header (csrf_failed)",
  404: 'Nothing with this id, or not visible to you (not_found)',
  409: 'Conflicts with the current state (conflict); the contact gate refused (contact_not_allowed, with every reason)',
  413: 'Body larger than the limit (bad_request)',
  415: 'Content-Type not accepted (bad_request)',
  422: 'Well-formed but cannot be processed as sent (see error.code and error.fields)',
  429: 'Too many attempts (rate_limited); retry after the Retry-After header',
  431: 'Request line and headers over 16 KB (bad_request)',
  503: 'The database is unavailable (service_unavailable); retry after the Retry-After header',
};
const SUCCESS_DESCRIPTIONS: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No content' };

export interface DocumentedRoute {
  method: string;
  url: string;
  access: Access | undefined;
  config: RouteOptions['config'];
  schema: FastifySchema;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route as registered (method, url, config, schema with its completed responses). */
    apiRoutes(): readonly DocumentedRoute[];
  }
}

type RouteShape = Pick<RouteOptions, 'method' | 'url' | 'schema' | 'config'>;

function methodsOf(route: RouteShape): string[] {
  return (Array.isArray(route.method) ? route.method : [route.method]).map(String);
}

/**
 * The error statuses a route can return because of what it is, derived from its declaration so
 * no route has to list them by hand: 400 when it takes input (a write always can: its body is
 * parsed), 401 unless public, 403 when limited to roles or a CSRF-checked write, 404 with path
 * parameters (ids), 409/413/415 for writes (a conflict that outlasted the retries, body size,
 * content type), 431 for a request line and
 * headers over Node's limit (a huge query), 503 when the database is down.
 * Statuses specific to a route (409, 422, 429, a 404 for an id in the body) stay declared on it.
 */
export function standardErrorStatuses(route: RouteShape): number[] {
  const access = route.config?.access;
  const schema = route.schema ?? {};
  const write = methodsOf(route).some((m) => !SAFE_METHODS.has(m));
  const statuses = new Set<number>();
  if (write || schema.params || schema.querystring || schema.body || schema.headers) statuses.add(400);
  if (access !== 'public') statuses.add(401);
  if (Array.isArray(access) || (write && access !== 'public')) statuses.add(403);
  if (schema.params) statuses.add(404);
  if (write) {
    // 409: a write runs in a unit of work; a deadlock or serialization conflict that outlasts
    // its retries is answered 409 (lib/db-errors.ts), whatever the route.
    statuses.add(409);
    statuses.add(413);
    statuses.add(415);
  }
  statuses.add(431);
  statuses.add(503);
  return [...statuses];
}

type JsonSchema = Record<string, unknown>;

/** A null-only schema as zod writes it for OpenAPI 3.0 (`z.null()`). */
function isNullOnly(schema: JsonSchema): boolean {
  return (
    schema.type === 'null' ||
    (schema.nullable === true && Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === null)
  );
}

/** One documented response: no content for 204, the declared media type for files, a description for all. */
function describeResponse(status: number, schema: JsonSchema): JsonSchema {
  const description = ERROR_DESCRIPTIONS[status] ?? SUCCESS_DESCRIPTIONS[status] ?? 'Response';
  if (status === 204 || isNullOnly(schema)) return { type: 'null', 'x-response-description': description };
  const mediaType = schema['x-media-type'];
  if (typeof mediaType === 'string') {
    const { 'x-media-type': _, description: fileDescription, ...rest } = schema;
    return {
      'x-response-description':
        typeof fileDescription === 'string' ? `${description}: ${fileDescription}` : description,
      content: { [mediaType]: { schema: { ...rest, type: 'string' } } },
    };
  }
  return { ...schema, 'x-response-description': description };
}

/**
 * fastify-type-provider-zod's transform (zod -> JSON schema), then what zod cannot say: who may
 * call (no cookie for public routes, cookie + CSRF header for writes), 204 without a body, files
 * with their media type, raw request bodies (declared with `consumes`, e.g. CSV uploads).
 */
export function documentRoute(input: Parameters<typeof jsonSchemaTransform>[0] & { route: RouteShape }) {
  const result = jsonSchemaTransform(input) as { schema: FastifySchema & Record<string, unknown>; url: string };
  const schema = result.schema;
  if (!schema || schema.hide) return result;
  const { route } = input;
  const access = route.config?.access;
  const write = methodsOf(route).some((m) => !SAFE_METHODS.has(m));
  schema.security = access === 'public' ? [] : write ? [{ session: [], csrf: [] }] : [{ session: [] }];
  if (schema.response) {
    schema.response = Object.fromEntries(
      Object.entries(schema.response as Record<string, JsonSchema>).map(([status, s]) => [
        status,
        describeResponse(Number(status), s),
      ]),
    );
  }
  const consumes = schema.consumes as string[] | undefined;
  if (!schema.body && consumes?.length) {
    schema.body = {
      content: Object.fromEntries(consumes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
    };
  }
  return result;
}

/**
 * The API's OpenAPI document (/api/openapi.json, UI at /api/docs), generated from the routes'
 * own schemas and declarations. Register before the routes: each /api route gets the standard
 * error responses added to its schema, so the document and the response serialisation agree.
 */
export const openapiPlugin = fp(async (app: FastifyInstance) => {
  const routes: DocumentedRoute[] = [];
  app.decorate('apiRoutes', () => routes);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.method === 'HEAD') return;
    const schema: FastifySchema = (route.schema ??= {});
    if (!schema.hide) {
      const missing = standardErrorStatuses(route).filter(
        (status) => !(schema.response as Record<number, unknown> | undefined)?.[status],
      );
      // A new object: several routes may share one declared response map.
      schema.response = {
        ...(schema.response as object),
        ...Object.fromEntries(missing.map((status) => [status, errorResponseSchema])),
      };
    }
    routes.push({
      method: String(route.method),
      url: route.url,
      access: route.config?.access,
      config: route.config,
      schema,
    });
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Collector workstation API',
        version: '0.1.0',
        description:
          'Session-cookie authenticated. Writes need the x-csrf-token header (value of the crm_csrf cookie). ' +
          'Errors are { error: { code, message, requestId, fields? } }; a 400 names each field at fault. ' +
          `Money is integer minor units with a currency code; every money value sent is at most ${MAX_AMOUNT_MINOR} minor units either way; ` +
          'report totals over many accounts are exact decimal strings of minor units. Dates are real calendar dates YYYY-MM-DD (years 1900-2999); ' +
          'text may not contain NUL or unpaired UTF-16 surrogates.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'crm_session' },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description: 'Writes: the value of the crm_csrf cookie set at sign-in',
          },
        },
      },
      security: [{ session: [] }],
    },
    transform: documentRoute as never,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get(
    '/api/openapi.json',
    {
      config: { access: 'public', authz: ANYONE },
      schema: {
        tags: ['platform'],
        summary: 'This document (OpenAPI 3.0)',
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async () => app.swagger(),
  );
});
