import { contactPointSchema, type NewContactPointBody, type UpdateContactPointBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { caseFileKeys } from '../../case-file/api/query-keys';
import { queueKeys } from '../../queue/api/query-keys';

export const addContactPoint = (accountId: string, body: NewContactPointBody) =>
  apiRequest(`/accounts/${accountId}/contact-points`, { method: 'POST', body, schema: contactPointSchema });

export const updateContactPoint = (accountId: string, pointId: string, body: UpdateContactPointBody) =>
  apiRequest(`/accounts/${accountId}/contact-points/${pointId}`, { method: 'PATCH', body, schema: contactPointSchema });

/**
 * A new number or address, or a changed zone or status, changes the customer's case files (every
 * account of theirs shows their contact points and zones) and every verdict in the queue.
 */
export const changedByContactPoint = () => [caseFileKeys.all, queueKeys.all];

export const useAddContactPoint = (accountId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewContactPointBody) => addContactPoint(accountId, body),
    onSuccess: () => invalidate(queryClient, changedByContactPoint()),
  });
};

export const useUpdateContactPoint = (accountId: string, pointId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateContactPointBody) => updateContactPoint(accountId, pointId, body),
    onSuccess: () => invalidate(queryClient, changedByContactPoint()),
  });
};
