import { auditResponseSchema } from '@crm/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { cursorPages, pagePath } from '../../../lib/cursor-pages';
import { auditKeys } from './query-keys';

/** The filters as URL query parameters (the page keeps them in its own URL). */
export const getAuditEventsQueryOptions = (filters: URLSearchParams) =>
  infiniteQueryOptions({
    queryKey: auditKeys.eventSearch(filters.toString()),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(pagePath('/audit-events', filters, pageParam), { schema: auditResponseSchema, signal }),
    ...cursorPages,
    // Every search is itself audited: no background refetching.
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });

export const useAuditEvents = (filters: URLSearchParams) => useInfiniteQuery(getAuditEventsQueryOptions(filters));

export const auditExportHref = (filters: URLSearchParams) => `/api/audit-events/export?${filters}`;
