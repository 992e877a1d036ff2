import { Readable } from 'node:stream';
import {
  csvFileSchema,
  errorResponseSchema,
  importModeSchema,
  importProgressParamsSchema,
  importProgressSchema,
  importReportSchema,
  portfolioImportQuerySchema,
  type ImportReport,
  type SessionUser,
} from '@crm/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { sendCsv } from '../../lib/csv.js';
import { BadRequestError, NotFoundError, UnsupportedMediaTypeError } from '../../lib/errors.js';
import { ADMINS, authz } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import { MAX_DOWNLOADED_ERRORS } from './csv-import.js';
import type { ImportProgress, ImportProgressRegistry } from './import-progress.js';
import type { PaymentsImportService } from './payments-import.service.js';
import type { PortfolioImportService } from './portfolio-import.service.js';

const reportResponses = {
  200: importReportSchema,
  201: importReportSchema,
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  415: errorResponseSchema,
};
const CSV_BODY =
  'Body: the CSV file (Content-Type text/csv), UTF-8 with or without BOM, comma or semicolon, header row. ';
const PROGRESS =
  'Pass importId (a UUID you choose) to follow the server-side progress at GET /api/imports/progress/{importId}.';

export const importsRoutes: FastifyPluginAsyncZod<{
  paymentsImport: PaymentsImportService;
  portfolioImport: PortfolioImportService;
  progress: ImportProgressRegistry;
}> = async (app, { paymentsImport, portfolioImport, progress }) => {
  // CSV bodies are streamed to the parser, never buffered whole (large files).
  const CSV_TYPES = ['text/csv', 'application/csv', 'application/octet-stream'] as const;
  app.addContentTypeParser([...CSV_TYPES], (_request, payload, done) => done(null, payload));
  const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();
  // Before the body is read: a JSON (or any other) body is refused, not parsed up to the CSV size limit.
  const refuseOtherTypes = async (request: FastifyRequest) => {
    const type = mediaType(request.headers['content-type']);
    if (type && !(CSV_TYPES as readonly string[]).includes(type)) throw new UnsupportedMediaTypeError(CSV_TYPES);
  };
  /** The CSV body handed to an import run, with the server-side progress for the user who started it. */
  const runImport = async <Q extends { importId?: string | undefined }>(
    request: FastifyRequest,
    run: (
      user: SessionUser,
      file: Readable,
      query: Q,
      requestId: string,
      progress: ImportProgress,
    ) => Promise<ImportReport>,
  ) => {
    if (!(request.body instanceof Readable)) {
      throw new BadRequestError('body is required: the CSV file (Content-Type text/csv)', [
        { field: 'body', message: 'is required: the CSV file (Content-Type text/csv)' },
      ]);
    }
    const user = currentUser(request);
    const query = request.query as Q;
    const runProgress = progress.start(query.importId, user.id);
    try {
      return await run(user, request.body, query, String(request.id), runProgress);
    } catch (err) {
      runProgress.update({ phase: 'failed' });
      throw err;
    }
  };

  /**
   * Both imports: the CSV body streamed to the service, 201 when something was written, 200
   * otherwise. Beside each, `<url>/problems`: the same file checked (nothing written), every
   * problem as a CSV download (line, column, value, problem).
   */
  const csvImport = <Q extends { importId?: string | undefined; mode?: string }>(
    url: string,
    summary: string,
    description: string,
    querystring: z.ZodType<Q>,
    run: (
      user: SessionUser,
      file: Readable,
      query: Q,
      requestId: string,
      progress: ImportProgress,
      maxErrors?: number,
    ) => Promise<ImportReport>,
  ) => {
    app.post(
      `${url}/problems`,
      {
        config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
        bodyLimit: 512 * 1024 * 1024,
        schema: {
          tags: ['imports'],
          summary: `Check a file as ${url} does (nothing is written) and download every problem as CSV: line, column, value, problem`,
          description:
            CSV_BODY +
            `Same query as ${url}; mode is ignored (always a check). Cells that a spreadsheet would run as a formula are neutralised. ` +
            `At most ${MAX_DOWNLOADED_ERRORS.toLocaleString('en')} problems are listed; a last row says how many more there are. ` +
            PROGRESS,
          consumes: [...CSV_TYPES],
          querystring,
          response: {
            200: csvFileSchema,
            400: errorResponseSchema,
            401: errorResponseSchema,
            403: errorResponseSchema,
            415: errorResponseSchema,
          },
        },
        onRequest: refuseOtherTypes,
      },
      async (request, reply) => {
        const report = await runImport(request, (user, file, query, requestId, runProgress) =>
          run(user, file, { ...query, mode: 'validate' } as Q, requestId, runProgress, MAX_DOWNLOADED_ERRORS),
        );
        const more = report.errorCount - report.errors.length;
        async function* rows() {
          for (const e of report.errors) yield [e.line, e.field, e.value ?? '', e.message];
          if (more > 0) yield ['', '', '', `${more.toLocaleString('en')} more problems are not listed`];
        }
        const name = url.split('/').at(-1);
        // A stream is sent as is (Fastify does not serialise streams); typed as the documented string.
        return sendCsv(reply, {
          filename: `${name}-problems.csv`,
          columns: ['line', 'column', 'value', 'problem'],
          numericColumns: [0],
          rows: rows(),
        }) as unknown as string;
      },
    );
    app.post(
      url,
      {
        config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
        bodyLimit: 512 * 1024 * 1024,
        schema: {
          tags: ['imports'],
          summary,
          description: CSV_BODY + description + PROGRESS,
          consumes: [...CSV_TYPES],
          querystring,
          response: reportResponses,
        },
        onRequest: refuseOtherTypes,
      },
      async (request, reply) => {
        const report = await runImport(request, run);
        return reply.status(report.committed ? 201 : 200).send(report);
      },
    );
  };

  csvImport(
    '/imports/payments',
    'Import a payments CSV: validate every row, then write all (mode=all), the valid ones (mode=valid) or nothing (mode=validate)',
    'Columns: account_external_id, amount (e.g. 120.50), currency, paid_at (YYYY-MM-DD or ISO date-time), channel, reference. ' +
      'Rows whose (source, reference) was imported before are skipped as duplicates. ',
    importModeSchema,
    (user, file, query, requestId, runProgress, maxErrors) =>
      paymentsImport.run(user, file, { ...query, requestId, progress: runProgress, maxErrors }),
  );

  csvImport(
    '/imports/portfolio',
    'Import a portfolio CSV (customers, their phones and e-mail, accounts): validate every row, then write all, the valid ones, or nothing',
    'One row per account. Required columns: debtor_external_id, account_external_id, currency. Optional: salutation, family_name, given_name, ' +
      'full_name, date_of_birth, preferred_language (en, zh-CN), time_zone (IANA), mobile_phone, home_phone, work_phone, email, address, postal_code, region, country (ISO 3166), creditor_code, ' +
      'product, balance, overdue, instalment (major units), oldest_unpaid_due_date, missed_instalments, opened_at, status, assigned_collector (username). ' +
      'Existing customers and accounts (by external id) are updated, blank cells keep the current value; a customer is never duplicated; ' +
      'phones and e-mail addresses are added when new. What is written is written in one transaction. ',
    portfolioImportQuerySchema,
    (user, file, query, requestId, runProgress, maxErrors) =>
      portfolioImport.run(user, file, { ...query, requestId, progress: runProgress, maxErrors }),
  );

  app.get(
    '/imports/progress/:importId',
    {
      config: { access: ADMINS, authz: authz({ admin: 'scoped' }) },
      schema: {
        tags: ['imports'],
        summary:
          'Where a running import is: phase (reading, checking, writing, evaluating, done) and row counts; only for the user who started it',
        params: importProgressParamsSchema,
        response: {
          200: importProgressSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const state = progress.get(request.params.importId, currentUser(request).id);
      if (!state) throw new NotFoundError('No import with this id is running or recently finished.');
      return state;
    },
  );
};
