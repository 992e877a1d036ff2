import { caseFileKeys } from '../../case-file/api/query-keys';
import { queueKeys } from '../../queue/api/query-keys';

/**
 * Every view a consent write changes: the account's case file (the state shown beside each number,
 * the gate's verdicts) and the queue (the gate decides who is callable). Other accounts of the
 * same customer show the same numbers, so every case file is marked stale.
 */
export const changedByConsent = () => [caseFileKeys.all, queueKeys.all];
