import type { Locale, Role, Team, User } from '@crm/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ui/states';
import { useCreateUser } from '../api/create-user';
import { useResetPassword } from '../api/reset-password';
import { useSaveTeam } from '../api/save-team';
import { useUpdateUser } from '../api/update-user';

const ROLES: Role[] = ['collector', 'supervisor', 'admin', 'service'];
const ZONES = [
  'UTC',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
];

/** The fields an admin sets on a user; shared by "Add a user" and "Manage". */
function UserFields({
  value,
  onChange,
  teams,
}: {
  value: { displayName: string; role: Role; teamId: string; locale: Locale; timeZone: string };
  onChange: (v: typeof value) => void;
  teams: Team[];
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('users.name')}</label>
        <input
          id={`${id}-name`}
          value={value.displayName}
          onChange={(e) => onChange({ ...value, displayName: e.target.value })}
          required
          maxLength={100}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('users.role')}</label>
        <select
          id={`${id}-role`}
          value={value.role}
          onChange={(e) => onChange({ ...value, role: e.target.value as Role })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-team`}>{t('users.team')}</label>
        <select id={`${id}-team`} value={value.teamId} onChange={(e) => onChange({ ...value, teamId: e.target.value })}>
          <option value="">{t('userAdmin.noTeam')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-locale`}>{t('userAdmin.language')}</label>
        <select
          id={`${id}-locale`}
          value={value.locale}
          onChange={(e) => onChange({ ...value, locale: e.target.value as Locale })}
        >
          <option value="en">English</option>
          <option value="zh-CN">简体中文</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-zone`}>{t('userAdmin.timeZone')}</label>
        <input
          id={`${id}-zone`}
          list={`${id}-zones`}
          value={value.timeZone}
          onChange={(e) => onChange({ ...value, timeZone: e.target.value })}
          required
        />
        <datalist id={`${id}-zones`}>
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
    </>
  );
}

export function NewUserForm({ teams }: { teams: Team[] }) {
  const { t } = useTranslation();
  const id = useId();
  const create = useCreateUser();
  const empty = { displayName: '', role: 'collector' as Role, teamId: '', locale: 'en' as Locale, timeZone: 'UTC' };
  const [fields, setFields] = useState(empty);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { ...fields, username: username.trim(), password, teamId: fields.teamId || null },
      {
        onSuccess: () => {
          setFields(empty);
          setUsername('');
          setPassword('');
        },
      },
    );
  };
  return (
    <form className="panel admin-form" onSubmit={submit} aria-label={t('userAdmin.add')}>
      <div className="field">
        <label htmlFor={`${id}-username`}>{t('users.username')}</label>
        <input
          id={`${id}-username`}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          autoComplete="off"
        />
      </div>
      <UserFields value={fields} onChange={setFields} teams={teams} />
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('userAdmin.initialPassword')}</label>
        <input
          id={`${id}-password`}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          minLength={12}
          autoComplete="new-password"
        />
      </div>
      <div className="actions start">
        <button type="submit" className="button primary" disabled={create.isPending}>
          {t('userAdmin.create')}
        </button>
        {create.isSuccess && <span role="status">{t('userAdmin.created', { name: create.data.displayName })}</span>}
      </div>
      {create.isError && <ErrorState error={create.error} />}
    </form>
  );
}

/** Edit, deactivate or reactivate a user, and reset their password. */
export function ManageUser({ user, teams, onDone }: { user: User; teams: Team[]; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const update = useUpdateUser(user.id);
  const reset = useResetPassword(user.id);
  const [fields, setFields] = useState({
    displayName: user.displayName,
    role: user.role,
    teamId: user.team?.id ?? '',
    locale: user.locale,
    timeZone: user.timeZone,
  });
  const [password, setPassword] = useState('');
  return (
    <div className="admin-manage">
      <form
        className="admin-form"
        aria-label={t('userAdmin.manage', { name: user.displayName })}
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ ...fields, teamId: fields.teamId || null }, { onSuccess: onDone });
        }}
      >
        <UserFields value={fields} onChange={setFields} teams={teams} />
        <div className="actions start">
          <button type="submit" className="button primary" disabled={update.isPending}>
            {t('userAdmin.save')}
          </button>
          <button
            type="button"
            className="button"
            disabled={update.isPending}
            onClick={() => update.mutate({ active: !user.active }, { onSuccess: onDone })}
          >
            {user.active ? t('userAdmin.deactivate') : t('userAdmin.reactivate')}
          </button>
          <button type="button" className="button" onClick={onDone}>
            {t('userAdmin.cancel')}
          </button>
        </div>
      </form>
      {update.isError && <ErrorState error={update.error} />}
      <form
        className="admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          reset.mutate(password, { onSuccess: () => setPassword('') });
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-reset`}>{t('userAdmin.newPassword')}</label>
          <input
            id={`${id}-reset`}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            minLength={12}
            autoComplete="new-password"
          />
        </div>
        <div className="actions start">
          <button type="submit" className="button" disabled={reset.isPending}>
            {t('userAdmin.resetPassword')}
          </button>
          {reset.isSuccess && <span role="status">{t('userAdmin.passwordReset')}</span>}
        </div>
        {reset.isError && <ErrorState error={reset.error} />}
      </form>
    </div>
  );
}

/** Create a team, or change a team's supervisor. */
export function TeamAdmin({ team, supervisors }: { team: Team | null; supervisors: User[] }) {
  const { t } = useTranslation();
  const id = useId();
  const save = useSaveTeam(team?.id ?? null);
  const [name, setName] = useState('');
  if (team) {
    return (
      <div className="field">
        <label htmlFor={`${id}-sup`}>{t('teams.supervisor')}</label>
        <select
          id={`${id}-sup`}
          value={team.supervisor?.id ?? ''}
          disabled={save.isPending}
          onChange={(e) => save.mutate({ supervisorId: e.target.value || null })}
        >
          <option value="">—</option>
          {supervisors.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName}
            </option>
          ))}
        </select>
        {save.isError && <ErrorState error={save.error} />}
      </div>
    );
  }
  return (
    <form
      className="admin-form inline"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ name: name.trim(), supervisorId: null }, { onSuccess: () => setName('') });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('teams.newName')}</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} />
      </div>
      <button type="submit" className="button" disabled={save.isPending}>
        {t('teams.create')}
      </button>
      {save.isError && <ErrorState error={save.error} />}
    </form>
  );
}
