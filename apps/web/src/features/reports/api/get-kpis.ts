import { kpiResponseSchema, type KpiGroupBy } from '@crm/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface KpiParams {
  from: string;
  to: string;
  groupBy: KpiGroupBy;
}

export const getKpisQueryOptions = (p: KpiParams) =>
  queryOptions({
    queryKey: ['reports', 'kpis', p],
    queryFn: ({ signal }) =>
      apiRequest(`/reports/kpis?${new URLSearchParams({ ...p })}`, { schema: kpiResponseSchema, signal }),
    placeholderData: keepPreviousData,
  });

export const useKpis = (p: KpiParams) => useQuery(getKpisQueryOptions(p));
