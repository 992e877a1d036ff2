import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { useMessageLog } from '../api/get-message-log';

/** What the built-in sender delivered: the local mail/SMS log. */
export function MessageLog() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const log = useMessageLog();
  if (log.isPending) return <LoadingState />;
  if (log.isError) return <ErrorState error={log.error} onRetry={() => void log.refetch()} />;
  if (log.data.items.length === 0) return <EmptyState>{t('messages.empty')}</EmptyState>;
  return (
    <div className="table-wrap panel">
      <table className="table">
        <caption className="visually-hidden">{t('messages.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('messages.at')}</th>
            <th scope="col">{t('outcome.channel')}</th>
            <th scope="col">{t('messages.recipient')}</th>
            <th scope="col">{t('messages.message')}</th>
          </tr>
        </thead>
        <tbody>
          {log.data.items.map((m) => (
            <tr key={m.id}>
              <td className="mono small">{fmt.dateTime(m.at)}</td>
              <td>{t(`channels.${m.channel}`)}</td>
              <td className="mono">{m.recipient}</td>
              <td>
                {m.subject && <div className="strong">{m.subject}</div>}
                <div className="small">{m.body}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
