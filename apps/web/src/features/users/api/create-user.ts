import { userSchema, type CreateUserBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { userKeys } from './query-keys';

export const createUser = (body: CreateUserBody) => apiRequest('/users', { method: 'POST', body, schema: userSchema });

/** A new user: the users list and their team's member count. */
export const changedByNewUser = () => [userKeys.all];

export const useCreateUser = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createUser, onSuccess: () => invalidate(queryClient, changedByNewUser()) });
};
