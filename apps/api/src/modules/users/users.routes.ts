import {
  createUserBodySchema,
  errorResponseSchema,
  listTeamsResponseSchema,
  listUsersResponseSchema,
  resetPasswordBodySchema,
  teamBodySchema,
  teamIdParamsSchema,
  teamSchema,
  updateTeamBodySchema,
  updateUserBodySchema,
  userIdParamsSchema,
  userSchema,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser } from '../../plugins/auth.js';
import { ADMINS, SUPERVISORS, authz } from '../../plugins/access.js';
import type { UsersService } from './users.service.js';

// Standard error statuses come from plugins/openapi.ts; 409: a name taken, the last active admin.
const conflict = { 409: errorResponseSchema };

export const usersRoutes: FastifyPluginAsyncZod<{ usersService: UsersService }> = async (app, { usersService }) => {
  app.get(
    '/users',
    {
      config: { access: SUPERVISORS, authz: authz({ supervisor: 'scoped', admin: 'allowed' }) },
      schema: {
        tags: ['users'],
        summary: 'Users (admin: all; supervisor: own teams)',
        response: { 200: listUsersResponseSchema },
      },
    },
    async (request) => usersService.list(currentUser(request)),
  );

  app.post(
    '/users',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['users'],
        summary: 'Create a user (password hashed with scrypt; audited)',
        body: createUserBodySchema,
        response: { 201: userSchema, ...conflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await usersService.create(currentUser(request), request.body, String(request.id))),
  );

  app.patch(
    '/users/:userId',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['users'],
        summary:
          'Edit a user: name, role, team, language, time zone, active. No hard delete: deactivate instead (their sessions end)',
        params: userIdParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userSchema, ...conflict },
      },
    },
    async (request) =>
      usersService.update(currentUser(request), request.params.userId, request.body, String(request.id)),
  );

  app.post(
    '/users/:userId/password',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['users'],
        summary: "Reset a user's password (their sessions end)",
        params: userIdParamsSchema,
        body: resetPasswordBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await usersService.resetPassword(
        currentUser(request),
        request.params.userId,
        request.body.password,
        String(request.id),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/teams',
    {
      config: { access: SUPERVISORS, authz: authz({ supervisor: 'scoped', admin: 'allowed' }) },
      schema: {
        tags: ['users'],
        summary: 'Teams (admin: all; supervisor: own)',
        response: { 200: listTeamsResponseSchema },
      },
    },
    async (request) => usersService.listTeams(currentUser(request)),
  );

  app.post(
    '/teams',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['users'],
        summary: 'Create a team with a supervisor',
        body: teamBodySchema,
        response: { 201: teamSchema, ...conflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await usersService.saveTeam(currentUser(request), null, request.body, String(request.id))),
  );

  app.patch(
    '/teams/:teamId',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['users'],
        summary: 'Rename a team or change its supervisor',
        params: teamIdParamsSchema,
        body: updateTeamBodySchema,
        response: { 200: teamSchema, ...conflict },
      },
    },
    async (request) =>
      usersService.saveTeam(currentUser(request), request.params.teamId, request.body, String(request.id)),
  );
};
