import {
  contactIdParamsSchema,
  csvFileSchema,
  contactLogFiltersSchema,
  contactLogQuerySchema,
  contactLogResponseSchema,
  errorResponseSchema,
  reviewBodySchema,
  reviewSchema,
} from '@crm/contracts';
import { formatMoney } from '@crm/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendCsv } from '../../lib/csv.js';
import { currentUser } from '../../plugins/auth.js';
import { authz, STAFF, SUPERVISORS } from '../../plugins/access.js';
import { audited, auditAccounts } from '../../plugins/audit.js';
import type { ContactLogService } from './contact-log.service.js';
import type { ReviewsService } from './reviews.service.js';

const SCOPE =
  "Collectors see their own attempts, supervisors their teams', admins everyone's. Dates are days in the signed-in user's time zone.";
const CSV_COLUMNS = [
  'started_at',
  'collector',
  'account',
  'customer',
  'channel',
  'direction',
  'party_reached',
  'disposition',
  'stage',
  'script_version',
  'promises',
  'override_reason',
  'notes',
];

export const contactLogRoutes: FastifyPluginAsyncZod<{
  contactLog: ContactLogService;
  reviews: ReviewsService;
}> = async (app, { contactLog, reviews }) => {
  app.get(
    '/contacts',
    {
      config: {
        access: STAFF,
        authz: authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' }),
        audit: audited(contactLogResponseSchema, {
          action: 'contacts.view',
          entityType: 'contact_log',
          accounts: (page) => page.items.map((i) => i.account.id),
        }),
      },
      schema: {
        tags: ['contacts'],
        summary: 'The contact log: attempts newest first, filtered, keyset-paged (pass nextCursor back as cursor)',
        description: SCOPE,
        querystring: contactLogQuerySchema,
        response: { 200: contactLogResponseSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => contactLog.page(currentUser(request), request.query),
  );

  app.get(
    '/contacts/export',
    {
      config: {
        access: STAFF,
        authz: authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' }),
        audit: { action: 'contacts.export', entityType: 'contact_log', streamed: true },
      },
      schema: {
        tags: ['contacts'],
        summary: 'The filtered contact log as CSV (UTF-8 with BOM), streamed: any size',
        description: `${SCOPE} Same filters as GET /api/contacts. Each export is audited.`,
        querystring: contactLogFiltersSchema,
        response: { 200: csvFileSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const rows = (async function* () {
        for await (const item of contactLog.all(user, request.query)) {
          auditAccounts(request, [item.account.id]);
          yield [
            item.startedAt,
            item.collector?.displayName ?? '',
            item.account.externalId,
            item.customerName,
            item.channel,
            item.direction,
            item.partyReached,
            item.disposition,
            item.stage ?? '',
            item.scriptVersion?.label ?? '',
            item.promises
              .map(
                (p) =>
                  `${formatMoney({ amountMinor: p.amountMinor, currency: p.currency }, 'en')} due ${p.dueDate} (${p.status})`,
              )
              .join('; '),
            item.overrideReasonCode ?? '',
            item.notes ?? '',
          ];
        }
      })();
      // A stream is sent as is (Fastify does not serialise streams); typed as the documented string.
      return sendCsv(reply, { filename: 'contact-log.csv', columns: CSV_COLUMNS, rows }) as unknown as string;
    },
  );

  app.put(
    '/contacts/:contactId/review',
    {
      config: { access: SUPERVISORS, authz: authz({ supervisor: 'scoped', admin: 'allowed' }) },
      schema: {
        tags: ['contacts'],
        summary:
          'Score an attempt against the quality checklist, comment, and mark it for coaching (the collector sees it)',
        description:
          "Supervisors review their teams' attempts, admins any. One review per attempt; saving again replaces it. Score = share of the checklist met, 0-100.",
        params: contactIdParamsSchema,
        body: reviewBodySchema,
        response: {
          200: reviewSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => reviews.review(currentUser(request), request.params.contactId, request.body, String(request.id)),
  );
};
