import type {
  CreateUserBody,
  ListTeamsResponse,
  ListUsersResponse,
  SessionUser,
  Team,
  TeamBody,
  UpdateUserBody,
  User,
} from '@crm/contracts';
import type { PasswordHasher } from '@crm/db/password';
import { isValidTimeZone } from '@crm/domain';
import { noCacheNotices, type CacheNotices } from '../../lib/cache-notices.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import type { Tx, UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { fromDbLocale, toDbLocale } from '../auth/auth.repository.js';
import type { UsersRepository } from './users.repository.js';

export type UsersService = ReturnType<typeof createUsersService>;

type UserRow = NonNullable<Awaited<ReturnType<UsersRepository['findById']>>>;
const toUser = (u: UserRow): User => ({ ...u, locale: fromDbLocale(u.locale) });

export function createUsersService({
  users,
  audit,
  passwords,
  uow,
  notices = noCacheNotices,
}: {
  users: UsersRepository;
  audit: Pick<AuditRepository, 'record'>;
  passwords: Pick<PasswordHasher, 'hash'>;
  uow: UnitOfWork;
  /** A change to a user or team answers once every instance dropped its cached sessions (ADR 046). */
  notices?: Pick<CacheNotices, 'expect'>;
}) {
  const told = (payload: string) => notices.expect(payload).arrived;
  const invalid = (field: string, message: string) => new BadRequestError(`${field} ${message}`, [{ field, message }]);
  const checkTeam = async (teamId: string | null | undefined) => {
    if (teamId && !(await users.teamExists(teamId))) throw invalid('teamId', 'is not a team');
  };
  const checkZone = (timeZone: string | undefined) => {
    if (timeZone !== undefined && !isValidTimeZone(timeZone))
      throw invalid('timeZone', 'must be an IANA time zone such as Europe/London');
  };
  const record = (
    actor: SessionUser,
    action: string,
    entityType: string,
    entityId: string,
    requestId: string,
    data: Record<string, unknown>,
    tx: Tx,
  ) => audit.record({ actorId: actor.id, action, entityType, entityId, requestId, data }, tx);

  return {
    async list(viewer: SessionUser): Promise<ListUsersResponse> {
      return { items: (await users.list(viewer)).map(toUser) };
    },
    async listTeams(viewer: SessionUser): Promise<ListTeamsResponse> {
      const rows = await users.listTeams(viewer);
      return { items: rows.map(({ _count, ...t }) => ({ ...t, memberCount: _count.members })) };
    },

    async create(actor: SessionUser, body: CreateUserBody, requestId: string): Promise<User> {
      if (await users.usernameTaken(body.username))
        throw new ConflictError(`The username ${body.username} is taken.`, [
          { field: 'username', code: 'already_in_use', message: 'is already in use' },
        ]);
      await checkTeam(body.teamId);
      checkZone(body.timeZone);
      const { password, locale, ...rest } = body;
      const passwordHash = await passwords.hash(password);
      const user = await uow(async (tx) => {
        const created = await users.create(tx, { ...rest, locale: toDbLocale(locale), passwordHash });
        const data = { username: created.username, role: created.role };
        await record(actor, 'user.create', 'user', created.id, requestId, data, tx);
        return created;
      });
      return toUser(user);
    },

    /**
     * Edits a user. Deactivating or changing a role ends their sessions; the last active admin
     * stays: a change that could remove an admin locks the active admins first, so two admins
     * deactivating or demoting each other at once are decided one after the other.
     */
    async update(actor: SessionUser, id: string, body: UpdateUserBody, requestId: string): Promise<User> {
      if (!(await users.findById(id))) throw new NotFoundError('No such user.');
      await checkTeam(body.teamId);
      checkZone(body.timeZone);
      if (id === actor.id && body.active === false) throw invalid('active', 'cannot be false for yourself');
      const { locale, ...rest } = body;
      const changed = told(`u:${id}`);
      const user = await uow(async (tx) => {
        const admins = body.active === false || body.role !== undefined ? await users.lockActiveAdmins(tx) : null;
        const before = await users.findById(id, tx);
        if (!before) throw new NotFoundError('No such user.');
        const losesAdmin =
          before.role === 'admin' &&
          before.active &&
          (body.active === false || (body.role !== undefined && body.role !== 'admin'));
        // Decided on the admins as they are now: one whose own rights ended while this request
        // waited for the lock (deactivated or demoted by another admin) changes nothing.
        if (admins && !admins.includes(actor.id)) throw new ForbiddenError('You are no longer an active admin.');
        if (losesAdmin && admins!.length <= 1)
          throw new ConflictError('This is the last active admin; make another admin first.');
        const endSessions = body.active === false || (body.role !== undefined && body.role !== before.role);
        const updated = await users.update(
          tx,
          id,
          { ...rest, ...(locale ? { locale: toDbLocale(locale) } : {}) },
          endSessions,
        );
        await record(actor, 'user.update', 'user', id, requestId, { changes: body }, tx);
        return updated;
      });
      await changed;
      return toUser(user);
    },

    async resetPassword(actor: SessionUser, id: string, password: string, requestId: string): Promise<void> {
      if (!(await users.findById(id))) throw new NotFoundError('No such user.');
      const passwordHash = await passwords.hash(password);
      const changed = told(`u:${id}`);
      await uow(async (tx) => {
        await users.setPassword(tx, id, passwordHash);
        await record(actor, 'user.reset_password', 'user', id, requestId, {}, tx);
      });
      await changed;
    },

    async saveTeam(actor: SessionUser, id: string | null, body: Partial<TeamBody>, requestId: string): Promise<Team> {
      if (body.name !== undefined && (await users.teamNameTaken(body.name, id ?? undefined)))
        throw new ConflictError(`A team called ${body.name} exists.`, [
          { field: 'name', code: 'already_in_use', message: 'is already in use' },
        ]);
      if (body.supervisorId) {
        const supervisor = await users.findById(body.supervisorId);
        if (!supervisor || supervisor.role !== 'supervisor' || !supervisor.active)
          throw invalid('supervisorId', 'must be an active supervisor');
      }
      if (id && !(await users.teamExists(id))) throw new NotFoundError('No such team.');
      const changed = id ? told(`t:${id}`) : Promise.resolve(false);
      const saved = await uow(async (tx) => {
        const team = id
          ? await users.updateTeam(tx, id, body)
          : await users.createTeam(tx, body.name!, body.supervisorId ?? null);
        await record(actor, id ? 'team.update' : 'team.create', 'team', team.id, requestId, { ...body }, tx);
        return team;
      });
      await changed;
      const { _count, ...team } = (await users.teamById(saved.id))!;
      return { ...team, memberCount: _count.members };
    },
  };
}
