import { z } from 'zod';
import { problem } from './problems.js';
import { localeSchema, roleSchema, uuidSchema } from './fields.js';

/** Who a user is, as both the signed-in session and the user list show it. */
export const userIdentitySchema = z.object({
  id: uuidSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  locale: localeSchema,
  /** IANA zone: report periods ("today", a date range) are days in this zone. */
  timeZone: z.string(),
});

export const userSchema = userIdentitySchema.extend({
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

/** A password users choose (creation, admin reset, changing one's own). */
export const passwordSchema = z
  .string()
  .min(12, { message: 'must be at least 12 characters' })
  .max(200, { message: 'must be at most 200 characters' });
const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, { message: 'must be 3-40 lower-case letters, digits, . _ or -' });
const displayNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(100, { message: 'must be at most 100 characters' });
const timeZoneSchema = z.string().trim().min(1).max(60);

export const createUserBodySchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  teamId: uuidSchema.nullable().default(null),
  locale: localeSchema.default('en'),
  timeZone: timeZoneSchema.default('UTC'),
  password: passwordSchema,
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

/** Users are never deleted (history keeps their name): deactivate instead. */
export const updateUserBodySchema = z
  .object({
    displayName: displayNameSchema.optional(),
    role: roleSchema.optional(),
    teamId: uuidSchema.nullable().optional(),
    locale: localeSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, {
    message: 'must change at least one field',
    path: ['body'],
    params: problem('required'),
  });
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const resetPasswordBodySchema = z.object({ password: passwordSchema });
export const userIdParamsSchema = z.object({ userId: uuidSchema });
export const teamIdParamsSchema = z.object({ teamId: uuidSchema });

const teamNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(60, { message: 'must be at most 60 characters' });
export const teamBodySchema = z.object({
  name: teamNameSchema,
  supervisorId: uuidSchema.nullable().default(null),
});
/** A PATCH changes only the fields it names: no defaults here (a default would overwrite what the request left out). */
export const updateTeamBodySchema = z
  .object({ name: teamNameSchema.optional(), supervisorId: uuidSchema.nullable().optional() })
  .refine((b) => Object.keys(b).length > 0, {
    message: 'must change at least one field',
    path: ['body'],
    params: problem('required'),
  });
export type TeamBody = z.infer<typeof teamBodySchema>;
