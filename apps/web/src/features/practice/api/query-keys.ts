/** Every query key of the practice feature (GET /api/practice/...). */
export const practiceKeys = {
  all: ['practice'] as const,
  scenarios: (locale: string) => [...practiceKeys.all, 'scenarios', locale] as const,
  sessions: () => [...practiceKeys.all, 'sessions'] as const,
  session: (id: string) => [...practiceKeys.all, 'session', id] as const,
};
