import { caseFileSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { caseFileKeys } from './query-keys';

export const getCaseFileQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: caseFileKeys.detail(accountId),
    queryFn: ({ signal }) => apiRequest(`/accounts/${accountId}/case-file`, { schema: caseFileSchema, signal }),
  });

export const useCaseFile = (accountId: string) => useQuery(getCaseFileQueryOptions(accountId));
