import { z } from 'zod';
import { localeSchema, roleSchema, uuidSchema } from './fields.js';

export const userSchema = z.object({
  id: uuidSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  locale: localeSchema,
  active: z.boolean(),
  team: z.object({ id: uuidSchema, name: z.string() }).nullable(),
});
export type User = z.infer<typeof userSchema>;

export const listUsersResponseSchema = z.object({ items: z.array(userSchema) });
export type ListUsersResponse = z.infer<typeof listUsersResponseSchema>;

export const teamSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  supervisor: z.object({ id: uuidSchema, displayName: z.string() }).nullable(),
  memberCount: z.number().int(),
});
export type Team = z.infer<typeof teamSchema>;

export const listTeamsResponseSchema = z.object({ items: z.array(teamSchema) });
export type ListTeamsResponse = z.infer<typeof listTeamsResponseSchema>;
