import { contactLogResponseSchema } from '@crm/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { contactKeys } from './query-keys';

/** The filters as URL query parameters (the page keeps them in its own URL). */
export const getContactLogQueryOptions = (filters: URLSearchParams) =>
  infiniteQueryOptions({
    queryKey: contactKeys.log(filters.toString()),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams(filters);
      if (pageParam) params.set('cursor', pageParam);
      return apiRequest(`/contacts?${params}`, { schema: contactLogResponseSchema, signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useContactLog = (filters: URLSearchParams) => useInfiniteQuery(getContactLogQueryOptions(filters));

export const contactLogExportHref = (filters: URLSearchParams) => `/api/contacts/export?${filters}`;
