import { userSchema, type UpdateUserBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { accountKeys } from '../../accounts/api/query-keys';
import { authKeys } from '../../auth/api/query-keys';
import { contactKeys } from '../../contacts/api/query-keys';
import { reportKeys } from '../../reports/api/query-keys';
import { userKeys } from './query-keys';

export const updateUser = (userId: string, body: UpdateUserBody) =>
  apiRequest(`/users/${userId}`, { method: 'PATCH', body, schema: userSchema });

/**
 * What editing, deactivating or moving a user changes: users and teams (member counts), and every
 * view that names collectors or groups by them (account lists, the contact log, results), and the
 * header when admins edit themselves.
 */
export const changedByUserUpdate = () => [
  userKeys.all,
  accountKeys.lists(),
  contactKeys.logs(),
  reportKeys.kpis(),
  reportKeys.reviews(),
  authKeys.me(),
];

export const useUpdateUser = (userId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateUserBody) => updateUser(userId, body),
    onSuccess: () => invalidate(queryClient, changedByUserUpdate()),
  });
};
