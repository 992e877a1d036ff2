import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { useTeams } from '../api/get-teams';
import { useUsers } from '../api/get-users';
import { ManageUser } from './user-admin';

/** Users in the viewer's scope; with `manage` (admins) each row can be edited in place. */
export function UsersTable({ manage = false }: { manage?: boolean }) {
  const { t } = useTranslation();
  const users = useUsers();
  const teams = useTeams({ enabled: manage });
  const [open, setOpen] = useState<string | null>(null);
  if (users.isPending) return <LoadingState />;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  if (users.data.items.length === 0) return <EmptyState>{t('users.empty')}</EmptyState>;
  const columns = manage ? 6 : 5;
  return (
    <div className="table-wrap panel">
      <table className="table">
        <caption className="visually-hidden">{t('users.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.username')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.team')}</th>
            <th scope="col">{t('users.status')}</th>
            {manage && (
              <th scope="col">
                <span className="visually-hidden">{t('userAdmin.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {users.data.items.map((u) => (
            <Fragment key={u.id}>
              <tr className={u.active ? undefined : 'inactive'}>
                <td className="strong">{u.displayName}</td>
                <td className="mono">{u.username}</td>
                <td>{t(`roles.${u.role}`)}</td>
                <td>{u.team?.name ?? '—'}</td>
                <td>{u.active ? t('users.active') : t('users.inactive')}</td>
                {manage && (
                  <td>
                    <button
                      type="button"
                      className="button"
                      aria-expanded={open === u.id}
                      onClick={() => setOpen(open === u.id ? null : u.id)}
                    >
                      {t('userAdmin.manageShort')}
                      <span className="visually-hidden"> {u.displayName}</span>
                    </button>
                  </td>
                )}
              </tr>
              {manage && open === u.id && (
                <tr>
                  <td colSpan={columns}>
                    <ManageUser user={u} teams={teams.data?.items ?? []} onDone={() => setOpen(null)} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
