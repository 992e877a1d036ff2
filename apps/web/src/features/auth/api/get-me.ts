import type { SessionUser } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../../lib/api-client';
import { isAuthResponse } from '../../../lib/checks';
import { authKeys } from './query-keys';

/** The signed-in user, or null when there is no session. */
export async function getMe(): Promise<SessionUser | null> {
  try {
    return (await apiRequest('/auth/me', { check: isAuthResponse, allowUnauthenticated: true })).user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export const getMeQueryOptions = () => queryOptions({ queryKey: authKeys.me(), queryFn: getMe, staleTime: 5 * 60_000 });

export const useMe = () => useQuery(getMeQueryOptions());
