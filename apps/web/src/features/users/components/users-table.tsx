import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { useUsers } from '../api/get-users';

export function UsersTable() {
  const { t } = useTranslation();
  const users = useUsers();
  if (users.isPending) return <LoadingState />;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  if (users.data.items.length === 0) return <EmptyState>{t('users.empty')}</EmptyState>;
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
          </tr>
        </thead>
        <tbody>
          {users.data.items.map((u) => (
            <tr key={u.id}>
              <td className="strong">{u.displayName}</td>
              <td className="mono">{u.username}</td>
              <td>{t(`roles.${u.role}`)}</td>
              <td>{u.team?.name ?? '—'}</td>
              <td>{u.active ? t('users.active') : t('users.inactive')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
