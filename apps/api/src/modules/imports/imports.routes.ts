import type { Readable } from 'node:stream';
import { errorResponseSchema, importModeSchema, importReportSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { PaymentsImportService } from './payments-import.service.js';

export const importsRoutes: FastifyPluginAsyncZod<{ paymentsImport: PaymentsImportService }> = async (app, { paymentsImport }) => {
  // CSV bodies are streamed to the parser, never buffered whole (large files).
  app.addContentTypeParser(['text/csv', 'application/csv', 'application/octet-stream'], (_request, payload, done) => done(null, payload));

  app.post(
    '/imports/payments',
    {
      config: { access: ADMINS },
      bodyLimit: 512 * 1024 * 1024,
      schema: {
        tags: ['imports'],
        summary: 'Import a payments CSV: validate every row, then write all (mode=all), the valid ones (mode=valid) or nothing (mode=validate)',
        description:
          'Body: the CSV file (Content-Type text/csv), UTF-8 with or without BOM, comma or semicolon, header row: ' +
          'account_external_id, amount (e.g. 120.50), currency, paid_at (YYYY-MM-DD or ISO date-time), channel, reference. ' +
          'Rows whose (source, reference) was imported before are skipped as duplicates.',
        querystring: importModeSchema,
        response: { 200: importReportSchema, 201: importReportSchema, 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const report = await paymentsImport.run(currentUser(request), request.body as Readable, { ...request.query, requestId: String(request.id) });
      return reply.status(report.committed ? 201 : 200).send(report);
    },
  );
};
