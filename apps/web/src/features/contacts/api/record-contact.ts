import { recordContactResponseSchema, type RecordContactBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { accountKeys } from '../../accounts/api/query-keys';
import { caseFileKeys } from '../../case-file/api/query-keys';
import { queueKeys } from '../../queue/api/query-keys';
import { reportKeys } from '../../reports/api/query-keys';
import { contactKeys } from './query-keys';

export interface RecordContactInput {
  accountId: string;
  body: RecordContactBody;
  /** Same key for retries of one submission: the server records it once. */
  idempotencyKey: string;
}

export const recordContact = ({ accountId, body, idempotencyKey }: RecordContactInput) =>
  apiRequest(`/accounts/${accountId}/contacts`, {
    method: 'POST',
    body,
    schema: recordContactResponseSchema,
    headers: { 'idempotency-key': idempotencyKey },
  });

/**
 * Every view a recorded outcome changes: the account's case file (history, promises, flags), the
 * queue (contact caps, callbacks), account lists (stop flags), the contact log (My calls) and the
 * results (KPIs: attempts, contacts, promises; the reviews report counts attempts).
 */
export const changedByContact = (accountId: string) => [
  caseFileKeys.detail(accountId),
  queueKeys.all,
  accountKeys.lists(),
  contactKeys.logs(),
  reportKeys.kpis(),
  reportKeys.reviews(),
];

export function useRecordContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordContact,
    // Not awaited: "save and next" moves on at once; the views refresh behind it.
    onSuccess: (_, { accountId }) => void invalidate(queryClient, changedByContact(accountId)),
  });
}
