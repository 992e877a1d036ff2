import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { paths } from '../../../config/paths';
import { useFormat } from '../../../lib/format';
import { useReviewsReport } from '../api/get-reviews-report';

/** Quality reviews per collector for the period: how much was reviewed, the average score, coaching. */
export function ReviewsTable({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const report = useReviewsReport(from, to);
  if (report.isPending) return <LoadingState />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  if (report.data.collectors.length === 0) return <EmptyState>{t('kpi.empty')}</EmptyState>;
  const link = (collectorId: string, extra: Record<string, string>) =>
    `${paths.contactLog.getHref()}?${new URLSearchParams({ from, to, collectorId, ...extra })}`;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('review.reportTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('kpi.group.collector')}</th>
            <th scope="col" className="num">
              {t('kpi.col.attempts')}
            </th>
            <th scope="col" className="num">
              {t('review.reviewed')}
            </th>
            <th scope="col" className="num">
              {t('review.reviewedShare')}
            </th>
            <th scope="col" className="num">
              {t('review.averageScore')}
            </th>
            <th scope="col" className="num">
              {t('review.coachingCount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.data.collectors.map((c) => (
            <tr key={c.collector.id}>
              <th scope="row">{c.collector.displayName}</th>
              <td className="num">{fmt.number(c.attempts)}</td>
              <td className="num">
                {c.reviewed > 0 ? (
                  <Link to={link(c.collector.id, { reviewed: 'true' })}>{fmt.number(c.reviewed)}</Link>
                ) : (
                  0
                )}
              </td>
              <td className="num">{c.reviewedShare === null ? '—' : `${Math.round(c.reviewedShare * 1000) / 10}%`}</td>
              <td className="num">{c.averageScore === null ? '—' : c.averageScore}</td>
              <td className="num">
                {c.coaching > 0 ? (
                  <Link to={link(c.collector.id, { coaching: 'true' })}>{fmt.number(c.coaching)}</Link>
                ) : (
                  0
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
