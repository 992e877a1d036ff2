import {
  accountIdParamsSchema,
  errorResponseSchema,
  contactPointParamsSchema,
  contactPointSchema,
  newContactPointBodySchema,
  updateContactPointBodySchema,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authz, STAFF } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { ContactPointsService } from './contact-points.service.js';

const SCOPED_STAFF = authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' });

export const contactPointsRoutes: FastifyPluginAsyncZod<{ contactPointsService: ContactPointsService }> = async (
  app,
  { contactPointsService },
) => {
  app.post(
    '/accounts/:id/contact-points',
    {
      config: { access: STAFF, authz: SCOPED_STAFF },
      schema: {
        tags: ['contact-points'],
        summary: 'Add a number, e-mail address or postal address the customer gave',
        description:
          "A number is parsed and stored in its international form (a national number is read in `country`, else in the account's " +
          "profile country); its zones come from its country and area code, an address's from its country, ZIP or state, as on " +
          "import; a zone the customer stated joins them (source `collector`). One of the customer's numbers or a third party's " +
          'number is refused (409 naming value). Audited; the contact gate uses the new zones at once.',
        params: accountIdParamsSchema,
        body: newContactPointBodySchema,
        response: { 201: contactPointSchema, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const saved = await contactPointsService.add(
        currentUser(request),
        request.params.id,
        request.body,
        String(request.id),
      );
      return reply.code(201).send(saved);
    },
  );

  app.patch(
    '/accounts/:id/contact-points/:pointId',
    {
      config: { access: STAFF, authz: SCOPED_STAFF },
      schema: {
        tags: ['contact-points'],
        summary: "Change a contact point's type, label or stated zone, or mark it invalid (with a reason) or valid",
        description:
          'Only the fields named change. An invalid number is not called and its zones no longer count; `timeZone: null` goes back ' +
          'to the zones derived from the number or address. Audited with the values before and after.',
        params: contactPointParamsSchema,
        body: updateContactPointBodySchema,
        response: { 200: contactPointSchema },
      },
    },
    async (request) =>
      contactPointsService.update(
        currentUser(request),
        request.params.id,
        request.params.pointId,
        request.body,
        String(request.id),
      ),
  );
};
