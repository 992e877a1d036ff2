import { portfolioSummaryResponseSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { reportKeys } from './query-keys';

export const getPortfolioSummaryQueryOptions = () =>
  queryOptions({
    queryKey: reportKeys.portfolioSummary(),
    queryFn: ({ signal }) =>
      apiRequest('/reports/portfolio-summary', { schema: portfolioSummaryResponseSchema, signal }),
  });

export const usePortfolioSummary = () => useQuery(getPortfolioSummaryQueryOptions());
