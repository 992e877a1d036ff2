import { scriptListSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { scriptKeys } from './query-keys';

export const getScriptLibraryQueryOptions = () =>
  queryOptions({
    queryKey: scriptKeys.library(),
    queryFn: ({ signal }) => apiRequest('/scripts', { schema: scriptListSchema, signal }),
  });

export const useScriptLibrary = () => useQuery(getScriptLibraryQueryOptions());
