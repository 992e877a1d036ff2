import type { User } from '@crm/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import { ExpandButton } from '../../../components/ui/expand-button';
import { QueryTable, hiddenHeader, type Column } from '../../../components/ui/data-table';
import { useTeams } from '../api/get-teams';
import { useUsers } from '../api/get-users';
import { ManageUser } from './user-admin';

/** Users in the viewer's scope; with `manage` (admins) each row can be edited in place. */
export function UsersTable({ manage = false }: { manage?: boolean }) {
  const { t } = useTranslation();
  const users = useUsers();
  const teams = useTeams({ enabled: manage });
  const [open, setOpen] = useState<string | null>(null);
  const role = (u: User) => t(`roles.${u.role}`);
  const status = (u: User) => (u.active ? t('users.active') : t('users.inactive'));
  // Every user in scope is on screen: each column sorts (by what it shows).
  const columns: Column<User>[] = [
    {
      key: 'name',
      header: t('users.name'),
      className: 'strong',
      cell: (u) => u.displayName,
      sortValue: (u) => u.displayName,
    },
    {
      key: 'username',
      header: t('users.username'),
      className: 'mono',
      cell: (u) => u.username,
      sortValue: (u) => u.username,
    },
    { key: 'role', header: t('users.role'), cell: role, sortValue: role },
    { key: 'team', header: t('users.team'), cell: (u) => u.team?.name ?? '—', sortValue: (u) => u.team?.name },
    { key: 'status', header: t('users.status'), cell: status, sortValue: status },
    {
      key: 'queue',
      header: hiddenHeader(t('users.queue')),
      // The queue the collector sees now, read-only (supervisors: their teams; admins: anyone).
      cell: (u) =>
        u.role === 'collector' ? (
          <Link to={paths.collectorQueue.getHref(u.id)}>
            {t('users.viewQueue')}
            <span className="visually-hidden"> {u.displayName}</span>
          </Link>
        ) : null,
    },
  ];
  if (manage)
    columns.push({
      key: 'actions',
      header: hiddenHeader(t('userAdmin.actions')),
      cell: (u) => (
        <ExpandButton expanded={open === u.id} onToggle={(on) => setOpen(on ? u.id : null)}>
          {t('userAdmin.manageShort')}
          <span className="visually-hidden"> {u.displayName}</span>
        </ExpandButton>
      ),
    });
  return (
    <QueryTable
      query={users}
      rows={(d) => d.items}
      empty={t('users.empty')}
      wrap="table-wrap panel"
      caption={t('users.title')}
      rowKey={(u) => u.id}
      rowClassName={(u) => (u.active ? undefined : 'inactive')}
      columns={columns}
      below={(u) =>
        manage && open === u.id
          ? { node: <ManageUser user={u} teams={teams.data?.items ?? []} onDone={() => setOpen(null)} /> }
          : null
      }
    />
  );
}
