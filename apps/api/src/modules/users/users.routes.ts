import { errorResponseSchema, listTeamsResponseSchema, listUsersResponseSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { currentUser } from '../../plugins/auth.js';
import { SUPERVISORS } from '../../plugins/access.js';
import { fromDbLocale } from '../auth/auth.repository.js';
import type { UsersRepository } from './users.repository.js';

const errors = { 401: errorResponseSchema, 403: errorResponseSchema };

export const usersRoutes: FastifyPluginAsyncZod<{ users: UsersRepository }> = async (app, { users }) => {
  app.get(
    '/users',
    {
      config: { access: SUPERVISORS },
      schema: { tags: ['users'], summary: 'Users (admin: all; supervisor: own teams)', response: { 200: listUsersResponseSchema, ...errors } },
    },
    async (request) => {
      const rows = await users.list(currentUser(request));
      return { items: rows.map((u) => ({ ...u, locale: fromDbLocale(u.locale) })) };
    },
  );

  app.get(
    '/teams',
    {
      config: { access: SUPERVISORS },
      schema: { tags: ['users'], summary: 'Teams (admin: all; supervisor: own)', response: { 200: listTeamsResponseSchema, ...errors } },
    },
    async (request) => {
      const rows = await users.listTeams(currentUser(request));
      return { items: rows.map(({ _count, ...t }) => ({ ...t, memberCount: _count.members })) };
    },
  );
};
