import type { Db } from '@crm/db';
import type { Locale, SessionUser } from '@crm/contracts';
import type { Tx } from '../../lib/transaction.js';
import { USER_SELECT } from '../users/users.repository.js';

const userSelect = { ...USER_SELECT, passwordHash: true } as const;

type UserRow = {
  id: string;
  username: string;
  displayName: string;
  role: SessionUser['role'];
  locale: 'en' | 'zh_CN';
  timeZone: string;
  active: boolean;
  passwordHash: string;
  team: { id: string; name: string } | null;
};

export const toDbLocale = (locale: Locale) => (locale === 'zh-CN' ? 'zh_CN' : 'en') as 'en' | 'zh_CN';
export const fromDbLocale = (locale: 'en' | 'zh_CN'): Locale => (locale === 'zh_CN' ? 'zh-CN' : 'en');

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    locale: fromDbLocale(row.locale),
    timeZone: row.timeZone,
    teamId: row.team?.id ?? null,
    teamName: row.team?.name ?? null,
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;

/** Audited writes (a session started or ended, a password changed) run in the caller's transaction. */
export function createAuthRepository(db: Pick<Db, 'user' | 'session' | '$executeRaw'>) {
  return {
    findUserByUsername(username: string): Promise<UserRow | null> {
      return db.user.findUnique({ where: { username }, select: userSelect });
    },
    findUserById(id: string): Promise<UserRow | null> {
      return db.user.findUnique({ where: { id }, select: userSelect });
    },
    /** Stores a stronger hash of the same password, unless the password changed meanwhile. */
    async upgradePasswordHash(userId: string, oldHash: string, newHash: string) {
      await db.user.updateMany({ where: { id: userId, passwordHash: oldHash }, data: { passwordHash: newHash } });
    },
    /**
     * Sets a new password hash if the stored one is still `oldHash` (a concurrent change wins
     * once), and ends every session of the user but `keepSession`. Returns whether it changed
     * and how many sessions ended.
     */
    async changePassword(tx: Tx, userId: string, oldHash: string, newHash: string, keepSession: string) {
      const changed = await tx.user.updateMany({
        where: { id: userId, passwordHash: oldHash },
        data: { passwordHash: newHash },
      });
      if (changed.count === 0) return { changed: false, endedSessions: 0 };
      const ended = await tx.session.deleteMany({ where: { userId, id: { not: keepSession } } });
      return { changed: true, endedSessions: ended.count };
    },
    async createSession(
      tx: Tx,
      input: { tokenHash: string; userId: string; csrfToken: string; now: Date; expiresAt: Date },
    ) {
      await tx.session.create({
        data: {
          id: input.tokenHash,
          userId: input.userId,
          csrfToken: input.csrfToken,
          createdAt: input.now,
          lastSeenAt: input.now,
          expiresAt: input.expiresAt,
        },
      });
    },
    findSession(tokenHash: string) {
      return db.session.findUnique({
        where: { id: tokenHash },
        select: { id: true, csrfToken: true, expiresAt: true, lastSeenAt: true, user: { select: userSelect } },
      });
    },
    /** Records that the session was seen at `at` (one statement); false when it no longer exists. */
    async touchSession(tokenHash: string, at: Date): Promise<boolean> {
      return (await db.$executeRaw`UPDATE sessions SET last_seen_at = ${at} WHERE token_hash = ${tokenHash}`) > 0;
    },
    /** Ends a session: signing out (audited, in the caller's transaction) or one found expired (the client). */
    async deleteSession(tokenHash: string, client: Pick<Db, 'session'> = db) {
      await client.session.deleteMany({ where: { id: tokenHash } });
    },
    async deleteExpiredSessions(now: Date) {
      await db.session.deleteMany({ where: { expiresAt: { lt: now } } });
    },
    async updateLocale(userId: string, locale: Locale) {
      return db.user.update({ where: { id: userId }, data: { locale: toDbLocale(locale) }, select: userSelect });
    },
  };
}
