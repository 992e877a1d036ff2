import { objectionSchema, type ObjectionBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { scriptKeys } from './query-keys';

/** Adds an answer (id null) or saves the next version of one. */
export const saveObjection = (id: string | null, body: ObjectionBody) =>
  apiRequest(id ? `/objections/${id}` : '/objections', { method: id ? 'PUT' : 'POST', body, schema: objectionSchema });

/** The answers (and their histories), and the suggested scripts, which carry the answers for the call. */
export const changedByObjection = () => [scriptKeys.objections(), scriptKeys.suggestions()];

export const useSaveObjection = (id: string | null) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ObjectionBody) => saveObjection(id, body),
    onSuccess: () => invalidate(queryClient, changedByObjection()),
  });
};
