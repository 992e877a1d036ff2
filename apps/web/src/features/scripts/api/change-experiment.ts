import { experimentDetailSchema } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { scriptKeys } from './query-keys';

/** POST /experiments/:id/start|stop|promote: the three moves of an experiment, each answered with its detail. */
export const changeExperiment = (id: string, action: 'start' | 'stop' | 'promote', variantId?: string) =>
  apiRequest(`/experiments/${id}/${action}`, {
    method: 'POST',
    ...(variantId ? { body: { variantId } } : {}),
    schema: experimentDetailSchema,
  });

/** The experiment, and what collectors are shown and the library lists (a promotion publishes). */
export const useChangeExperiment = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, variantId }: { action: 'start' | 'stop' | 'promote'; variantId?: string }) =>
      changeExperiment(id, action, variantId),
    onSuccess: () =>
      invalidate(queryClient, [
        scriptKeys.experiments(),
        scriptKeys.library(),
        scriptKeys.versions(),
        scriptKeys.suggestions(),
      ]),
  });
};
