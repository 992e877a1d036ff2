import { Readable } from 'node:stream';
import {
  csvFileSchema,
  errorResponseSchema,
  importListQuerySchema,
  importListSchema,
  importModeSchema,
  importParamsSchema,
  importQueuedSchema,
  importViewSchema,
  portfolioImportQuerySchema,
  type ImportReport,
  type SessionUser,
} from '@crm/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { sendCsv } from '../../lib/csv.js';
import { BadRequestError, NotFoundError, UnsupportedMediaTypeError } from '../../lib/errors.js';
import { ADMINS, authz } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import { MAX_DOWNLOADED_ERRORS } from './csv-import.js';
import type { ImportRunsService } from './import-runs.service.js';
import type { PaymentsImportService } from './payments-import.service.js';
import type { PortfolioImportService } from './portfolio-import.service.js';

const uploadResponses = {
  202: importQueuedSchema,
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  413: errorResponseSchema,
  415: errorResponseSchema,
};
/** Uploaded files up to this size are accepted (stored in the database with the import, ADR 042). */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const CSV_BODY =
  'Body: the CSV file (Content-Type text/csv), UTF-8 with or without BOM, comma or semicolon, header row. ';
const QUEUED =
  'Answers 202 at once with the import id (and a Location): a worker runs it; follow it at GET /api/imports/{id} ' +
  '(status queued, running, succeeded or failed; phase and row counts; the report when succeeded).';

export const importsRoutes: FastifyPluginAsyncZod<{
  paymentsImport: PaymentsImportService;
  portfolioImport: PortfolioImportService;
  importRuns: ImportRunsService;
}> = async (app, { paymentsImport, portfolioImport, importRuns }) => {
  // CSV bodies are streamed to the parser, never buffered whole (large files).
  const CSV_TYPES = ['text/csv', 'application/csv', 'application/octet-stream'] as const;
  app.addContentTypeParser([...CSV_TYPES], (_request, payload, done) => done(null, payload));
  const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();
  // Before the body is read: a JSON (or any other) body is refused, not parsed up to the CSV size limit.
  const refuseOtherTypes = async (request: FastifyRequest) => {
    const type = mediaType(request.headers['content-type']);
    if (type && !(CSV_TYPES as readonly string[]).includes(type)) throw new UnsupportedMediaTypeError(CSV_TYPES);
  };
  const csvBody = (request: FastifyRequest): Readable => {
    if (!(request.body instanceof Readable)) {
      throw new BadRequestError('body is required: the CSV file (Content-Type text/csv)', [
        { field: 'body', message: 'is required: the CSV file (Content-Type text/csv)' },
      ]);
    }
    return request.body;
  };

  /**
   * Both imports: the CSV body stored with a queued import and its job, 202 at once (ADR 042).
   * Beside each, `<url>/problems`: the same file checked in the request (nothing written), every
   * problem as a CSV download (line, column, value, problem).
   */
  const csvImport = <Q extends { mode: 'validate' | 'all' | 'valid'; source?: string }>(
    kind: 'payments' | 'portfolio',
    summary: string,
    description: string,
    querystring: z.ZodType<Q>,
    run: (user: SessionUser, file: Readable, query: Q, requestId: string, maxErrors: number) => Promise<ImportReport>,
  ) => {
    const url = `/imports/${kind}`;
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
            `At most ${MAX_DOWNLOADED_ERRORS.toLocaleString('en')} problems are listed; a last row says how many more there are.`,
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
        const file = csvBody(request);
        const query = request.query as Q;
        const report = await run(
          currentUser(request),
          file,
          { ...query, mode: 'validate' },
          String(request.id),
          MAX_DOWNLOADED_ERRORS,
        );
        return sendProblems(reply, `${kind}-problems.csv`, report) as unknown as string;
      },
    );
    app.post(
      url,
      {
        config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
        bodyLimit: MAX_FILE_BYTES,
        schema: {
          tags: ['imports'],
          summary,
          description: CSV_BODY + description + QUEUED,
          consumes: [...CSV_TYPES],
          querystring,
          response: uploadResponses,
        },
        onRequest: refuseOtherTypes,
      },
      async (request, reply) => {
        const query = request.query as Q;
        const queued = await importRuns.upload(
          currentUser(request),
          kind,
          { mode: query.mode, ...(query.source ? { source: query.source } : {}) },
          csvBody(request),
          String(request.id),
          MAX_FILE_BYTES,
        );
        return reply.status(202).header('location', `/api/imports/${queued.id}`).send(queued);
      },
    );
  };

  csvImport(
    'payments',
    'Import a payments CSV: validate every row, then write all (mode=all), the valid ones (mode=valid) or nothing (mode=validate)',
    'Columns: account_external_id, amount (e.g. 120.50), currency, paid_at (YYYY-MM-DD or ISO date-time), channel, reference. ' +
      'Rows whose (source, reference) was imported before are skipped as duplicates. ',
    importModeSchema,
    (user, file, query, requestId, maxErrors) => paymentsImport.run(user, file, { ...query, requestId, maxErrors }),
  );

  csvImport(
    'portfolio',
    'Import a portfolio CSV (customers, their phones and e-mail, accounts): validate every row, then write all, the valid ones, or nothing',
    'One row per account. Required columns: debtor_external_id, account_external_id, currency. Optional: salutation, family_name, given_name, ' +
      'full_name, date_of_birth, preferred_language (en, zh-CN), time_zone (IANA), mobile_phone, home_phone, work_phone, email, address, postal_code, region, country (ISO 3166), creditor_code, ' +
      'product, balance, overdue, instalment (major units), oldest_unpaid_due_date, missed_instalments, opened_at, status, assigned_collector (username). ' +
      'Existing customers and accounts (by external id) are updated, blank cells keep the current value; a customer is never duplicated; ' +
      'phones and e-mail addresses are added when new. What is written is written in one transaction. ',
    portfolioImportQuerySchema,
    (user, file, query, requestId, maxErrors) => portfolioImport.run(user, file, { ...query, requestId, maxErrors }),
  );

  const readResponses = {
    400: errorResponseSchema,
    401: errorResponseSchema,
    403: errorResponseSchema,
    404: errorResponseSchema,
  };
  app.get(
    '/imports',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['imports'],
        summary:
          'Recent imports, newest first (paged with nextCursor): status, progress and, when finished, the report',
        querystring: importListQuerySchema,
        response: { 200: importListSchema, ...readResponses },
      },
    },
    async (request) => importRuns.list(request.query.limit, request.query.cursor),
  );
  app.get(
    '/imports/:id',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['imports'],
        summary:
          'One import, from the database (any API instance answers): status (queued, running, succeeded, failed), phase ' +
          '(reading, checking, writing, evaluating, done), row counts, the report when succeeded, the error when failed',
        params: importParamsSchema,
        response: { 200: importViewSchema, ...readResponses },
      },
    },
    async (request) => importRuns.get(request.params.id),
  );
  app.get(
    '/imports/:id/problems',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['imports'],
        summary:
          "A finished import's problems as CSV: line, column, value, problem (the first 1,000; a last row says how many more)",
        params: importParamsSchema,
        response: { 200: csvFileSchema, ...readResponses },
      },
    },
    async (request, reply) => {
      const found = await importRuns.get(request.params.id);
      if (!found.report) throw new NotFoundError('This import has no report yet (it is not finished, or it failed).');
      return sendProblems(reply, `${found.kind}-problems.csv`, found.report) as unknown as string;
    },
  );
};

/** Every problem of a report as a CSV download (a stream, sent as is; typed as the documented string). */
function sendProblems(reply: FastifyReply, filename: string, report: ImportReport) {
  const more = report.errorCount - report.errors.length;
  async function* rows() {
    for (const e of report.errors) yield [e.line, e.field, e.value ?? '', e.message];
    if (more > 0) yield ['', '', '', `${more.toLocaleString('en')} more problems are not listed`];
  }
  return sendCsv(reply, {
    filename,
    columns: ['line', 'column', 'value', 'problem'],
    numericColumns: [0],
    rows: rows(),
  });
}
