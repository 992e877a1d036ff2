import { experimentDetailSchema, type CreateExperimentBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { scriptKeys } from './query-keys';

/** Sets up a draft experiment; challenger drafts become approved (frozen). */
export const createExperiment = (body: CreateExperimentBody) =>
  apiRequest('/experiments', { method: 'POST', body, schema: experimentDetailSchema });

export const useCreateExperiment = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createExperiment,
    onSuccess: () => invalidate(queryClient, [scriptKeys.experiments(), scriptKeys.library(), scriptKeys.versions()]),
  });
};
