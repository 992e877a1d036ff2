import {
  callbacksTodayResponseSchema,
  errorResponseSchema,
  extendReservationBodySchema,
  leaseResponseSchema,
  queueQuerySchema,
  queueResponseSchema,
  releaseLeaseBodySchema,
  reservationSchema,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authz } from '../../plugins/access.js';
import { z } from 'zod';
import { audited } from '../../plugins/audit.js';
import { currentUser } from '../../plugins/auth.js';
import type { QueueService } from './queue.service.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
};

export const queueRoutes: FastifyPluginAsyncZod<{ queueService: QueueService }> = async (app, { queueService }) => {
  app.get(
    '/queue',
    {
      config: {
        access: ['collector', 'supervisor', 'admin'],
        authz: authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' }),
        // Whose queue, and every account on the page shown (one row however long the page is).
        audit: audited(queueResponseSchema, {
          action: 'queue.view',
          entityType: 'queue',
          entityId: (request) => (request.query as { collectorId?: string }).collectorId ?? request.session?.user.id,
          accounts: (page) => page.items.map((i: { accountId: string }) => i.accountId),
        }),
      },
      schema: {
        tags: ['queue'],
        summary:
          "Today's queue, a page at a time: callable accounts in priority order with reasons, or blocked ones with when they open",
        description:
          'One page (`limit`, default 50; `cursor` = the previous nextCursor) of one list (`list`: callable, the default, or ' +
          'blocked), each row only what the queue list shows, and the totals of the whole queue (callable, blocked, callbacks ' +
          'due). Collectors get their own queue. Supervisors and admins must pass collectorId (400 without it): supervisors a ' +
          'collector of a team they supervise, admins any collector; any other id is 404. The service role has no queue (403).',
        querystring: queueQuerySchema,
        response: { 200: queueResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { collectorId, ...page } = request.query;
      return queueService.view(currentUser(request), collectorId, page);
    },
  );

  app.get(
    '/queue/callbacks',
    {
      config: {
        access: ['collector'],
        authz: authz({ collector: 'scoped' }),
        // Names and due times of the customers to call back: a read of each account listed.
        audit: audited(callbacksTodayResponseSchema, {
          action: 'queue.callbacks',
          entityType: 'queue',
          entityId: (request) => request.session?.user.id,
          accounts: (page) => page.items.map((i) => i.accountId),
        }),
      },
      schema: {
        tags: ['queue'],
        summary: "My callbacks today: the collector's own pending callbacks, missed ones marked overdue",
        description:
          'Pending callbacks of the signed-in collector due from 12 hours ago until the end of their day in their own ' +
          "zone, soonest first, each with its due time on the customer's clock. Collectors only (their own).",
        response: { 200: callbacksTodayResponseSchema, ...errors },
      },
    },
    async (request) => queueService.callbacksToday(currentUser(request)),
  );

  app.post(
    '/queue/next',
    {
      config: {
        access: ['collector'],
        authz: authz({ collector: 'scoped' }),
        // The answer names the account and why it is next (amounts of its promises): a read of it.
        audit: audited(leaseResponseSchema, {
          action: 'queue.next',
          entityId: () => null,
          accounts: (lease) => (lease ? [lease.accountId] : []),
        }),
      },
      schema: {
        tags: ['queue'],
        summary: 'Lease the top callable account (204 when nothing is callable now)',
        response: { 200: leaseResponseSchema, 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const lease = await queueService.next(currentUser(request));
      return lease ?? reply.status(204).send(null);
    },
  );

  app.get(
    '/queue/reservation',
    {
      config: { access: ['collector'], authz: authz({ collector: 'scoped' }) },
      schema: {
        tags: ['queue'],
        summary: "The signed-in collector's reservation, expired or not, with the server's clock (204 when none)",
        description:
          'The account the collector reserved with "next" (or extended), when it ends (in the past when it has lapsed ' +
          'and nobody else took it), and the server time, so a reloaded page keeps its countdown (ADR 032).',
        response: { 200: reservationSchema, 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const r = await queueService.reservation(currentUser(request));
      return r ?? reply.status(204).send(null);
    },
  );

  app.post(
    '/queue/reservation/extend',
    {
      config: { access: ['collector'], authz: authz({ collector: 'scoped' }) },
      schema: {
        tags: ['queue'],
        summary: 'Extend the reservation of an account to now + the lease length',
        description:
          'When the caller holds it, or it lapsed and nobody else took it (it becomes theirs again; their other ' +
          'reservations end). 409 reservation_taken, with until when, when another collector holds it (ADR 032).',
        body: extendReservationBodySchema,
        response: { 200: reservationSchema, ...errors, 409: errorResponseSchema },
      },
    },
    async (request) => queueService.extend(currentUser(request), request.body.accountId),
  );

  app.post(
    '/queue/release',
    {
      config: { access: ['collector'], authz: authz({ collector: 'scoped' }) },
      schema: {
        tags: ['queue'],
        summary: 'Give back or skip a reserved account, with a reason, without recording an outcome',
        description:
          "Audited. A skip keeps the account out of the collector's queue for 30 minutes, a give-back until the end " +
          'of their day, so "next" offers another account (ADR 032). 409 when the caller holds no reservation of it.',
        body: releaseLeaseBodySchema,
        response: { 204: z.null(), ...errors, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      await queueService.release(currentUser(request), request.body, request.id);
      return reply.status(204).send(null);
    },
  );
};
