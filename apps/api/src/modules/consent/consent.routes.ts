import {
  accountIdParamsSchema,
  consentPointParamsSchema,
  contactPointConsentBodySchema,
  contactPointConsentSchema,
  customerPreferencesBodySchema,
  customerPreferencesSchema,
  inboundSmsBodySchema,
  inboundSmsResponseSchema,
  thirdPartyConsentBodySchema,
  thirdPartyConsentSchema,
  thirdPartyParamsSchema,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authz, STAFF } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { ConsentService } from './consent.service.js';

const SCOPED_STAFF = authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' });

export const consentRoutes: FastifyPluginAsyncZod<{ consentService: ConsentService }> = async (
  app,
  { consentService },
) => {
  app.put(
    '/accounts/:id/consent/contact-points/:pointId',
    {
      config: { access: STAFF, authz: SCOPED_STAFF },
      schema: {
        tags: ['consent'],
        summary: "Record a number's or an address's opt-outs (per channel or everything) and 'work is inconvenient'",
        description:
          'What the customer said, with a note; audited with the values before and after. The contact gate honours it at once ' +
          'in the queue, the case file, outcome recording and reminders: an SMS opt-out leaves calls allowed, optedOut blocks every channel.',
        params: consentPointParamsSchema,
        body: contactPointConsentBodySchema,
        response: { 200: contactPointConsentSchema },
      },
    },
    async (request) =>
      consentService.setContactPointConsent(
        currentUser(request),
        request.params.id,
        request.params.pointId,
        request.body,
        String(request.id),
      ),
  );

  app.put(
    '/accounts/:id/consent/third-parties/:thirdPartyId',
    {
      config: { access: STAFF, authz: SCOPED_STAFF },
      schema: {
        tags: ['consent'],
        summary: 'Record that a third party asked not to be contacted again, or asked to be contacted again',
        description:
          'Audited with the values before and after. A do-not-contact third party is never called; under the US profile a ' +
          'third party gets one location call unless they asked for more.',
        params: thirdPartyParamsSchema,
        body: thirdPartyConsentBodySchema,
        response: { 200: thirdPartyConsentSchema },
      },
    },
    async (request) =>
      consentService.setThirdPartyConsent(
        currentUser(request),
        request.params.id,
        request.params.thirdPartyId,
        request.body,
        String(request.id),
      ),
  );

  app.put(
    '/accounts/:id/consent/preferences',
    {
      config: { access: STAFF, authz: SCOPED_STAFF },
      schema: {
        tags: ['consent'],
        summary: "Record the customer's preferred channel and time and the times they said are inconvenient",
        description:
          "Replaces them as a whole; times are HH:mm in the customer's own zone. The contact gate blocks calls, SMS and visits in an inconvenient span.",
        params: accountIdParamsSchema,
        body: customerPreferencesBodySchema,
        response: { 200: customerPreferencesSchema },
      },
    },
    async (request) =>
      consentService.setPreferences(currentUser(request), request.params.id, request.body, String(request.id)),
  );

  app.post(
    '/inbound/sms',
    {
      config: { access: ['service'], authz: authz({ service: 'allowed' }) },
      schema: {
        tags: ['consent'],
        summary:
          'An SMS a customer sent us, forwarded by the messaging provider (a STOP reply opts the number out of SMS)',
        description:
          'STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPT OUT, REVOKE, TD or 退订 as the whole message opts every customer number ' +
          "with the sender's digits out of SMS (voice calls stay allowed); anything else is acknowledged and changes nothing.",
        body: inboundSmsBodySchema,
        response: { 200: inboundSmsResponseSchema },
      },
    },
    async (request) => consentService.inboundSms(currentUser(request), request.body, String(request.id)),
  );
};
