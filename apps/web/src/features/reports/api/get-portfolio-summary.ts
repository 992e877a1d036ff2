import { portfolioSummaryResponseSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getPortfolioSummaryQueryOptions = () =>
  queryOptions({
    queryKey: ['reports', 'portfolio-summary'],
    queryFn: ({ signal }) =>
      apiRequest('/reports/portfolio-summary', { schema: portfolioSummaryResponseSchema, signal }),
  });

export const usePortfolioSummary = () => useQuery(getPortfolioSummaryQueryOptions());
