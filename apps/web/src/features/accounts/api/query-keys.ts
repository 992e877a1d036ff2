import type { AccountsFilter } from './get-accounts';

/** Every query key of the accounts feature (GET /api/accounts); invalidate by these, never by literals. */
export const accountKeys = {
  all: ['accounts'] as const,
  lists: () => [...accountKeys.all, 'list'] as const,
  list: (filter: AccountsFilter) => [...accountKeys.lists(), filter] as const,
  /** The command palette's account search (first page only). */
  search: (q: string) => [...accountKeys.list({ q }), 'palette'] as const,
};
