import type { QueueList, QueueResponse } from '@crm/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queueKeys } from './query-keys';

type QueuePage<L extends QueueList> = Extract<QueueResponse, { list: L }>;
/** A row of the callable or the blocked list. */
export type QueueRow<L extends QueueList> = QueuePage<L>['items'][number];

/** Rows per page of the queue list (the API's default). */
export const QUEUE_PAGE_SIZE = 50;

/**
 * Today's queue (GET /api/queue), a page of one list at a time (ADR 050): the signed-in collector's
 * own, or with `collectorId` the queue of a collector of the supervisor's teams (admins: any
 * collector), read-only. The answer is typed by the contract but not parsed with zod: it is the
 * workstation's hot path (refetched every minute), and zod without `eval` (our CSP) is slow.
 */
export const getQueueQueryOptions = <L extends QueueList>(list: L, collectorId?: string) =>
  infiniteQueryOptions({
    queryKey: queueKeys.list(list, collectorId),
    queryFn: ({ signal, pageParam }) => {
      const query = new URLSearchParams({ list, limit: String(QUEUE_PAGE_SIZE) });
      if (collectorId) query.set('collectorId', collectorId);
      if (pageParam) query.set('cursor', pageParam);
      return apiRequest<QueuePage<L>>(`/queue?${query}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // The gate depends on the clock: keep the list fresh while the collector works.
    refetchInterval: 60_000,
    staleTime: 15_000,
  });

/** One list of the queue, its loaded pages flattened; `enabled: false` until it is shown. */
export function useQueueList<L extends QueueList>(list: L, collectorId?: string, enabled = true) {
  const query = useInfiniteQuery({ ...getQueueQueryOptions(list, collectorId), enabled });
  const pages = query.data?.pages;
  return {
    query,
    items: pages?.flatMap((p) => p.items as unknown as QueueRow<L>[]),
    totals: pages?.[0]?.totals,
  };
}
