import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../../components/ui/data-table';
import { ErrorState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { useRecentImports } from '../api/get-import';

/** The latest imports (any admin's, from the database): open one to see its progress or report. */
export function RecentImports({ current }: { current: string | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const recent = useRecentImports();
  if (recent.error) return <ErrorState error={recent.error} />;
  const items = recent.data?.items ?? [];
  return (
    <section className="panel recent-imports" aria-labelledby="recent-imports-title">
      <h2 id="recent-imports-title">{t('imports.recent.title')}</h2>
      <DataTable
        label={t('imports.recent.title')}
        rows={items}
        rowKey={(i) => i.id}
        rowClassName={(i) => (i.id === current ? 'selected' : undefined)}
        empty={t('imports.recent.empty')}
        columns={[
          {
            key: 'created',
            header: t('imports.recent.created'),
            cell: (i) => (
              <Link to={`?kind=${i.kind}&import=${i.id}`} aria-current={i.id === current ? 'true' : undefined}>
                {fmt.dateTime(i.createdAt)}
              </Link>
            ),
          },
          { key: 'kind', header: t('imports.recent.kind'), cell: (i) => t(`imports.${i.kind}.tab`) },
          { key: 'mode', header: t('imports.recent.mode'), cell: (i) => t(`imports.mode.${i.mode}`) },
          {
            key: 'status',
            header: t('imports.recent.status'),
            cell: (i) => <span className={`badge import-${i.status}`}>{t(`imports.status.${i.status}`)}</span>,
          },
          {
            key: 'rows',
            header: t('imports.recent.rows'),
            numeric: true,
            cell: (i) => fmt.number(i.report?.totalRows ?? i.rowsRead),
          },
          {
            key: 'written',
            header: t('imports.recent.written'),
            numeric: true,
            cell: (i) => fmt.number(i.report?.writtenRows ?? i.rowsWritten),
          },
          { key: 'by', header: t('imports.recent.by'), cell: (i) => i.startedBy.username ?? '' },
        ]}
      />
    </section>
  );
}
