import { kpiResponseSchema, type KpiGroupBy } from '@crm/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { reportKeys } from './query-keys';

export interface KpiParams {
  from: string;
  to: string;
  groupBy: KpiGroupBy;
}

export const getKpisQueryOptions = (p: KpiParams) =>
  queryOptions({
    queryKey: reportKeys.kpi(p),
    queryFn: ({ signal }) =>
      apiRequest(`/reports/kpis?${new URLSearchParams({ ...p })}`, { schema: kpiResponseSchema, signal }),
    placeholderData: keepPreviousData,
  });

export const useKpis = (p: KpiParams) => useQuery(getKpisQueryOptions(p));
