import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Page } from '../../components/ui/page';
import { homeFor, paths } from '../../config/paths';
import { useMe } from '../../features/auth/api/get-me';
import { QueuePanel } from '../../features/queue/components/queue-panel';
import { useUsers } from '../../features/users/api/get-users';

/**
 * A supervisor (or an admin) opens one of their collectors' queue: the same list and reasons the
 * collector sees, read-only. Accounts open as case files; nothing is leased. The read is audited
 * like the collector's own (`queue.view`); the API answers 404 for a collector outside their teams.
 */
export function CollectorQueueRoute() {
  const { t } = useTranslation();
  const { collectorId } = useParams();
  const me = useMe();
  const users = useUsers();
  const name = users.data?.items.find((u) => u.id === collectorId)?.displayName;
  return (
    <Page
      title={name ? t('collectorQueue.title', { name }) : t('collectorQueue.titleUnknown')}
      description={t('collectorQueue.description')}
      actions={me.data && <Link to={homeFor(me.data.role)}>{t('collectorQueue.back')}</Link>}
    >
      <div className="panel collector-queue">
        <QueuePanel collectorId={collectorId!} hrefFor={(id) => paths.accountView.getHref(id)} />
      </div>
    </Page>
  );
}
