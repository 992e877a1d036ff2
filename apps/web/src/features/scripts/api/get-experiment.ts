import { experimentDetailSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { scriptKeys } from './query-keys';

/** An experiment with its live results per variant. */
export const getExperimentQueryOptions = (id: string) =>
  queryOptions({
    queryKey: scriptKeys.experiment(id),
    queryFn: ({ signal }) => apiRequest(`/experiments/${id}`, { schema: experimentDetailSchema, signal }),
  });

export const useExperiment = (id: string) => useQuery(getExperimentQueryOptions(id));
