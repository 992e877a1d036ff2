import { carriesPersonalData, errorResponseSchema, type AuditPurpose, type Role } from '@crm/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { z } from 'zod';
import { ServiceUnavailableError } from '../lib/errors.js';
import { isUuid, type AuditLog } from '../lib/audit-log.js';

/**
 * How a route's reads of personal data are audited (ADR 011). Declared next to `access` in the
 * route's config; one set of hooks below writes one audit row per request:
 * - a successful read is recorded before the response leaves (one INSERT, every account of the
 *   page in it); when that INSERT fails the data is not sent (503): no unrecorded reads;
 * - a refused read (403, 404) is recorded as `<action>.denied` with what was asked for;
 * - the server refuses to start when a route's response carries a field tagged `personal()` in
 *   packages/contracts and the route declares no rule, so a new route cannot forget.
 */
export interface AuditRule<Payload = unknown> {
  /** What was read, e.g. `case_file.view`. */
  action: string;
  /** The kind of thing read (default `account`). */
  entityType?: string;
  /** Which one (default: the `:id` route parameter). */
  entityId?: (request: FastifyRequest) => string | null | undefined;
  /** The accounts whose customer data the response carries (besides an account entity). */
  accounts?: (payload: Payload, request: FastifyRequest) => readonly string[];
  /** Why, when the route knows better than the reader's role. */
  purpose?: AuditPurpose;
  /**
   * The response is a stream (CSV export): recorded before the handler runs, with the filters,
   * since the rows leave in pieces. Nothing streamed is sent when the record cannot be written.
   */
  streamed?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    audit?: AuditRule<any>;
  }
  interface FastifyRequest {
    /** Accounts a handler read that its response does not name (auditAccounts()). */
    auditedAccountIds: string[] | null;
  }
}

/** A rule whose `accounts` reads the response as its schema describes it. */
export function audited<S extends z.ZodType>(_schema: S, rule: AuditRule<z.output<S>>): AuditRule<z.output<S>> {
  return rule;
}

/** Adds accounts to the current request's audit record (for responses that do not name them). */
export function auditAccounts(request: FastifyRequest, accountIds: readonly string[]): void {
  (request.auditedAccountIds ??= []).push(...accountIds);
}

/** The purpose of a read when the route declares none: what the reader's role is for. */
export const PURPOSE_BY_ROLE: Record<Role, AuditPurpose> = {
  collector: 'collection',
  supervisor: 'supervision',
  admin: 'administration',
  service: 'integration',
};

const DENIED = new Set([403, 404]);

function paramId(request: FastifyRequest): string | null {
  const id = (request.params as Record<string, unknown> | undefined)?.id;
  return typeof id === 'string' ? id : null;
}

function entityOf(rule: AuditRule, request: FastifyRequest) {
  const type = rule.entityType ?? 'account';
  const id = (rule.entityId ? rule.entityId(request) : paramId(request)) ?? null;
  return { type, id: typeof id === 'string' ? id.slice(0, 200) : null };
}

/** What was asked: the route and its (validated) query, e.g. the search text or export filters. */
function requestDetails(request: FastifyRequest, extra: Record<string, unknown> = {}) {
  const query = request.query && typeof request.query === 'object' ? (request.query as Record<string, unknown>) : {};
  return {
    route: `${request.method} ${request.routeOptions.url ?? request.url}`,
    ...(Object.keys(query).length ? { query } : {}),
    ...extra,
  };
}

export const auditPlugin = fp<{ audit: AuditLog }>(async (app: FastifyInstance, { audit }) => {
  app.decorateRequest('auditedAccountIds', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    if (route.config?.audit) {
      // The document says what the hooks may answer: 503 when the read cannot be recorded.
      const response = route.schema?.response as Record<string, unknown> | undefined;
      if (response && !response[503]) response[503] = errorResponseSchema;
      return;
    }
    const responses = (route.schema?.response ?? {}) as Record<string, unknown>;
    const personal = Object.entries(responses).some(
      ([status, schema]) =>
        /^2/.test(status) &&
        typeof schema === 'object' &&
        schema !== null &&
        '_zod' in schema &&
        carriesPersonalData(schema as z.ZodType),
    );
    if (personal) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} returns a customer's personal data but does not declare config.audit (plugins/audit.ts)`,
      );
    }
  });

  async function recordRead(request: FastifyRequest, rule: AuditRule, payload: unknown) {
    const user = request.session?.user;
    if (!user) return;
    const entity = entityOf(rule, request);
    const accountIds = [
      ...new Set([...(rule.accounts?.(payload, request) ?? []), ...(request.auditedAccountIds ?? [])]),
    ];
    try {
      await audit.recordStandalone({
        actorId: user.id,
        action: rule.action,
        entityType: entity.type,
        entityId: entity.id,
        requestId: String(request.id),
        accountIds,
        purpose: rule.purpose ?? PURPOSE_BY_ROLE[user.role],
        data: requestDetails(
          request,
          rule.accounts || request.auditedAccountIds ? { accounts: accountIds.length } : {},
        ),
      });
    } catch (err) {
      // Fail closed: a read that cannot be recorded is not served.
      request.log.error({ err, action: rule.action }, 'audit record failed; the read was refused');
      throw new ServiceUnavailableError(
        'This read could not be recorded in the audit trail, so it was not served. Try again in a moment.',
      );
    }
  }

  app.addHook('preHandler', async (request) => {
    const rule = request.routeOptions.config?.audit;
    if (rule?.streamed) await recordRead(request, rule, null);
  });

  app.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const rule = request.routeOptions.config?.audit;
    if (rule && !rule.streamed && reply.statusCode < 300) await recordRead(request, rule, payload);
    return payload;
  });

  // A streamed read was recorded before its first byte, with its filters; the accounts it carried
  // are known only once it has gone out (the route adds them with auditAccounts as rows leave).
  // They are recorded as a second row, so the trail answers "who read account X" for exports too.
  app.addHook('onResponse', async (request, reply) => {
    const rule = request.routeOptions.config?.audit;
    const user = request.session?.user;
    if (!rule?.streamed || !user || reply.statusCode >= 300 || !request.auditedAccountIds?.length) return;
    try {
      await audit.recordStandalone({
        actorId: user.id,
        action: `${rule.action}.accounts`,
        entityType: entityOf(rule, request).type,
        entityId: entityOf(rule, request).id,
        requestId: String(request.id),
        accountIds: [...new Set(request.auditedAccountIds)],
        purpose: rule.purpose ?? PURPOSE_BY_ROLE[user.role],
        data: {
          accounts: new Set(request.auditedAccountIds).size,
          complete: !reply.raw.destroyed || reply.raw.writableFinished,
        },
      });
    } catch (err) {
      request.log.error({ err, action: rule.action }, 'audit record of the accounts an export carried failed');
    }
  });

  // A file sent whole (a letter's PDF: a Buffer) skips serialisation, so it is recorded here,
  // before it leaves; when the record cannot be written the file is not sent (503).
  app.addHook('onSend', async (request, reply, payload) => {
    const rule = request.routeOptions.config?.audit;
    if (rule && !rule.streamed && reply.statusCode < 300 && Buffer.isBuffer(payload))
      await recordRead(request, rule, null);
    return payload;
  });

  // Refused reads: someone signed in asked for personal data they may not see, or that does not exist.
  app.addHook('onSend', async (request, reply, payload) => {
    const rule = request.routeOptions.config?.audit;
    const user = request.session?.user;
    if (!rule || !user || !DENIED.has(reply.statusCode)) return payload;
    const entity = entityOf(rule, request);
    try {
      await audit.recordStandalone({
        actorId: user.id,
        action: `${rule.action}.denied`,
        entityType: entity.type,
        entityId: entity.id,
        requestId: String(request.id),
        accountIds: entity.type === 'account' && isUuid(entity.id) ? [entity.id] : [],
        purpose: rule.purpose ?? PURPOSE_BY_ROLE[user.role],
        data: requestDetails(request, {
          status: reply.statusCode,
          ...(request.params && Object.keys(request.params).length ? { params: request.params } : {}),
        }),
      });
    } catch (err) {
      // The refusal stands either way (nothing was disclosed); the failure is logged.
      request.log.error({ err, action: rule.action }, 'audit record of a refused read failed');
    }
    return payload;
  });
});
