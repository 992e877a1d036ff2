import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { Db } from '@crm/db';
import { createPasswordHasher, RECOMMENDED_SCRYPT_COST } from '@crm/db/password';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Env } from './config/env.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createUnitOfWork } from './lib/transaction.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { createAccountsRepository } from './modules/accounts/accounts.repository.js';
import { createAccountsService } from './modules/accounts/accounts.service.js';
import { createAuditRepository } from './modules/audit/audit.repository.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { createAuthRepository } from './modules/auth/auth.repository.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { createLoginThrottleRepository } from './modules/auth/login-throttle.repository.js';
import { createLoginThrottle } from './modules/auth/login-throttle.service.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { createPoliciesRepository } from './modules/policies/policies.repository.js';
import { policiesRoutes } from './modules/policies/policies.routes.js';
import { createPoliciesService } from './modules/policies/policies.service.js';
import { createReportsRepository } from './modules/reports/reports.repository.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { createReportsService } from './modules/reports/reports.service.js';
import { createKpisRepository } from './modules/reports/kpis.repository.js';
import { createKpisService } from './modules/reports/kpis.service.js';
import { createUsersRepository } from './modules/users/users.repository.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { createCreditorsRepository } from './modules/creditors/creditors.repository.js';
import { creditorsRoutes } from './modules/creditors/creditors.routes.js';
import { createCreditorsService } from './modules/creditors/creditors.service.js';
import { createUsersService } from './modules/users/users.service.js';
import { createAccountAccess } from './modules/accounts/account-access.js';
import { createAssignmentRepository } from './modules/accounts/assignment.repository.js';
import { assignmentRoutes } from './modules/accounts/assignment.routes.js';
import { createAssignmentService } from './modules/accounts/assignment.service.js';
import { createCaseFileRepository } from './modules/case-file/case-file.repository.js';
import { caseFileRoutes } from './modules/case-file/case-file.routes.js';
import { createCaseFileService } from './modules/case-file/case-file.service.js';
import { createContactGate } from './modules/compliance/contact-gate.service.js';
import { createGateFactsRepository } from './modules/compliance/gate-facts.repository.js';
import { createContactsRepository } from './modules/contacts/contacts.repository.js';
import { contactsRoutes } from './modules/contacts/contacts.routes.js';
import { createContactLogRepository } from './modules/contacts/contact-log.repository.js';
import { contactLogRoutes } from './modules/contacts/contact-log.routes.js';
import { createContactLogService } from './modules/contacts/contact-log.service.js';
import { createReviewsRepository } from './modules/contacts/reviews.repository.js';
import { createReviewsService } from './modules/contacts/reviews.service.js';
import { createContactsService } from './modules/contacts/contacts.service.js';
import { createQueueRepository } from './modules/queue/queue.repository.js';
import { queueRoutes } from './modules/queue/queue.routes.js';
import { createQueueService } from './modules/queue/queue.service.js';
import { createScriptsRepository } from './modules/scripts/scripts.repository.js';
import { scriptsRoutes } from './modules/scripts/scripts.routes.js';
import { createScriptsService } from './modules/scripts/scripts.service.js';
import { createScriptLibraryRepository } from './modules/scripts/script-library.repository.js';
import { createScriptLibraryService } from './modules/scripts/script-library.service.js';
import { createObjectionsService } from './modules/scripts/objections.service.js';
import { createObjectionsRepository } from './modules/scripts/objections.repository.js';
import { createPaymentsRepository } from './modules/payments/payments.repository.js';
import { paymentsRoutes } from './modules/payments/payments.routes.js';
import { createPaymentsService } from './modules/payments/payments.service.js';
import { createPromisesRepository } from './modules/promises/promises.repository.js';
import { createPromisesService } from './modules/promises/promises.service.js';
import { createLocalLogSender } from './modules/reminders/message-sender.js';
import { messagesRoutes } from './modules/reminders/messages.routes.js';
import { createMessagesRepository } from './modules/reminders/messages.repository.js';
import { createMessagesService } from './modules/reminders/messages.service.js';
import { createRemindersRepository } from './modules/reminders/reminders.repository.js';
import { createRemindersService } from './modules/reminders/reminders.service.js';
import { createImportsRepository } from './modules/imports/imports.repository.js';
import { importsRoutes } from './modules/imports/imports.routes.js';
import { createImportProgressRegistry } from './modules/imports/import-progress.js';
import { createPaymentsImportService } from './modules/imports/payments-import.service.js';
import { createPortfolioImportService } from './modules/imports/portfolio-import.service.js';
import { createPortfolioRepository } from './modules/imports/portfolio.repository.js';
import { createStageHistoryRepository } from './modules/stages/stage-history.repository.js';
import { createRollRatesRepository } from './modules/stages/roll-rates.repository.js';
import { createRollRatesService } from './modules/stages/roll-rates.service.js';
import { auditPlugin } from './plugins/audit.js';
import { authPlugin } from './plugins/auth.js';
import { periodicJobsPlugin } from './jobs/periodic-jobs.js';
import { errorHandlerPlugin, sendNotFound } from './plugins/error-handler.js';
import { validatorCompiler } from './plugins/validation.js';
import { openapiPlugin } from './plugins/openapi.js';
import { answerClientError, answerUndecodableUrl } from './plugins/framework-errors.js';

export interface BuildAppOptions {
  env: Env;
  db: Db;
  clock?: Clock;
  /** A pino logger; none in tests. */
  logger?: FastifyBaseLogger;
}

/** Registers plugins, then modules. Never listens (server.ts does). */
export async function buildApp({ env, db, clock = systemClock, logger }: BuildAppOptions) {
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

  // Wiring: repositories over the one Prisma client, services over repositories; writes that
  // must be atomic run in the unit of work (one transaction, retried on deadlock; ADR 009).
  const uow = createUnitOfWork(db);
  const audit = createAuditRepository(db);
  const policies = createPoliciesRepository(db);
  const passwords = createPasswordHasher({ ...RECOMMENDED_SCRYPT_COST, log2N: env.PASSWORD_SCRYPT_LOG2_N });
  const loginThrottle = createLoginThrottle({
    throttle: createLoginThrottleRepository(db),
    clock,
    perUsername: env.LOGIN_RATE_LIMIT_PER_MINUTE,
    perAddress: env.LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE,
  });
  const authService = createAuthService({
    auth: createAuthRepository(db),
    audit,
    clock,
    passwords,
    throttle: loginThrottle,
    sessionTtlMs: env.SESSION_TTL_HOURS * 3_600_000,
    sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
  });
  const accountsRepository = createAccountsRepository(db);
  const accountsService = createAccountsService({ accounts: accountsRepository, policies, clock });
  const usersService = createUsersService({ users: createUsersRepository(db), audit, passwords, uow });
  const access = createAccountAccess(accountsRepository);
  const gateFacts = createGateFactsRepository(db);
  // The one way an outbound contact is decided and recorded: under the customer's and the account's locks.
  const contactGate = createContactGate({ uow, gateFacts, clock });
  const queueService = createQueueService({
    queue: createQueueRepository(db),
    gateFacts,
    policies,
    clock,
    leaseMinutes: env.LEASE_MINUTES,
    snapshotSeconds: env.QUEUE_SNAPSHOT_SECONDS,
  });
  const caseFileService = createCaseFileService({ caseFiles: createCaseFileRepository(db), access, policies, clock });
  const scriptsService = createScriptsService({ scripts: createScriptsRepository(db), access, policies, clock });
  const promisesService = createPromisesService({ uow, promises: createPromisesRepository(db), policies, clock });
  const remindersRepository = createRemindersRepository(db);
  const messagesRepository = createMessagesRepository(db);
  const remindersService = createRemindersService({
    reminders: remindersRepository,
    sender: createLocalLogSender(messagesRepository),
    gate: contactGate,
    policies,
    clock,
  });
  const paymentsService = createPaymentsService({
    uow,
    clock,
    payments: createPaymentsRepository(db),
    promises: promisesService,
    audit,
  });
  const contactsService = createContactsService({
    contacts: createContactsRepository(db),
    access,
    gate: contactGate,
    policies,
    clock,
    onRecorded: (collectorId) => queueService.invalidate(collectorId),
  });
  const reportsService = createReportsService({ reports: createReportsRepository(db), policies, clock });

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
  await app.register(openapiPlugin);
  await app.register(authPlugin, { authService });
  await app.register(auditPlugin, { audit });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { pingDatabase: async () => void (await db.$queryRaw`SELECT 1`) });
      await api.register(authRoutes, { authService, cookieSecure: env.COOKIE_SECURE });
      await api.register(accountsRoutes, { accountsService });
      await api.register(usersRoutes, { usersService });
      await api.register(creditorsRoutes, {
        creditorsService: createCreditorsService({ creditors: createCreditorsRepository(db) }),
      });
      await api.register(policiesRoutes, {
        policiesService: createPoliciesService({ policies, audit, onSaved: () => queueService.invalidateAll() }),
      });
      await api.register(assignmentRoutes, {
        assign: createAssignmentService({
          assignment: createAssignmentRepository(db),
          uow,
          policies,
          audit,
          clock,
          onAssigned: () => queueService.invalidateAll(),
        }),
      });
      await api.register(reportsRoutes, {
        reportsService,
        kpisService: createKpisService({ kpis: createKpisRepository(db) }),
        rollRates: createRollRatesService({ rollRates: createRollRatesRepository(db) }),
      });
      await api.register(queueRoutes, { queueService });
      await api.register(caseFileRoutes, { caseFileService });
      await api.register(scriptsRoutes, {
        scriptsService,
        library: createScriptLibraryService({ library: createScriptLibraryRepository(db), audit, clock }),
        objections: createObjectionsService({ objections: createObjectionsRepository(db), audit }),
      });
      await api.register(contactsRoutes, { contactsService });
      await api.register(contactLogRoutes, {
        contactLog: createContactLogService({ contactLog: createContactLogRepository(db) }),
        reviews: createReviewsService({ reviews: createReviewsRepository(db), audit }),
      });
      await api.register(paymentsRoutes, { paymentsService });
      await api.register(auditRoutes, { auditService: createAuditService({ audit }) });
      await api.register(messagesRoutes, {
        messagesService: createMessagesService({ messages: messagesRepository }),
      });
      await api.register(importsRoutes, {
        paymentsImport: createPaymentsImportService({
          uow,
          imports: createImportsRepository(db, uow),
          promises: promisesService,
          audit,
          clock,
        }),
        portfolioImport: createPortfolioImportService({ portfolio: createPortfolioRepository(db), audit, clock }),
        progress: createImportProgressRegistry(clock),
      });
    },
    { prefix: '/api' },
  );

  // Promises whose date passed are judged by an in-process job; it catches up after downtime
  // because it looks at state (pending promises past their grace), not at missed ticks.
  await app.register(periodicJobsPlugin, {
    intervalSeconds: env.PROMISE_SWEEP_SECONDS,
    promises: promisesService,
    reminders: remindersService,
    stageHistory: createStageHistoryRepository(db),
    policies,
    // Sessions past their lifetime no longer sign anyone in; sign-in windows that ended count nothing.
    housekeeping: [() => authService.purgeExpiredSessions(), () => loginThrottle.purge()],
    clock,
  });

  // The built SPA, with index.html for client-side routes.
  const webDist = env.WEB_DIST ?? path.resolve(import.meta.dirname, '../../web/dist');
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api') || !hasWeb || request.method !== 'GET') return sendNotFound(request, reply);
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
