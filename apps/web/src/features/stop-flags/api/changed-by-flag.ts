import { caseFileKeys } from '../../case-file/api/query-keys';
import { queueKeys } from '../../queue/api/query-keys';
import { stopFlagKeys } from './query-keys';

/** What a flag change makes stale: its list, the case file (gate verdicts) and the queue. */
export const changedByFlag = (accountId: string) => [
  stopFlagKeys.list(accountId),
  caseFileKeys.detail(accountId),
  queueKeys.all,
];
