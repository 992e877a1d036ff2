import { teamSchema, type TeamBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { userKeys } from './query-keys';

/** Creates a team (teamId null) or changes one (its supervisor). */
export const saveTeam = (teamId: string | null, body: Partial<TeamBody>) =>
  apiRequest(teamId ? `/teams/${teamId}` : '/teams', { method: teamId ? 'PATCH' : 'POST', body, schema: teamSchema });

/** What a team change touches: the teams (supervisor) and the users (team names). */
export const changedByTeam = () => [userKeys.all];

export const useSaveTeam = (teamId: string | null) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<TeamBody>) => saveTeam(teamId, body),
    onSuccess: () => invalidate(queryClient, changedByTeam()),
  });
};
