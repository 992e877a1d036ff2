import { errorResponseSchema, listTeamsResponseSchema, listUsersResponseSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { currentUser } from '../../plugins/auth.js';
import { SUPERVISORS } from '../../plugins/access.js';
import type { UsersService } from './users.service.js';

const errors = { 401: errorResponseSchema, 403: errorResponseSchema };

export const usersRoutes: FastifyPluginAsyncZod<{ usersService: UsersService }> = async (app, { usersService }) => {
  app.get(
    '/users',
    {
      config: { access: SUPERVISORS },
      schema: { tags: ['users'], summary: 'Users (admin: all; supervisor: own teams)', response: { 200: listUsersResponseSchema, ...errors } },
    },
    async (request) => usersService.list(currentUser(request)),
  );

  app.get(
    '/teams',
    {
      config: { access: SUPERVISORS },
      schema: { tags: ['users'], summary: 'Teams (admin: all; supervisor: own)', response: { 200: listTeamsResponseSchema, ...errors } },
    },
    async (request) => usersService.listTeams(currentUser(request)),
  );
};
