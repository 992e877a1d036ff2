import { rollRatesSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { reportKeys } from './query-keys';

export const getRollRatesQueryOptions = (from: string, to: string) =>
  queryOptions({
    queryKey: reportKeys.rollRatePeriod(from, to),
    queryFn: ({ signal }) =>
      apiRequest(`/reports/roll-rates?${new URLSearchParams({ from, to })}`, { schema: rollRatesSchema, signal }),
  });

export const useRollRates = (from: string, to: string) => useQuery(getRollRatesQueryOptions(from, to));
