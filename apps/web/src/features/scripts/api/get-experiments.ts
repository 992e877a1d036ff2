import { experimentListSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { scriptKeys } from './query-keys';

export const getExperimentsQueryOptions = () =>
  queryOptions({
    queryKey: scriptKeys.experiments(),
    queryFn: ({ signal }) => apiRequest('/experiments', { schema: experimentListSchema, signal }),
  });

export const useExperiments = () => useQuery(getExperimentsQueryOptions());
