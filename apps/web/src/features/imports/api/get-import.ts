import { importListSchema, importViewSchema, type ImportView } from '@crm/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { importKeys } from './query-keys';
import { changedByImport } from './upload-import';

const finished = (view: ImportView | undefined) => view?.status === 'succeeded' || view?.status === 'failed';

/** One import as the server keeps it (any instance answers): polled until it has finished. */
export const getImportQueryOptions = (importId: string | null) =>
  queryOptions({
    queryKey: importKeys.detail(importId),
    queryFn: () => apiRequest(`/imports/${importId}`, { schema: importViewSchema }),
    enabled: importId !== null,
    refetchInterval: (query) => (finished(query.state.data) ? false : 750),
  });

export const useImport = (importId: string | null) => useQuery(getImportQueryOptions(importId));

/** The latest imports, newest first (the admin's list). */
export const useRecentImports = () =>
  useQuery({
    queryKey: importKeys.recent(),
    queryFn: () => apiRequest('/imports?limit=10', { schema: importListSchema }),
  });

/**
 * Called once when a followed import has finished: the list of imports changes, and once rows were
 * written, every view they change is refreshed.
 */
export function useSettleImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (view: ImportView) => view,
    onSuccess: (view) =>
      invalidate(queryClient, [importKeys.recent(), ...(view.report?.committed ? changedByImport() : [])]),
  });
}
