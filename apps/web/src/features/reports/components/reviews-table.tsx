import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryTable } from '../../../components/ui/data-table';
import { paths } from '../../../config/paths';
import { percent, useFormat } from '../../../lib/format';
import { useReviewsReport } from '../api/get-reviews-report';

/**
 * Quality reviews per collector for the period: how much was reviewed, the average score, failed reviews, coaching.
 * Every collector is on screen, so each column sorts.
 */
export function ReviewsTable({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const report = useReviewsReport(from, to);
  const link = (collectorId: string, extra: Record<string, string>) =>
    `${paths.contactLog.getHref()}?${new URLSearchParams({ from, to, collectorId, ...extra })}`;
  /** A count that opens the contact log filtered to it (nothing to open at 0). */
  const count = (n: number, collectorId: string, filter: Record<string, string>) =>
    n > 0 ? <Link to={link(collectorId, filter)}>{fmt.number(n)}</Link> : 0;
  return (
    <QueryTable
      query={report}
      rows={(d) => d.collectors}
      empty={t('kpi.empty')}
      caption={t('review.reportTitle')}
      rowKey={(c) => c.collector.id}
      columns={[
        {
          key: 'collector',
          header: t('kpi.group.collector'),
          rowHeader: true,
          cell: (c) => c.collector.displayName,
          sortValue: (c) => c.collector.displayName,
        },
        {
          key: 'attempts',
          header: t('kpi.col.attempts'),
          numeric: true,
          cell: (c) => fmt.number(c.attempts),
          sortValue: (c) => c.attempts,
        },
        {
          key: 'reviewed',
          header: t('review.reviewed'),
          numeric: true,
          cell: (c) => count(c.reviewed, c.collector.id, { reviewed: 'true' }),
          sortValue: (c) => c.reviewed,
        },
        {
          key: 'share',
          header: t('review.reviewedShare'),
          numeric: true,
          cell: (c) => percent(c.reviewedShare),
          sortValue: (c) => c.reviewedShare,
        },
        {
          key: 'score',
          header: t('review.averageScore'),
          numeric: true,
          cell: (c) => (c.averageScore === null ? '—' : c.averageScore),
          sortValue: (c) => c.averageScore,
        },
        {
          key: 'failed',
          header: t('review.failedCount'),
          numeric: true,
          cell: (c) => fmt.number(c.failed),
          sortValue: (c) => c.failed,
        },
        {
          key: 'coaching',
          header: t('review.coachingCount'),
          numeric: true,
          cell: (c) => count(c.coaching, c.collector.id, { coaching: 'true' }),
          sortValue: (c) => c.coaching,
        },
      ]}
    />
  );
}
