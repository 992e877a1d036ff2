/** Every query key of the users feature (GET /api/users, /api/teams). */
export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
  teams: () => [...userKeys.all, 'teams'] as const,
};
