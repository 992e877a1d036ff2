import { listAccountsResponseSchema } from '@crm/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { cursorPages } from '../../../lib/cursor-pages';
import { accountKeys } from './query-keys';

export interface AccountsFilter {
  q?: string;
}

export const getAccounts = (filter: AccountsFilter, cursor: string | null, signal?: AbortSignal) => {
  const params = new URLSearchParams({ limit: '50' });
  if (filter.q) params.set('q', filter.q);
  if (cursor) params.set('cursor', cursor);
  return apiRequest(`/accounts?${params}`, { schema: listAccountsResponseSchema, ...(signal ? { signal } : {}) });
};

export const getAccountsQueryOptions = (filter: AccountsFilter = {}) =>
  infiniteQueryOptions({
    queryKey: accountKeys.list(filter),
    queryFn: ({ pageParam, signal }) => getAccounts(filter, pageParam, signal),
    ...cursorPages,
  });

export const useAccounts = (filter: AccountsFilter = {}) => useInfiniteQuery(getAccountsQueryOptions(filter));
