import type { Session } from './build-app.js';

/** The usual call: an outbound phone call that reached the customer. */
export const CALL_DEFAULTS = { channel: 'phone', direction: 'outbound', partyReached: 'debtor' } as const;

/** Records an outcome on an account as `session` would from the workstation; `body` overrides the usual call. */
export function postOutcome(session: Pick<Session, 'inject'>, accountId: string, body: Record<string, unknown>) {
  return session.inject({
    method: 'POST',
    url: `/api/accounts/${accountId}/contacts`,
    payload: { ...CALL_DEFAULTS, ...body },
  });
}
