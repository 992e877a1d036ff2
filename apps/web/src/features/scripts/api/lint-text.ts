import { lintResponseSchema } from '@crm/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { scriptKeys } from './query-keys';

/** Live lint of one text: asked again when the text changes (the caller debounces). A read, sent as POST. */
export const getLintQueryOptions = (text: string, locale: 'en' | 'zh-CN') =>
  queryOptions({
    queryKey: scriptKeys.lint(locale, text),
    queryFn: ({ signal }) =>
      apiRequest('/scripts/lint', { method: 'POST', body: { text, locale }, schema: lintResponseSchema, signal }),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

export const useLint = (text: string, locale: 'en' | 'zh-CN') => useQuery(getLintQueryOptions(text, locale));
