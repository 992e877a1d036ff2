import { practiceSessionSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { practiceKeys } from './query-keys';

export const getPracticeSessionQueryOptions = (id: string) =>
  queryOptions({
    queryKey: practiceKeys.session(id),
    queryFn: ({ signal }) => apiRequest(`/practice/sessions/${id}`, { schema: practiceSessionSchema, signal }),
  });

export const usePracticeSession = (id: string | null) =>
  useQuery({ ...getPracticeSessionQueryOptions(id ?? ''), enabled: id !== null });
