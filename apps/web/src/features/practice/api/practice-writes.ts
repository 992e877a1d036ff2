import {
  practiceLineResponseSchema,
  practiceSessionSchema,
  type PracticeOutcomeBody,
  type PracticeSession,
} from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { practiceKeys } from './query-keys';

/** A practice write changes its session and the list of sessions with scores. */
export const changedByPractice = (id: string) => [practiceKeys.session(id), practiceKeys.sessions()];

export const useStartPractice = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scenarioId: string) =>
      apiRequest('/practice/sessions', { method: 'POST', body: { scenarioId }, schema: practiceSessionSchema }),
    onSuccess: (session: PracticeSession) => {
      queryClient.setQueryData(practiceKeys.session(session.id), session);
      return invalidate(queryClient, [practiceKeys.sessions()]);
    },
  });
};

export const useSendLine = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      apiRequest(`/practice/sessions/${id}/lines`, {
        method: 'POST',
        body: { text },
        schema: practiceLineResponseSchema,
      }),
    onSuccess: () => invalidate(queryClient, changedByPractice(id)),
  });
};

export const useRecordPracticeOutcome = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PracticeOutcomeBody) =>
      apiRequest(`/practice/sessions/${id}/outcome`, { method: 'POST', body, schema: practiceSessionSchema }),
    onSuccess: (session: PracticeSession) => {
      queryClient.setQueryData(practiceKeys.session(id), session);
      return invalidate(queryClient, [practiceKeys.sessions()]);
    },
  });
};

export const useFinishPractice = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(`/practice/sessions/${id}/finish`, { method: 'POST', schema: practiceSessionSchema }),
    onSuccess: (session: PracticeSession) => {
      queryClient.setQueryData(practiceKeys.session(id), session);
      return invalidate(queryClient, [practiceKeys.sessions()]);
    },
  });
};
