import { Readable } from 'node:stream';
import { contactLogFiltersSchema, contactLogQuerySchema, contactLogResponseSchema, errorResponseSchema } from '@crm/contracts';
import { formatMoney } from '@crm/domain';
import { stringify } from 'csv-stringify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser } from '../../plugins/auth.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { ContactLogService } from './contact-log.service.js';

const SCOPE = 'Collectors see their own attempts, supervisors their teams\', admins everyone\'s. Dates are days in the signed-in user\'s time zone.';
const CSV_COLUMNS = ['started_at', 'collector', 'account', 'customer', 'channel', 'direction', 'party_reached', 'disposition', 'stage', 'script_version', 'promises', 'override_reason', 'notes'];

export const contactLogRoutes: FastifyPluginAsyncZod<{ contactLog: ContactLogService; audit: Pick<AuditRepository, 'record'> }> = async (app, { contactLog, audit }) => {
  app.get(
    '/contacts',
    {
      config: { access: 'authenticated' },
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
      config: { access: 'authenticated' },
      schema: {
        tags: ['contacts'],
        summary: 'The filtered contact log as CSV (UTF-8 with BOM), streamed: any size',
        description: `${SCOPE} Same filters as GET /api/contacts. Each export is audited.`,
        querystring: contactLogFiltersSchema,
        response: { 200: z.string().describe('text/csv'), 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      await audit.record({ actorId: user.id, action: 'contacts.export', entityType: 'contact_log', entityId: null, requestId: String(request.id), data: { filters: request.query } });
      const rows = (async function* () {
        for await (const item of contactLog.all(user, request.query)) {
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
            item.promises.map((p) => `${formatMoney({ amountMinor: p.amountMinor, currency: p.currency }, 'en')} due ${p.dueDate} (${p.status})`).join('; '),
            item.overrideReasonCode ?? '',
            item.notes ?? '',
          ];
        }
      })();
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="contact-log.csv"')
        // A stream is sent as is (Fastify does not serialise streams); typed as the documented string.
        .send(Readable.from(rows).pipe(stringify({ header: true, columns: CSV_COLUMNS, bom: true })) as unknown as string);
    },
  );
};
