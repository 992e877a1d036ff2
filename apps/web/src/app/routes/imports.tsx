import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/ui/page';
import { CsvImport } from '../../features/imports/components/csv-import';

export function ImportsRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const kind = params.get('kind') === 'portfolio' ? 'portfolio' : 'payments';
  return (
    <Page title={t('imports.title')} description={t('imports.description')}>
      <nav className="subnav" aria-label={t('imports.kinds')}>
        {(['payments', 'portfolio'] as const).map((k) => (
          <Link
            key={k}
            to={`?kind=${k}`}
            aria-current={k === kind ? 'page' : undefined}
            className={k === kind ? 'active' : undefined}
          >
            {t(`imports.${k}.tab`)}
          </Link>
        ))}
      </nav>
      <p className="muted section-lead">{t(`imports.${kind}.description`)}</p>
      <CsvImport key={kind} kind={kind} />
    </Page>
  );
}
