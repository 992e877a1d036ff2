import { scriptVersionDetailSchema } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { changedByPublish } from './publish-version';
import { scriptKeys } from './query-keys';

/** A second admin (not the author or submitter) approves a version awaiting approval: it is published. */
export const approveVersion = (versionId: string) =>
  apiRequest(`/scripts/versions/${versionId}/approve`, { method: 'POST', body: {}, schema: scriptVersionDetailSchema });

/** Rejects a version awaiting approval, with a note for its author; it is never published. */
export const rejectVersion = (versionId: string, note: string) =>
  apiRequest(`/scripts/versions/${versionId}/reject`, {
    method: 'POST',
    body: { note },
    schema: scriptVersionDetailSchema,
  });

export const useApproveVersion = (versionId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => approveVersion(versionId),
    onSuccess: () => invalidate(queryClient, changedByPublish()),
  });
};

/** Only the library and the version change: nothing reaches collectors. */
export const changedByReject = () => [scriptKeys.library(), scriptKeys.versions()];

export const useRejectVersion = (versionId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => rejectVersion(versionId, note),
    onSuccess: () => invalidate(queryClient, changedByReject()),
  });
};
