import { createHash, randomBytes } from 'node:crypto';
import type { Locale, SessionUser } from '@crm/contracts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '@crm/db/password';
import type { Clock } from '../../lib/clock.js';
import { UnauthenticatedError } from '../../lib/errors.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { toSessionUser, type AuthRepository } from './auth.repository.js';

export interface AuthServiceDeps {
  auth: AuthRepository;
  audit: Pick<AuditRepository, 'record'>;
  clock: Clock;
  sessionTtlMs: number;
  sessionIdleMs: number;
}

export interface ActiveSession {
  user: SessionUser;
  csrfToken: string;
  tokenHash: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
// Refresh last-seen at most once a minute, not on every request.
const TOUCH_EVERY_MS = 60_000;
const BAD_CREDENTIALS = 'Username or password is incorrect.';

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: AuthServiceDeps) {
  const { auth, audit, clock } = deps;
  return {
    async login(username: string, password: string, meta: { requestId: string; ip: string }) {
      const user = await auth.findUserByUsername(username);
      // Always run the KDF so the response time does not tell whether the user exists.
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
      if (!user || !user.active || !ok) {
        await audit.record({
          actorId: user?.id ?? null,
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          requestId: meta.requestId,
          data: { username, ip: meta.ip },
        });
        throw new UnauthenticatedError(BAD_CREDENTIALS);
      }
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + deps.sessionTtlMs);
      await auth.createSession({ tokenHash: hashToken(token), userId: user.id, csrfToken, now, expiresAt });
      await audit.record({ actorId: user.id, action: 'auth.login', entityType: 'user', entityId: user.id, requestId: meta.requestId, data: { ip: meta.ip } });
      return { user: toSessionUser(user), token, csrfToken, expiresAt };
    },

    /** The session behind a cookie token, or null when unknown, expired, idle too long or the user is inactive. */
    async authenticate(token: string): Promise<ActiveSession | null> {
      const tokenHash = hashToken(token);
      const session = await auth.findSession(tokenHash);
      if (!session) return null;
      const now = clock.now().getTime();
      const idle = now - session.lastSeenAt.getTime() > deps.sessionIdleMs;
      if (session.expiresAt.getTime() <= now || idle || !session.user.active) {
        await auth.deleteSession(tokenHash);
        return null;
      }
      if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await auth.touchSession(tokenHash, clock.now());
      return { user: toSessionUser(session.user), csrfToken: session.csrfToken, tokenHash };
    },

    async logout(session: ActiveSession, requestId: string) {
      await auth.deleteSession(session.tokenHash);
      await audit.record({ actorId: session.user.id, action: 'auth.logout', entityType: 'user', entityId: session.user.id, requestId });
    },

    async setLocale(userId: string, locale: Locale): Promise<SessionUser> {
      return toSessionUser(await auth.updateLocale(userId, locale));
    },

    purgeExpiredSessions: () => auth.deleteExpiredSessions(clock.now()),
  };
}
