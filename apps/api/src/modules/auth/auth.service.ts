import { createHash, randomBytes } from 'node:crypto';
import type { Locale, SessionUser } from '@crm/contracts';
import type { PasswordHasher } from '@crm/db/password';
import { createSharedCache, type CacheNotices } from '../../lib/cache-notices.js';
import type { Clock } from '../../lib/clock.js';
import type { ActiveSession } from '../../lib/session.js';
import { BadRequestError, ConflictError, UnauthenticatedError } from '../../lib/errors.js';
import type { UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { toSessionUser, type AuthRepository } from './auth.repository.js';
import type { LoginThrottle } from './login-throttle.service.js';

export interface AuthServiceDeps {
  auth: AuthRepository;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record' | 'recordStandalone'>;
  clock: Clock;
  passwords: PasswordHasher;
  throttle: Pick<LoginThrottle, 'attempt'>;
  sessionTtlMs: number;
  sessionIdleMs: number;
  /** Cross-instance invalidation (ADR 046); without a live listener every request reads the database. */
  notices: CacheNotices;
  /** How long a cached session may be used without a notice (a backstop; ADR 046). */
  cacheTtlMs: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
// Refresh last-seen at most once a minute per session, not on every request (ADR 046).
export const TOUCH_EVERY_MS = 60_000;
const BAD_CREDENTIALS = 'Username or password is incorrect.';

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: AuthServiceDeps) {
  const { auth, uow, audit, clock, passwords, throttle, notices } = deps;
  type Found = NonNullable<Awaited<ReturnType<AuthRepository['findSession']>>>;
  // Sessions with their user, by token hash, for every request but the first (ADR 046). A notice
  // drops a session that ended (s:), a user's sessions when the user changed (u:), all of them
  // their members' when a team changed (t:), all when the listener (re)connected.
  const sessions = createSharedCache<Found>(notices, { ttlMs: deps.cacheTtlMs });
  notices.subscribe((payload) => {
    if (payload === '*' || payload === 's:*') sessions.clear();
    else if (payload.startsWith('s:')) sessions.delete(payload.slice(2));
    else if (payload.startsWith('u:')) sessions.clear((s) => s.user.id === payload.slice(2));
    else if (payload.startsWith('t:')) sessions.clear((s) => s.user.team?.id === payload.slice(2));
  });
  /** Answers once every instance has been told (the notice came back to this one), at most ~2 s. */
  const told = (payload: string) => notices.expect(payload).arrived;

  return {
    async login(username: string, password: string, meta: { requestId: string; ip: string }) {
      // Counted before the password is checked (429 once over the limit, without checking it).
      const attempt = await throttle.attempt(username, meta.ip);
      const user = await auth.findUserByUsername(username);
      // Always run the KDF so the response time does not tell whether the user exists.
      const ok = await passwords.verify(password, user?.passwordHash ?? passwords.dummyHash);
      if (!user || !user.active || !ok) {
        // A refused sign-in writes nothing but its event.
        await audit.recordStandalone({
          actorId: user?.id ?? null,
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          requestId: meta.requestId,
          data: { username, ip: meta.ip },
        });
        throw new UnauthenticatedError(BAD_CREDENTIALS);
      }
      await attempt.succeeded();
      // Hashed with weaker parameters than today's: store a stronger hash of the same password.
      if (passwords.needsRehash(user.passwordHash))
        await auth.upgradePasswordHash(user.id, user.passwordHash, await passwords.hash(password));
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + deps.sessionTtlMs);
      // The session and its audit event commit together: no session that the trail does not show.
      await uow(async (tx) => {
        await auth.createSession(tx, { tokenHash: hashToken(token), userId: user.id, csrfToken, now, expiresAt });
        await audit.record(
          {
            actorId: user.id,
            action: 'auth.login',
            entityType: 'user',
            entityId: user.id,
            requestId: meta.requestId,
            data: { ip: meta.ip },
          },
          tx,
        );
      });
      return { user: toSessionUser(user), token, csrfToken, expiresAt };
    },

    /**
     * The session behind a cookie token, or null when unknown, expired, idle too long or the user
     * is inactive. Served from the cache on most requests (no statement); last-seen is written at
     * most once a minute per session. The idle check uses the last-seen this process knows, never
     * newer than the stored one, so it is never looser; before refusing on it the stored one is read.
     */
    async authenticate(token: string): Promise<ActiveSession | null> {
      const tokenHash = hashToken(token);
      const now = clock.now().getTime();
      const found = await sessions.get(tokenHash, () => auth.findSession(tokenHash));
      let session = found.value;
      if (session && found.cached && now - session.lastSeenAt.getTime() > deps.sessionIdleMs) {
        // Another instance may have seen it since: the stored last-seen decides.
        const generation = notices.generation;
        session = await auth.findSession(tokenHash);
        if (session) sessions.keep(tokenHash, session, generation);
        else sessions.delete(tokenHash);
      }
      if (!session) return null;
      const idle = now - session.lastSeenAt.getTime() > deps.sessionIdleMs;
      if (session.expiresAt.getTime() <= now || idle || !session.user.active) {
        sessions.delete(tokenHash);
        await auth.deleteSession(tokenHash);
        return null;
      }
      if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        // Also proves the session still exists: one ended meanwhile (its notice not yet here) is refused.
        if (!(await auth.touchSession(tokenHash, new Date(now)))) {
          sessions.delete(tokenHash);
          return null;
        }
        session.lastSeenAt = new Date(now);
      }
      return { user: toSessionUser(session.user), csrfToken: session.csrfToken, tokenHash };
    },

    async logout(session: ActiveSession, requestId: string) {
      const ended = told(`s:${session.tokenHash}`);
      sessions.delete(session.tokenHash);
      await uow(async (tx) => {
        await auth.deleteSession(session.tokenHash, tx);
        await audit.record(
          { actorId: session.user.id, action: 'auth.logout', entityType: 'user', entityId: session.user.id, requestId },
          tx,
        );
      });
      await ended;
    },

    /**
     * The signed-in user changes their own password: the current one is required (wrong ones
     * count like failed sign-ins), every other session of theirs ends, this one continues.
     */
    async changePassword(
      session: ActiveSession,
      currentPassword: string,
      newPassword: string,
      meta: { requestId: string; ip: string },
    ) {
      const attempt = await throttle.attempt(session.user.username, meta.ip);
      const user = await auth.findUserById(session.user.id);
      if (!user) throw new UnauthenticatedError();
      if (!(await passwords.verify(currentPassword, user.passwordHash))) {
        await audit.recordStandalone({
          actorId: user.id,
          action: 'auth.password_change_failed',
          entityType: 'user',
          entityId: user.id,
          requestId: meta.requestId,
          data: { ip: meta.ip },
        });
        throw new BadRequestError('The current password is not correct.', [
          { field: 'currentPassword', message: 'is not your current password' },
        ]);
      }
      await attempt.succeeded();
      const newHash = await passwords.hash(newPassword);
      const changed = told(`u:${user.id}`);
      await uow(async (tx) => {
        const result = await auth.changePassword(tx, user.id, user.passwordHash, newHash, session.tokenHash);
        if (!result.changed)
          throw new ConflictError('Your password was changed by another request. Sign in again if needed, then retry.');
        await audit.record(
          {
            actorId: user.id,
            action: 'auth.password_changed',
            entityType: 'user',
            entityId: user.id,
            requestId: meta.requestId,
            data: { ip: meta.ip, endedSessions: result.endedSessions },
          },
          tx,
        );
      });
      await changed;
    },

    async setLocale(userId: string, locale: Locale): Promise<SessionUser> {
      const changed = told(`u:${userId}`);
      const user = toSessionUser(await auth.updateLocale(userId, locale));
      await changed;
      return user;
    },

    purgeExpiredSessions: () => auth.deleteExpiredSessions(clock.now()),
  };
}
