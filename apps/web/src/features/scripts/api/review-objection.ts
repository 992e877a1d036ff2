import { objectionSchema } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { scriptKeys } from './query-keys';
import { changedByObjection } from './save-objection';

/** A second admin (not its author) puts a version awaiting approval in force. */
export const approveObjection = (objectionId: string, versionId: string) =>
  apiRequest(`/objections/${objectionId}/versions/${versionId}/approve`, {
    method: 'POST',
    body: {},
    schema: objectionSchema,
  });

/** Rejects a version awaiting approval, with a note; the answer in force stays. */
export const rejectObjection = (objectionId: string, versionId: string, note: string) =>
  apiRequest(`/objections/${objectionId}/versions/${versionId}/reject`, {
    method: 'POST',
    body: { note },
    schema: objectionSchema,
  });

export const useApproveObjection = (objectionId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (versionId: string) => approveObjection(objectionId, versionId),
    onSuccess: () => invalidate(queryClient, changedByObjection()),
  });
};

/** The answers and their histories only: what collectors are offered does not change. */
export const changedByObjectionReject = () => [scriptKeys.objections()];

export const useRejectObjection = (objectionId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ versionId, note }: { versionId: string; note: string }) =>
      rejectObjection(objectionId, versionId, note),
    onSuccess: () => invalidate(queryClient, changedByObjectionReject()),
  });
};
