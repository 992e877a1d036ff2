import {
  complianceProfileSchema,
  rejectBodySchema,
  accountIdParamsSchema,
  createDraftBodySchema,
  errorResponseSchema,
  lintRequestSchema,
  lintResponseSchema,
  objectionBodySchema,
  objectionIdParamsSchema,
  objectionListSchema,
  objectionSchema,
  objectionVersionListSchema,
  objectionVersionParamsSchema,
  publishBodySchema,
  restoreObjectionBodySchema,
  scriptIdParamsSchema,
  scriptListSchema,
  scriptVersionDetailSchema,
  scriptVersionIdParamsSchema,
  suggestedScriptSchema,
  updateDraftBodySchema,
} from '@crm/contracts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS, authz, STAFF, SUPERVISORS } from '../../plugins/access.js';
import type { ObjectionsService } from './objections.service.js';
import type { ScriptLibraryService } from './script-library.service.js';
import { auditAccounts, audited } from '../../plugins/audit.js';
import { currentUser } from '../../plugins/auth.js';
import type { ScriptsService } from './scripts.service.js';

export const scriptsRoutes: FastifyPluginAsyncZod<{
  scriptsService: ScriptsService;
  library: ScriptLibraryService;
  objections: ObjectionsService;
}> = async (app, { scriptsService, library, objections }) => {
  app.get(
    '/accounts/:id/suggested-script',
    {
      // Filled in with the customer's name and amounts: audited like the case file.
      config: {
        access: STAFF,
        authz: authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' }),
        audit: audited(suggestedScriptSchema, { action: 'script.suggested' }),
      },
      schema: {
        tags: ['scripts'],
        summary:
          "The published script for the account's stage in the customer's language, filled in, with the stage's objection answers",
        params: accountIdParamsSchema,
        response: {
          200: suggestedScriptSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => scriptsService.suggested(currentUser(request), request.params.id),
  );

  app.post(
    '/scripts/lint',
    {
      config: { access: SUPERVISORS, authz: authz({ supervisor: 'allowed', admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary:
          'Compliance lint of script text: each finding with its category, span, excerpt, explanation and a lawful alternative',
        description:
          'Categories (compliance.md): arrest_or_crime, impersonation, false_legal_action, false_urgency, third_party_disclosure, insult, ' +
          'blacklist_or_relatives, borrow_to_pay, private_channel_or_fee, visit_or_violence. English and Chinese (simplified or traditional). ' +
          'The missing_disclosure rule applies to whole scripts (opening and verification steps), when a version is checked for publishing.',
        body: lintRequestSchema,
        response: {
          200: lintResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
        },
      },
    },
    async (request) => scriptsService.lint(request.body.text, request.body.locale),
  );

  // Standard error statuses (400, 401, 403, 404 with ids...) come from plugins/openapi.ts; 409: a
  // version that is no longer a draft, a save that raced another, findings without a justification.
  const conflict = { 409: errorResponseSchema };

  app.get(
    '/scripts',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary: 'The script library: every script (stage and language) with its versions, newest first',
        response: { 200: scriptListSchema },
      },
    },
    async () => library.list(),
  );

  app.get(
    '/scripts/versions/:versionId',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary: 'One script version with its steps',
        params: scriptVersionIdParamsSchema,
        response: { 200: scriptVersionDetailSchema },
      },
    },
    async (request) => library.get(request.params.versionId),
  );

  app.post(
    '/scripts/:scriptId/drafts',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary:
          'Start a draft: a copy of fromVersionId (restores an earlier version) or of the published version; audited',
        params: scriptIdParamsSchema,
        body: createDraftBodySchema,
        response: { 201: scriptVersionDetailSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await library.createDraft(
            currentUser(request),
            request.params.scriptId,
            request.body.fromVersionId,
            String(request.id),
          ),
        ),
  );

  app.put(
    '/scripts/versions/:versionId',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary: "Save a draft's steps (structure and variables are validated; only drafts can change); audited",
        params: scriptVersionIdParamsSchema,
        body: updateDraftBodySchema,
        response: { 200: scriptVersionDetailSchema, ...conflict },
      },
    },
    async (request) =>
      library.updateDraft(currentUser(request), request.params.versionId, request.body, String(request.id)),
  );

  app.get(
    '/scripts/versions/:versionId/lint',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary: 'Compliance findings of a whole version (each step and branch, plus the disclosure rule)',
        params: scriptVersionIdParamsSchema,
        response: {
          200: z.object({
            findings: z.array(
              lintResponseSchema.shape.findings.element.extend({
                step: z.string(),
                branch: z.string().optional(),
                /** The compliance profiles that raise it, when not all the version serves (the disclosure rule). */
                profiles: z.array(complianceProfileSchema).optional(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ findings: await library.lint(request.params.versionId) }),
  );

  app.post(
    '/scripts/versions/:versionId/publish',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary:
          'Publish a draft: the previous published version is archived in the same transaction; findings need a justification (409 lists them otherwise)',
        params: scriptVersionIdParamsSchema,
        body: publishBodySchema,
        response: { 200: scriptVersionDetailSchema, ...conflict },
      },
    },
    async (request) =>
      library.publish(currentUser(request), request.params.versionId, request.body.justification, String(request.id)),
  );

  app.post(
    '/scripts/versions/:versionId/approve',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary:
          'Approve a version awaiting approval (findings justified): published, the previous one archived; only an admin who is neither its author nor its submitter (403); audited',
        params: scriptVersionIdParamsSchema,
        response: { 200: scriptVersionDetailSchema, ...conflict },
      },
    },
    async (request) => library.approve(currentUser(request), request.params.versionId, String(request.id)),
  );

  app.post(
    '/scripts/versions/:versionId/reject',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary: 'Reject a version awaiting approval, with a note for its author (never published); audited',
        params: scriptVersionIdParamsSchema,
        body: rejectBodySchema,
        response: { 200: scriptVersionDetailSchema, ...conflict },
      },
    },
    async (request) =>
      library.reject(currentUser(request), request.params.versionId, request.body.note, String(request.id)),
  );

  app.get(
    '/objections',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary: 'Prepared answers to objections (all, inactive included)',
        response: { 200: objectionListSchema },
      },
    },
    async () => objections.list(),
  );
  app.post(
    '/objections',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary: 'Add an objection answer (linted; findings need a justification); audited',
        body: objectionBodySchema,
        response: { 201: objectionSchema, ...conflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await objections.create(currentUser(request), request.body, String(request.id))),
  );
  app.put(
    '/objections/:objectionId',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary:
          'Save a new version of an objection answer: category, what the customer says, the answer, stages, language, active; audited',
        params: objectionIdParamsSchema,
        body: objectionBodySchema,
        response: { 200: objectionSchema, ...conflict },
      },
    },
    async (request) =>
      objections.update(currentUser(request), request.params.objectionId, request.body, String(request.id)),
  );
  app.get(
    '/objections/:objectionId/versions',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary:
          "An objection answer's versions, newest first: content, who saved it and when, findings and justification",
        params: objectionIdParamsSchema,
        response: { 200: objectionVersionListSchema },
      },
    },
    async (request) => objections.versions(request.params.objectionId),
  );
  app.post(
    '/objections/:objectionId/versions/:versionId/restore',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary:
          "Save an earlier version's content as the next version (linted again; findings need a justification); audited",
        params: objectionVersionParamsSchema,
        body: restoreObjectionBodySchema,
        response: { 200: objectionSchema, ...conflict },
      },
    },
    async (request) =>
      objections.restore(
        currentUser(request),
        request.params.objectionId,
        request.params.versionId,
        request.body,
        String(request.id),
      ),
  );

  app.post(
    '/objections/:objectionId/versions/:versionId/approve',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary:
          "Put a version awaiting approval (findings, justified) in force; only an admin who is not the version's author (403); audited",
        params: objectionVersionParamsSchema,
        response: { 200: objectionSchema, ...conflict },
      },
    },
    async (request) =>
      objections.approve(
        currentUser(request),
        request.params.objectionId,
        request.params.versionId,
        String(request.id),
      ),
  );
  app.post(
    '/objections/:objectionId/versions/:versionId/reject',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['scripts'],
        summary: 'Reject a version awaiting approval, with a note; the answer in force stays; audited',
        params: objectionVersionParamsSchema,
        body: rejectBodySchema,
        response: { 200: objectionSchema, ...conflict },
      },
    },
    async (request) =>
      objections.reject(
        currentUser(request),
        request.params.objectionId,
        request.params.versionId,
        request.body.note,
        String(request.id),
      ),
  );

  app.get(
    '/scripts/versions/:versionId/preview',
    {
      config: {
        access: ADMINS,
        authz: authz({ admin: 'allowed' }),
        // The account it was rendered against is added by the handler (the response does not name it).
        audit: audited(suggestedScriptSchema, {
          action: 'script.preview',
          entityType: 'script_version',
          entityId: (request) => (request.params as { versionId?: string }).versionId,
          purpose: 'script_preview',
        }),
      },
      schema: {
        tags: ['scripts'],
        summary: 'Render any version (a draft included) against a real account, exactly as the collector will see it',
        params: scriptVersionIdParamsSchema,
        querystring: z.object({
          account: z.string().trim().min(1, { message: 'is required (an account number)' }).max(64),
        }),
        response: { 200: suggestedScriptSchema },
      },
    },
    async (request) => {
      const { accountId, script } = await scriptsService.preview(
        currentUser(request),
        request.params.versionId,
        request.query.account,
      );
      auditAccounts(request, [accountId]);
      return script;
    },
  );
};
