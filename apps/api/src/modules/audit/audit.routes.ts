import {
  auditFiltersSchema,
  auditQuerySchema,
  auditResponseSchema,
  csvFileSchema,
  errorResponseSchema,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendCsv } from '../../lib/csv.js';
import { ADMINS, authz } from '../../plugins/access.js';
import { audited } from '../../plugins/audit.js';
import { currentUser } from '../../plugins/auth.js';
import type { AuditService } from './audit.service.js';

const DESCRIPTION =
  'Admins only. Filters: actorId (a user), action (also finds its refused attempts, action + ".denied"), account (id or account number: ' +
  'events naming it among the accounts read, or as their entity), entityType and entityId, from/to (days in your time zone, both included), ' +
  'requestId (the id or its beginning). Searching and exporting the trail are audited themselves (purpose audit_review).';
const CSV_COLUMNS = [
  'at',
  'actor_username',
  'actor_name',
  'action',
  'purpose',
  'entity_type',
  'entity_id',
  'account_count',
  'accounts',
  'request_id',
  'data',
];
const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  503: errorResponseSchema,
};

export const auditRoutes: FastifyPluginAsyncZod<{ auditService: AuditService }> = async (app, { auditService }) => {
  app.get(
    '/audit-events',
    {
      config: {
        access: ADMINS,
        authz: authz({ admin: 'allowed' }),
        audit: audited(auditResponseSchema, {
          action: 'audit.search',
          entityType: 'audit_trail',
          purpose: 'audit_review',
          accounts: (page) => page.items.flatMap((e) => e.accounts.map((a) => a.id)),
        }),
      },
      schema: {
        tags: ['audit'],
        summary:
          'Search the audit trail: who did or read what, about which accounts, when and why; newest first, keyset-paged',
        description: DESCRIPTION,
        querystring: auditQuerySchema,
        response: { 200: auditResponseSchema, ...errors },
      },
    },
    async (request) => auditService.page(currentUser(request), request.query),
  );

  app.get(
    '/audit-events/export',
    {
      config: {
        access: ADMINS,
        authz: authz({ admin: 'allowed' }),
        audit: { action: 'audit.export', entityType: 'audit_trail', purpose: 'audit_review', streamed: true },
      },
      schema: {
        tags: ['audit'],
        summary:
          'The filtered audit trail as CSV (UTF-8 with BOM), streamed: any size, every account number of each event',
        description: `${DESCRIPTION} Same filters as GET /api/audit-events. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.`,
        querystring: auditFiltersSchema,
        response: { 200: csvFileSchema, ...errors },
      },
    },
    // A stream is sent as is (Fastify does not serialise streams); typed as the documented string.
    async (request, reply) =>
      (await sendCsv(reply, {
        filename: 'audit-trail.csv',
        columns: CSV_COLUMNS,
        numericColumns: [CSV_COLUMNS.indexOf('account_count')],
        rows: (async function* () {
          for await (const e of auditService.all(currentUser(request), request.query)) {
            yield [
              e.at,
              e.actor?.username ?? '',
              e.actor?.displayName ?? '',
              e.action,
              e.purpose ?? '',
              e.entityType,
              e.entityId ?? '',
              e.accountCount,
              e.accounts.map((a) => a.externalId ?? a.id).join(' '),
              e.requestId ?? '',
              JSON.stringify(e.data),
            ];
          }
        })(),
      })) as unknown as string,
  );
};
