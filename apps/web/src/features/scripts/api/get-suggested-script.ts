import { suggestedScriptSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { scriptKeys } from './query-keys';

export const getSuggestedScriptQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: scriptKeys.suggested(accountId),
    queryFn: ({ signal }) =>
      apiRequest(`/accounts/${accountId}/suggested-script`, { schema: suggestedScriptSchema, signal }),
    staleTime: 5 * 60_000,
  });

/** `enabled: false` until the script may be shown (after right-party verification). */
export const useSuggestedScript = (accountId: string, enabled = true) =>
  useQuery({ ...getSuggestedScriptQueryOptions(accountId), enabled });
