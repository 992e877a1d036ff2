import {
  caseFileSchema,
  errorResponseSchema,
  practiceLineBodySchema,
  practiceLineResponseSchema,
  practiceOutcomeBodySchema,
  practiceScenarioDetailSchema,
  practiceScenarioListSchema,
  practiceScenarioParamsSchema,
  practiceScenarioQuerySchema,
  practiceSessionListQuerySchema,
  practiceSessionListSchema,
  practiceSessionParamsSchema,
  practiceSessionSchema,
  savePracticeScenarioBodySchema,
  startPracticeBodySchema,
  suggestedScriptSchema,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS, authz, STAFF } from '../../plugins/access.js';
import { audited } from '../../plugins/audit.js';
import { currentUser } from '../../plugins/auth.js';
import type { PracticeService } from './practice.service.js';

/** Who reaches a session: the trainee, their team's supervisor, any admin (others 404). */
const SESSION_AUTHZ = authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' });
const tags = ['practice'];

export const practiceRoutes: FastifyPluginAsyncZod<{ practice: PracticeService }> = async (app, { practice }) => {
  app.get(
    '/practice/scenarios',
    {
      config: { access: STAFF, authz: authz({ collector: 'allowed', supervisor: 'allowed', admin: 'allowed' }) },
      schema: {
        tags,
        summary: 'The practice scenario library (newest version of each), optionally in one language',
        querystring: practiceScenarioQuerySchema,
        response: { 200: practiceScenarioListSchema },
      },
    },
    async (request) => practice.listScenarios(request.query.locale),
  );

  app.get(
    '/practice/scenarios/:scenarioId',
    {
      // The turn graph tells what the customer will say: for the admins who edit it, not the trainees.
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags,
        summary: "A scenario's newest version with its whole content (persona, facts, turn graph, expected outcome)",
        params: practiceScenarioParamsSchema,
        response: { 200: practiceScenarioDetailSchema },
      },
    },
    async (request) => practice.scenario(request.params.scenarioId),
  );

  app.put(
    '/practice/scenarios/:scenarioId',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags,
        summary: 'Save a new version of a scenario (validated: each problem names its field); audited',
        params: practiceScenarioParamsSchema,
        body: savePracticeScenarioBodySchema,
        response: { 200: practiceScenarioDetailSchema },
      },
    },
    async (request) =>
      practice.saveScenario(currentUser(request), request.params.scenarioId, request.body.content, String(request.id)),
  );

  app.post(
    '/practice/sessions',
    {
      config: { access: STAFF, authz: authz({ collector: 'allowed', supervisor: 'allowed', admin: 'allowed' }) },
      schema: {
        tags,
        summary:
          'Start a practice call on a scenario: for yourself, or (supervisors, admins) assigned to a collector of your teams; audited',
        body: startPracticeBodySchema,
        response: { 201: practiceSessionSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await practice.start(currentUser(request), request.body, String(request.id))),
  );

  app.get(
    '/practice/sessions',
    {
      config: { access: STAFF, authz: SESSION_AUTHZ },
      schema: {
        tags,
        summary: "Practice sessions with their scores: a collector's own, a supervisor's teams', all for admins",
        querystring: practiceSessionListQuerySchema,
        response: { 200: practiceSessionListSchema },
      },
    },
    async (request) => practice.list(currentUser(request), request.query.traineeId),
  );

  app.get(
    '/practice/sessions/:sessionId',
    {
      config: { access: STAFF, authz: SESSION_AUTHZ },
      schema: {
        tags,
        summary: 'A practice session: the turn log (each line with its intents and linter findings), outcome, debrief',
        params: practiceSessionParamsSchema,
        response: { 200: practiceSessionSchema },
      },
    },
    async (request) => practice.get(currentUser(request), request.params.sessionId),
  );

  const sessionRead = (action: string) =>
    audited(caseFileSchema, {
      action,
      entityType: 'practice_session',
      entityId: (request) => (request.params as { sessionId?: string }).sessionId,
    });

  app.get(
    '/practice/sessions/:sessionId/case-file',
    {
      // Synthetic facts in the workstation's shape (its fields are tagged personal): audited like one.
      config: { access: STAFF, authz: SESSION_AUTHZ, audit: sessionRead('practice.case_file') },
      schema: {
        tags,
        summary: "The scenario's synthetic customer and account as a workstation case file (never a real account)",
        params: practiceSessionParamsSchema,
        response: { 200: caseFileSchema },
      },
    },
    async (request) => practice.caseFile(currentUser(request), request.params.sessionId),
  );

  app.get(
    '/practice/sessions/:sessionId/suggested-script',
    {
      config: { access: STAFF, authz: SESSION_AUTHZ, audit: sessionRead('practice.suggested_script') },
      schema: {
        tags,
        summary:
          "The published script for the scenario's stage and language, filled with its synthetic facts, and the objection answers",
        params: practiceSessionParamsSchema,
        response: { 200: suggestedScriptSchema },
      },
    },
    async (request) => practice.suggestedScript(currentUser(request), request.params.sessionId),
  );

  // 409: the call has ended, or the session is finished.
  const conflict = { 409: errorResponseSchema };

  app.post(
    '/practice/sessions/:sessionId/lines',
    {
      config: { access: STAFF, authz: SESSION_AUTHZ },
      schema: {
        tags,
        summary: "The trainee's line: the linter's findings and intents, and the customer's next turn; audited",
        params: practiceSessionParamsSchema,
        body: practiceLineBodySchema,
        response: { 200: practiceLineResponseSchema, ...conflict },
      },
    },
    async (request) =>
      practice.line(currentUser(request), request.params.sessionId, request.body.text, String(request.id)),
  );

  app.post(
    '/practice/sessions/:sessionId/outcome',
    {
      config: { access: STAFF, authz: SESSION_AUTHZ },
      schema: {
        tags,
        summary:
          "The outcome the trainee records (the workstation's outcome body, checked by the same outcome rules), kept on the session; audited",
        params: practiceSessionParamsSchema,
        body: practiceOutcomeBodySchema,
        response: { 200: practiceSessionSchema, ...conflict },
      },
    },
    async (request) =>
      practice.outcome(currentUser(request), request.params.sessionId, request.body, String(request.id)),
  );

  app.post(
    '/practice/sessions/:sessionId/finish',
    {
      config: { access: STAFF, authz: SESSION_AUTHZ },
      schema: {
        tags,
        summary:
          'Finish the practice call: the debrief (quality-review checklist from the turn log, outcome compared); audited',
        params: practiceSessionParamsSchema,
        response: { 200: practiceSessionSchema, ...conflict },
      },
    },
    async (request) => practice.finish(currentUser(request), request.params.sessionId, String(request.id)),
  );
};
