import { policyListSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { policyKeys } from './query-keys';

export const getPoliciesQueryOptions = () =>
  queryOptions({
    queryKey: policyKeys.list(),
    queryFn: ({ signal }) => apiRequest('/policies', { schema: policyListSchema, signal }),
  });

export const usePolicies = () => useQuery(getPoliciesQueryOptions());
