import type { SessionUser } from '@crm/contracts';

/** A signed-in session as the auth guard (plugins/auth.ts) attaches it to a request. */
export interface ActiveSession {
  user: SessionUser;
  csrfToken: string;
  tokenHash: string;
}

/**
 * What the auth guard needs to resolve a session cookie: the auth service provides it, and
 * app.ts passes it in (plugins depend on no module).
 */
export interface SessionResolver {
  authenticate(token: string): Promise<ActiveSession | null>;
}
