import { objectionSchema } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { changedByObjection } from './save-objection';

export interface RestoreObjectionInput {
  versionId: string;
  expectedVersion: number;
  justification?: string;
}

/** Saves an earlier version's content as the next version. */
export const restoreObjection = (
  objectionId: string,
  { versionId, expectedVersion, justification }: RestoreObjectionInput,
) =>
  apiRequest(`/objections/${objectionId}/versions/${versionId}/restore`, {
    method: 'POST',
    body: { expectedVersion, ...(justification ? { justification } : {}) },
    schema: objectionSchema,
  });

export const useRestoreObjection = (objectionId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RestoreObjectionInput) => restoreObjection(objectionId, input),
    onSuccess: () => invalidate(queryClient, changedByObjection()),
  });
};
