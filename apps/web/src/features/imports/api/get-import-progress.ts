import { importProgressSchema, type ImportProgressState } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../../lib/api-client';
import { importKeys } from './query-keys';

/** The server's side of a running import; null until the server has started on it. */
export async function fetchImportProgress(importId: string): Promise<ImportProgressState | null> {
  try {
    return await apiRequest(`/imports/progress/${importId}`, { schema: importProgressSchema });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export const getImportProgressQueryOptions = (importId: string | null) =>
  queryOptions({
    queryKey: importKeys.progress(importId),
    queryFn: () => fetchImportProgress(importId!),
    enabled: importId !== null,
    refetchInterval: 750,
    gcTime: 0,
  });

/** Polls the server's progress of the import with this id while it runs. */
export const useImportProgress = (importId: string | null) => useQuery(getImportProgressQueryOptions(importId));
