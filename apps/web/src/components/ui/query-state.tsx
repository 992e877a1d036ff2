import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from './states';

/** What a TanStack query result gives, as far as showing its state needs. */
export interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => Promise<unknown>;
}

/**
 * A query's data once it is there; until then "Loading", on failure the error (with "Try again"
 * unless `retry` is false), and `empty` when `isEmpty` says there is nothing to show.
 */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  retry = true,
  children,
}: {
  query: QueryLike<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  retry?: boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError)
    return <ErrorState error={query.error} {...(retry ? { onRetry: () => void query.refetch() } : {})} />;
  const data = query.data as T;
  if (isEmpty?.(data)) return <EmptyState>{empty}</EmptyState>;
  return <>{children(data)}</>;
}
