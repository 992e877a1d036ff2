import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * After a write: marks every cached query under these keys stale (refetched when next shown) and
 * refetches the ones on screen now. The keys come from the owners' key factories
 * (features/<f>/api/query-keys.ts), so a view is refreshed by whoever changes its data.
 */
export const invalidate = (queryClient: QueryClient, keys: readonly QueryKey[]): Promise<void> =>
  Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))).then(() => undefined);
