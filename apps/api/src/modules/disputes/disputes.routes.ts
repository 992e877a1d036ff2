import {
  accountDisputesSchema,
  accountIdParamsSchema,
  disputeParamsSchema,
  disputeSchema,
  errorResponseSchema,
  noticeParamsSchema,
  pdfFileSchema,
  queueValidationNoticeBodySchema,
  recordDisputeBodySchema,
  validationNoticeSchema,
  verificationSentBodySchema,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { audited } from '../../plugins/audit.js';
import { authz, STAFF, SUPERVISORS } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { DisputesService } from './disputes.service.js';

const SCOPED_STAFF = authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' });
/** What a write answers: the dispute without the customer's words (the list route, audited, has them). */
const disputeSummarySchema = disputeSchema.omit({ description: true, verificationSummary: true });

export const disputesRoutes: FastifyPluginAsyncZod<{ disputesService: DisputesService }> = async (
  app,
  { disputesService },
) => {
  app.get(
    '/accounts/:id/disputes',
    {
      config: {
        access: STAFF,
        authz: SCOPED_STAFF,
        audit: audited(accountDisputesSchema, { action: 'disputes.view' }),
      },
      schema: {
        tags: ['disputes'],
        summary: "The account's validation notices and disputes (audited read)",
        params: accountIdParamsSchema,
        response: { 200: accountDisputesSchema },
      },
    },
    async (request) => disputesService.list(currentUser(request), request.params.id),
  );

  app.post(
    '/accounts/:id/validation-notices',
    {
      config: { access: STAFF, authz: SCOPED_STAFF },
      schema: {
        tags: ['disputes'],
        summary: 'Queue the validation notice (Reg F 1006.34) as a letter in the outbox',
        description:
          'Rendered as a PDF from the account’s figures (English, plus a complete translation in the customer’s language ' +
          'where the profile allows) and sent by the print-and-mail drop; its sending date starts the validation period. ' +
          'One pending notice per account: asking again answers 200 with it. Refused (409) for a profile that sends none ' +
          'or a customer without a postal address. Audited.',
        params: accountIdParamsSchema,
        body: queueValidationNoticeBodySchema,
        response: { 200: validationNoticeSchema, 201: validationNoticeSchema, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { created, notice } = await disputesService.queueNotice(
        currentUser(request),
        request.params.id,
        request.body,
        String(request.id),
      );
      return reply.code(created ? 201 : 200).send(notice);
    },
  );

  app.get(
    '/accounts/:id/validation-notices/:noticeId/pdf',
    {
      config: {
        access: STAFF,
        authz: SCOPED_STAFF,
        // The letter carries the customer's name, address and figures: each download is audited.
        audit: { action: 'validation_notice.download' },
      },
      schema: {
        tags: ['disputes'],
        summary: "Download a validation notice's PDF (audited read of personal data)",
        params: noticeParamsSchema,
        response: { 200: pdfFileSchema },
      },
    },
    async (request, reply) => {
      const { fileName, content } = await disputesService.noticePdf(
        currentUser(request),
        request.params.id,
        request.params.noticeId,
      );
      // A Buffer is sent as is (Fastify does not serialise it); typed as the documented string.
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`)
        .send(content as unknown as string);
    },
  );

  app.post(
    '/accounts/:id/disputes',
    {
      config: { access: STAFF, authz: SCOPED_STAFF },
      schema: {
        tags: ['disputes'],
        summary: 'Record a dispute (written or oral): within the validation period it holds collection (Reg F 1006.38)',
        description:
          'A dispute received within the validation period, or before the notice was sent, pauses collection of the debt ' +
          '(a dispute_hold stop flag) until verification is sent; after the period it is recorded without a hold unless the ' +
          'profile holds every dispute or `hold` asks for one. Audited.',
        params: accountIdParamsSchema,
        body: recordDisputeBodySchema,
        response: { 201: disputeSummarySchema },
      },
    },
    async (request, reply) => {
      const saved = await disputesService.record(
        currentUser(request),
        request.params.id,
        request.body,
        String(request.id),
      );
      return reply.code(201).send(saved);
    },
  );

  app.post(
    '/accounts/:id/disputes/:disputeId/verification-sent',
    {
      config: { access: SUPERVISORS, authz: authz({ supervisor: 'scoped', admin: 'allowed' }) },
      schema: {
        tags: ['disputes'],
        summary: 'Record that verification was sent: the dispute hold ends (supervisor)',
        description:
          'Moves the dispute from open to verification_sent and clears its dispute_hold flag with the reason "verification ' +
          'sent". Only an open dispute: a second request (or two at once) gets 409. Audited.',
        params: disputeParamsSchema,
        body: verificationSentBodySchema,
        response: { 200: disputeSummarySchema, 409: errorResponseSchema },
      },
    },
    async (request) =>
      disputesService.verificationSent(
        currentUser(request),
        request.params.id,
        request.params.disputeId,
        request.body,
        String(request.id),
      ),
  );
};
