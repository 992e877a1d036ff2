import { caseFileSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const caseFileQueryKey = (accountId: string) => ['accounts', 'case-file', accountId] as const;

export const getCaseFileQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: caseFileQueryKey(accountId),
    queryFn: ({ signal }) => apiRequest(`/accounts/${accountId}/case-file`, { schema: caseFileSchema, signal }),
  });

export const useCaseFile = (accountId: string) => useQuery(getCaseFileQueryOptions(accountId));
