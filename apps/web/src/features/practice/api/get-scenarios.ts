import { practiceScenarioListSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { practiceKeys } from './query-keys';

export const getScenariosQueryOptions = (locale: 'en' | 'zh-CN') =>
  queryOptions({
    queryKey: practiceKeys.scenarios(locale),
    queryFn: ({ signal }) =>
      apiRequest(`/practice/scenarios?locale=${encodeURIComponent(locale)}`, {
        schema: practiceScenarioListSchema,
        signal,
      }),
  });

export const useScenarios = (locale: 'en' | 'zh-CN') => useQuery(getScenariosQueryOptions(locale));
