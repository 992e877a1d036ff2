import { policySchema, type PolicyItem } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { accountKeys } from '../../accounts/api/query-keys';
import { caseFileKeys } from '../../case-file/api/query-keys';
import { queueKeys } from '../../queue/api/query-keys';
import { reportKeys } from '../../reports/api/query-keys';
import { scriptKeys } from '../../scripts/api/query-keys';
import { policyKeys } from './query-keys';

/** Saves a new version of one policy; it is in force at once. */
export const savePolicy = (kind: PolicyItem['kind'], key: string, data: Record<string, unknown>) =>
  apiRequest(`/policies/${kind}/${key}`, { method: 'PUT', body: { data }, schema: policySchema });

/**
 * What a new policy version changes: the policies and their history, and what is derived from them
 * on every read: stages (thresholds) in lists, case files, the portfolio and the script suggested
 * for a stage; the gate (compliance profiles, promise grace) and the queue order (weights).
 */
export const changedByPolicy = () => [
  policyKeys.all,
  accountKeys.all,
  caseFileKeys.all,
  queueKeys.all,
  reportKeys.portfolioSummary(),
  scriptKeys.suggestions(),
];

export const useSavePolicy = (kind: PolicyItem['kind'], key: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: Record<string, unknown>) => savePolicy(kind, key, data),
    onSuccess: () => invalidate(queryClient, changedByPolicy()),
  });
};
