import { reviewsReportSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { reportKeys } from './query-keys';

export const getReviewsReportQueryOptions = (from: string, to: string) =>
  queryOptions({
    queryKey: reportKeys.reviewPeriod(from, to),
    queryFn: ({ signal }) =>
      apiRequest(`/reports/reviews?${new URLSearchParams({ from, to })}`, { schema: reviewsReportSchema, signal }),
  });

export const useReviewsReport = (from: string, to: string) => useQuery(getReviewsReportQueryOptions(from, to));
