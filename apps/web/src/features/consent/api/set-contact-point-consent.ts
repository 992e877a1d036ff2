import { contactPointConsentSchema, type ContactPointConsentBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { changedByConsent } from './changed-by-consent';

export const setContactPointConsent = ({
  accountId,
  pointId,
  body,
}: {
  accountId: string;
  pointId: string;
  body: ContactPointConsentBody;
}) =>
  apiRequest(`/accounts/${accountId}/consent/contact-points/${pointId}`, {
    method: 'PUT',
    body,
    schema: contactPointConsentSchema,
  });

/** Records a number's or an address's opt-outs and "work is inconvenient", as the customer said them. */
export function useSetContactPointConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setContactPointConsent,
    onSuccess: () => invalidate(queryClient, changedByConsent()),
  });
}
