import { thirdPartyConsentSchema, type ThirdPartyConsentBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { changedByConsent } from './changed-by-consent';

export const setThirdPartyConsent = ({
  accountId,
  thirdPartyId,
  body,
}: {
  accountId: string;
  thirdPartyId: string;
  body: ThirdPartyConsentBody;
}) =>
  apiRequest(`/accounts/${accountId}/consent/third-parties/${thirdPartyId}`, {
    method: 'PUT',
    body,
    schema: thirdPartyConsentSchema,
  });

/** Marks a third party do-not-contact (or that they asked to be contacted again), with what they said. */
export function useSetThirdPartyConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setThirdPartyConsent,
    onSuccess: () => invalidate(queryClient, changedByConsent()),
  });
}
