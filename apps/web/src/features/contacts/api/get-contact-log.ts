import { contactLogResponseSchema } from '@crm/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { cursorPages, pagePath } from '../../../lib/cursor-pages';
import { contactKeys } from './query-keys';

/** The filters as URL query parameters (the page keeps them in its own URL). */
export const getContactLogQueryOptions = (filters: URLSearchParams) =>
  infiniteQueryOptions({
    queryKey: contactKeys.log(filters.toString()),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(pagePath('/contacts', filters, pageParam), { schema: contactLogResponseSchema, signal }),
    ...cursorPages,
  });

export const useContactLog = (filters: URLSearchParams) => useInfiniteQuery(getContactLogQueryOptions(filters));

export const contactLogExportHref = (filters: URLSearchParams) => `/api/contacts/export?${filters}`;
