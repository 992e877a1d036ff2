import type { Locale, Role, Team, User } from '@crm/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALE_OPTIONS, useCodeOptions } from '../../../components/ui/code-options';
import { SelectField, TextField } from '../../../components/ui/field';
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
  const roles = useCodeOptions('roles', ROLES);
  const set =
    <K extends keyof typeof value>(key: K) =>
    (v: (typeof value)[K]) =>
      onChange({ ...value, [key]: v });
  return (
    <>
      <TextField
        label={t('users.name')}
        value={value.displayName}
        onChange={set('displayName')}
        required
        maxLength={100}
      />
      <SelectField label={t('users.role')} value={value.role} onChange={set('role')} options={roles} />
      <SelectField
        label={t('users.team')}
        value={value.teamId}
        onChange={set('teamId')}
        options={teams.map((team) => ({ value: team.id, label: team.name }))}
        empty={t('userAdmin.noTeam')}
      />
      <SelectField
        label={t('userAdmin.language')}
        value={value.locale}
        onChange={set('locale')}
        options={LOCALE_OPTIONS}
      />
      <TextField
        label={t('userAdmin.timeZone')}
        list={`${id}-zones`}
        value={value.timeZone}
        onChange={set('timeZone')}
        required
      />
      <datalist id={`${id}-zones`}>
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}

export function NewUserForm({ teams }: { teams: Team[] }) {
  const { t } = useTranslation();
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
      <TextField label={t('users.username')} value={username} onChange={setUsername} required autoComplete="off" />
      <UserFields value={fields} onChange={setFields} teams={teams} />
      <NewPasswordField label={t('userAdmin.initialPassword')} value={password} onChange={setPassword} />
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
        <NewPasswordField label={t('userAdmin.newPassword')} value={password} onChange={setPassword} />
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

/** A new password (an initial one or a reset): at least 12 characters, as the server requires. */
function NewPasswordField(props: { label: string; value: string; onChange: (value: string) => void }) {
  return <TextField {...props} type="password" required minLength={12} autoComplete="new-password" />;
}

/** Create a team, or change a team's supervisor. */
export function TeamAdmin({ team, supervisors }: { team: Team | null; supervisors: User[] }) {
  const { t } = useTranslation();
  const save = useSaveTeam(team?.id ?? null);
  const [name, setName] = useState('');
  if (team) {
    return (
      <>
        <SelectField
          label={t('teams.supervisor')}
          value={team.supervisor?.id ?? ''}
          disabled={save.isPending}
          onChange={(supervisorId) => save.mutate({ supervisorId: supervisorId || null })}
          options={supervisors.map((s) => ({ value: s.id, label: s.displayName }))}
          empty="—"
        />
        {save.isError && <ErrorState error={save.error} />}
      </>
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
      <TextField label={t('teams.newName')} value={name} onChange={setName} required maxLength={60} />
      <button type="submit" className="button" disabled={save.isPending}>
        {t('teams.create')}
      </button>
      {save.isError && <ErrorState error={save.error} />}
    </form>
  );
}
