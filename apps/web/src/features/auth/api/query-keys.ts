/** Every query key of the auth feature (GET /api/auth/me). */
export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};
