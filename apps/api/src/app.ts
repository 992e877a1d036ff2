import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { directSql, type Db } from '@crm/db';
import { createPasswordHasher, RECOMMENDED_SCRYPT_COST } from '@crm/db/password';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Env } from './config/env.js';
import type { JobTable } from './jobs/job-runner.js';
import { jobsPlugin } from './jobs/jobs-plugin.js';
import { createJobsRepository } from './jobs/jobs.repository.js';
import { registerModules } from './lib/api-module.js';
import { noCacheNotices } from './lib/cache-notices.js';
import { startCacheNotices } from './lib/cache-notices.repository.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createUnitOfWork } from './lib/transaction.js';
import { createAccountsModule } from './modules/accounts/accounts.module.js';
import { createAuditModule } from './modules/audit/audit.module.js';
import { createAuthModule } from './modules/auth/auth.module.js';
import { createCaseFileModule } from './modules/case-file/case-file.module.js';
import { createComplianceModule } from './modules/compliance/compliance.module.js';
import { createConsentModule } from './modules/consent/consent.module.js';
import { createStopFlagsModule } from './modules/stop-flags/stop-flags.module.js';
import { createContactPointsModule } from './modules/contact-points/contact-points.module.js';
import { createContactsModule } from './modules/contacts/contacts.module.js';
import { createCreditorsModule } from './modules/creditors/creditors.module.js';
import { createDisputesModule } from './modules/disputes/disputes.module.js';
import { createHealthModule } from './modules/health/health.module.js';
import { createImportsModule } from './modules/imports/imports.module.js';
import { createMessagesModule } from './modules/messages/messages.module.js';
import { createPaymentsModule } from './modules/payments/payments.module.js';
import { createPracticeModule } from './modules/practice/practice.module.js';
import { createPoliciesModule } from './modules/policies/policies.module.js';
import { createPromisesModule } from './modules/promises/promises.module.js';
import { createQueueModule } from './modules/queue/queue.module.js';
import { createKpiSummary, createReportsModule } from './modules/reports/reports.module.js';
import { createScriptsModule } from './modules/scripts/scripts.module.js';
import { createStagesModule } from './modules/stages/stages.module.js';
import { createUsersModule } from './modules/users/users.module.js';
import type { Core } from './modules/core.js';
import { auditPlugin } from './plugins/audit.js';
import { authPlugin } from './plugins/auth.js';
import { errorHandlerPlugin, sendNotFound } from './plugins/error-handler.js';
import { answerClientError, answerUndecodableUrl } from './plugins/framework-errors.js';
import { openapiPlugin } from './plugins/openapi.js';
import { validatorCompiler } from './plugins/validation.js';

export interface BuildAppOptions {
  env: Env;
  db: Db;
  /** Reports and the contact log read through this client (DATABASE_READ_URL, a replica); default `db`. */
  readDb?: Db;
  clock?: Clock;
  /** A pino logger; none in tests. */
  logger?: FastifyBaseLogger;
  /**
   * Run the job worker in this process (JOBS=in-process) on this database, the app role's URL.
   * None (tests, JOBS=off): no background work here; jobs added still wait in the database.
   */
  jobsDatabaseUrl?: string;
  /**
   * Cache sessions, users and policies in this process, dropped on the database's notices (ADR 046):
   * the LISTEN connection's URL (the primary). None: no cache, every request reads them.
   */
  cacheNoticesUrl?: string;
}

/** Registers plugins, then modules. Never listens (server.ts does). */
export async function buildApp({
  env,
  db,
  readDb = db,
  clock = systemClock,
  logger,
  jobsDatabaseUrl,
  cacheNoticesUrl,
}: BuildAppOptions) {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    // X-Forwarded-* only from the proxies TRUST_PROXY names (default: none), so a client cannot
    // pick its own address for the sign-in limits by sending the header.
    trustProxy: env.TRUST_PROXY,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    // A client that sends a body slowly or never finishes it (slowloris) is cut off; the server
    // checks open requests often enough for the timeout to mean what it says.
    // Node reads these when the server is created (setting them afterwards, as Fastify does with
    // its own option, is not enough), so they go in both places.
    requestTimeout: env.REQUEST_TIMEOUT_SECONDS * 1000,
    http: {
      requestTimeout: env.REQUEST_TIMEOUT_SECONDS * 1000,
      connectionsCheckingInterval: Math.min(30_000, Math.max(250, (env.REQUEST_TIMEOUT_SECONDS * 1000) / 4)),
    },
    // Path parameters are validated by the routes' schemas, which name the field; the router's
    // own limit only stops absurd lengths.
    routerOptions: { maxParamLength: 1000 },
    // URLs the router cannot decode, requests Node cannot parse: the one error shape too.
    frameworkErrors: answerUndecodableUrl,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // API answers carry personal data: no browser, proxy or CDN may keep a copy.
    if (request.url.startsWith('/api')) reply.header('cache-control', 'no-store');
    // Answered before the whole request arrived (refused early, or an upload stopped at its first
    // bad line): the rest of the body is still on the wire, so this connection cannot carry the
    // next request. Close it, or a keep-alive client's next request waits behind unread bytes.
    if (!request.raw.complete) reply.header('connection', 'close');
  });

  // The modules, each built from typed dependencies (docs/architecture.md, "Modules"). Shared by
  // all: the one Prisma client, the unit of work (one transaction, retried on deadlock; ADR 009),
  // the clock, the audit trail and the policies reader.
  const uow = createUnitOfWork(db);
  const rawUow = createUnitOfWork(directSql(db));
  const cacheTtlMs = env.CACHE_TTL_SECONDS * 1000;
  const notices =
    cacheNoticesUrl && cacheTtlMs > 0
      ? startCacheNotices({ connectionString: cacheNoticesUrl, log: app.log })
      : noCacheNotices;
  app.decorate('cacheNotices', notices);
  app.addHook('onClose', () => notices.close());
  const { audit, module: auditModule } = createAuditModule({ db });
  const { policies, module: policiesModule } = createPoliciesModule({
    db,
    uow,
    audit,
    onSaved: (tx) => queue.invalidateAll(tx),
    notices,
    cacheTtlMs,
  });
  const core: Core = { db, readDb, uow, rawUow, clock, audit, policies };
  const passwords = createPasswordHasher({ ...RECOMMENDED_SCRYPT_COST, log2N: env.PASSWORD_SCRYPT_LOG2_N });
  const auth = createAuthModule({
    ...core,
    passwords,
    loginsPerUsernamePerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
    loginsPerAddressPerMinute: env.LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE,
    sessionTtlMs: env.SESSION_TTL_HOURS * 3_600_000,
    sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
    notices,
    cacheTtlMs,
    cookieSecure: env.COOKIE_SECURE,
  });
  const { access, module: accountsModule } = createAccountsModule({
    ...core,
    onAssigned: (tx) => queue.invalidateAll(tx),
  });
  const { gate, gateFacts } = createComplianceModule(core);
  const jobQueue = createJobsRepository(db);
  const { promises, module: promisesModule } = createPromisesModule({
    ...core,
    access,
    // A payment or a promise judged: the worklist recomputes those customers in the background (ADR 041).
    onAccountsChanged: (tx, accountIds) =>
      jobQueue.add(
        {
          task: 'worklist.accounts',
          payload: { accountIds },
          ...(accountIds.length === 1 ? { jobKey: `worklist.accounts:${accountIds[0]}` } : {}),
        },
        tx,
      ),
  });
  const { queue, module: queueModule } = createQueueModule({
    ...core,
    gateFacts,
    leaseMinutes: env.LEASE_MINUTES,
    maxAgeSeconds: env.WORKLIST_MAX_AGE_SECONDS,
  });
  const { stageHistory, rollRates, stageMonths } = createStagesModule(core);
  const { stopFlags, module: stopFlagsModule } = createStopFlagsModule({
    ...core,
    access,
    gateFacts,
    onChanged: (tx) => queue.invalidateAll(tx),
  });
  const { disputes, module: disputesModule } = createDisputesModule({
    ...core,
    access,
    gateFacts,
    stopFlags,
    collector: {
      name: env.COLLECTOR_NAME,
      mailingAddress: env.COLLECTOR_MAILING_ADDRESS.split('|').map((l) => l.trim()),
    },
    onChanged: (tx) => queue.invalidateAll(tx),
  });
  const imports = createImportsModule({ ...core, promises });
  const { reminders, module: messagesModule } = createMessagesModule({
    ...core,
    gate,
    letters: { renderer: disputes, spoolDir: env.LETTER_SPOOL_DIR },
  });

  await app.register(errorHandlerPlugin);
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  // Answers compressed when the client accepts it (brotli at a light level, else gzip; ADR 044):
  // JSON, and CSV downloads as they stream (a late failure still cuts the response: csv.test.ts).
  // The SPA's files come precompressed from the build; small answers (< 1 kB) go as they are.
  // Brotli quality 2, not the plugin's 4: on a 41 KB case file it is about 3x less CPU and the
  // output no larger (ADR 052); every answer is compressed on the request's thread.
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    brotliOptions: {
      params: {
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_QUALITY]: 2,
      },
    },
  });
  await app.register(openapiPlugin);
  await app.register(authPlugin, { authService: auth.authService });
  await app.register(auditPlugin, { audit });

  // The API: each module's routes, under the paths it declares (a route elsewhere fails here).
  await app.register(
    (api) =>
      registerModules(api, [
        createHealthModule(core),
        auth.module,
        accountsModule,
        createUsersModule({ ...core, passwords, notices }),
        createCreditorsModule(core),
        policiesModule,
        createReportsModule({ ...core, rollRates }),
        queueModule,
        createCaseFileModule({ ...core, disputes }),
        createScriptsModule({ ...core, access }),
        createPracticeModule(core),
        createContactsModule({
          ...core,
          access,
          gate,
          disputes,
          onRecording: (tx, debtorId) => queue.recording(tx, debtorId),
        }),
        createConsentModule({ ...core, access, gateFacts, onChanged: (tx) => queue.invalidateAll(tx) }),
        stopFlagsModule,
        createContactPointsModule({ ...core, access, gateFacts, onChanged: (tx) => queue.invalidateAll(tx) }),
        disputesModule,
        createPaymentsModule({ ...core, promises }),
        promisesModule,
        auditModule,
        messagesModule,
        imports.module,
      ]),
    { prefix: '/api' },
  );

  // Background work (ADR 040), run by graphile-worker on PostgreSQL: by any API process with
  // JOBS=in-process and by any `pnpm worker`, each job by exactly one of them. State-based, so a
  // run catches up after downtime. Each job's name, handler and (when recurring) UTC schedule.
  const kpiSummary = createKpiSummary(core);
  const jobs: JobTable = {
    'promises.judge': { cron: '* * * * *', handler: () => promises.sweep() },
    // Queue reminders for promises falling due, then send what is due (each through the gate).
    'reminders.run': {
      cron: '* * * * *',
      handler: async () => ({ queued: await reminders.schedule(), ...(await reminders.send()) }),
    },
    'stages.record': {
      cron: '*/10 * * * *',
      handler: async () => stageHistory.recordTransitions(await policies.stageThresholds(), clock.now()),
    },
    // Roll rates' monthly snapshot (ADR 055): finished months not (or no longer) ready, a few per run.
    'stages.snapshot': { cron: '*/10 * * * *', handler: () => stageMonths.fillFinished() },
    // The KPI report's daily summary (ADR 045): the days changed since, and the days around today.
    'kpis.refresh': { cron: '* * * * *', handler: () => kpiSummary.refresh() },
    'kpis.recheck': { cron: '*/15 * * * *', handler: () => kpiSummary.recheck() },
    // The worklist (ADR 041): worklists missing, stale or half their max age old are computed again,
    // then the orphan check reports and repairs open accounts that are in no worklist.
    'worklist.refresh': {
      cron: '*/5 * * * *',
      handler: async () => {
        const refreshed = await queue.refreshStale((env.WORKLIST_MAX_AGE_SECONDS * 1000) / 2, 500);
        const { orphans, rebuilt } = await queue.repairOrphans(1000);
        if (orphans.length > 0) app.log.warn({ orphans, rebuilt }, 'worklist: orphan accounts found and repaired');
        return { ...refreshed, orphans: orphans.length };
      },
    },
    // Accounts whose facts changed outside a collector's recording (payments, promises judged).
    'worklist.accounts': {
      handler: async (payload) => queue.accountsChanged((payload as { accountIds?: string[] }).accountIds ?? []),
    },
    // Customers an outcome was recorded on: their rows, marked stale in its transaction (ADR 053).
    'worklist.customers': {
      handler: async (payload) => queue.customersChanged((payload as { debtorIds?: string[] }).debtorIds ?? []),
    },
    housekeeping: {
      cron: '17 * * * *',
      handler: async () => {
        for (const task of auth.housekeeping) await task();
      },
    },
    // Imports (ADR 042): imports.run per upload; imports.recover re-queues (or fails) one whose worker died.
    ...imports.jobs,
  };
  // The job table, for whoever runs a job by hand (tests run handlers without a runner).
  app.decorate('jobs', jobs);
  await app.register(jobsPlugin, {
    connectionString: env.JOBS === 'in-process' ? jobsDatabaseUrl : undefined,
    jobs,
    concurrency: env.JOB_CONCURRENCY,
  });

  // The built SPA, with index.html for client-side routes (ADR 044): its hashed files under
  // /assets never change, so browsers keep them a year; index.html, which names them, is checked
  // on every load. Each file's brotli/gzip copy from the build is sent to a client that accepts it.
  const webDist = env.WEB_DIST ?? path.resolve(import.meta.dirname, '../../web/dist');
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      preCompressed: true,
      setHeaders: (reply, file) =>
        reply.header(
          'cache-control',
          path.relative(webDist, file).startsWith(`assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        ),
    });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api') || !hasWeb || request.method !== 'GET') return sendNotFound(request, reply);
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
