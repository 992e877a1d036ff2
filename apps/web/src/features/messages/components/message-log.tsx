import { useTranslation } from 'react-i18next';
import { QueryTable } from '../../../components/ui/data-table';
import { useFormat } from '../../../lib/format';
import { useMessageLog } from '../api/get-message-log';

/** What the built-in sender delivered: the local mail/SMS log. */
export function MessageLog() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const log = useMessageLog();
  return (
    <QueryTable
      query={log}
      rows={(d) => d.items}
      empty={t('messages.empty')}
      wrap="table-wrap panel"
      caption={t('messages.title')}
      rowKey={(m) => m.id}
      columns={[
        { key: 'at', header: t('messages.at'), className: 'mono small', cell: (m) => fmt.dateTime(m.at) },
        { key: 'channel', header: t('outcome.channel'), cell: (m) => t(`channels.${m.channel}`) },
        { key: 'recipient', header: t('messages.recipient'), className: 'mono', cell: (m) => m.recipient },
        {
          key: 'message',
          header: t('messages.message'),
          cell: (m) => (
            <>
              {m.subject && <div className="strong">{m.subject}</div>}
              <div className="small">{m.body}</div>
            </>
          ),
        },
      ]}
    />
  );
}
