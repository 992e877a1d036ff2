import { z } from 'zod';
import { problem } from './problems.js';
import { localeSchema, uuidSchema } from './fields.js';
import { passwordSchema, userIdentitySchema } from './users.js';

export const loginBodySchema = z.object({
  username: z.string().trim().min(1, { message: 'is required' }).max(100),
  password: z.string().min(1, { message: 'is required' }).max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const sessionUserSchema = userIdentitySchema.extend({
  teamId: uuidSchema.nullable(),
  teamName: z.string().nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const authResponseSchema = z.object({ user: sessionUserSchema });
export type AuthResponse = z.infer<typeof authResponseSchema>;

export const updatePreferencesBodySchema = z.object({ locale: localeSchema });
export type UpdatePreferencesBody = z.infer<typeof updatePreferencesBodySchema>;

/** A user changes their own password: the current one, and a new one under the same rules as an admin reset. */
export const changePasswordBodySchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, { message: 'is required' })
      .max(200, { message: 'must be at most 200 characters' }),
    newPassword: passwordSchema,
  })
  .refine((b) => b.newPassword !== b.currentPassword, {
    message: 'must differ from the current password',
    params: problem('must_differ'),
    path: ['newPassword'],
  });
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;
