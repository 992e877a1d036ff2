import type { ImportReport } from '@crm/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { uploadPayments, type ImportMode } from '../api/upload-payments';

/** Upload a payments file, see every bad row, then import all of it or only the valid rows. */
export function PaymentsImport() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('bank-file');
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (mode: ImportMode) => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      setReport(await uploadPayments(file, mode, source, setProgress));
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };

  const checked = report && !report.committed;
  return (
    <div className="panel import-panel">
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('imports.file')}</label>
          <input id={`${id}-file`} type="file" accept=".csv,text/csv" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setReport(null); }} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('imports.source')}</label>
          <input id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value)} />
        </div>
      </div>
      <p className="muted small">{t('imports.format')}</p>
      <div className="actions start">
        <button type="button" className="button" disabled={!file || progress !== null} onClick={() => void run('validate')}>{t('imports.check')}</button>
        <button type="button" className="button primary" disabled={!file || progress !== null || !checked || report.errorCount > 0} onClick={() => void run('all')}>{t('imports.importAll')}</button>
        <button type="button" className="button" disabled={!file || progress !== null || !checked || report.errorCount === 0 || report.validRows - report.duplicateRows === 0} onClick={() => void run('valid')}>{t('imports.importValid')}</button>
      </div>
      {progress !== null && (
        <div role="status" className="progress">
          <progress max={1} value={progress} aria-label={t('imports.uploading')} /> {progress < 1 ? t('imports.uploading') : t('imports.processing')}
        </div>
      )}
      {error ? <ErrorState error={error} /> : null}
      {report && (
        <div className="import-report" role="status">
          <p>
            <strong>{report.committed ? t('imports.done', { count: report.writtenRows }) : t('imports.checked')}</strong>{' '}
            {t('imports.summary', {
              total: fmt.number(report.totalRows),
              valid: fmt.number(report.validRows),
              duplicates: fmt.number(report.duplicateRows),
              errors: fmt.number(report.errorCount),
              seconds: (report.ms / 1000).toFixed(1),
            })}
          </p>
          {report.committed && report.changedPromises > 0 && <p>{t('imports.promises', { count: report.changedPromises })}</p>}
          {report.errors.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('imports.errors')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">{t('imports.line')}</th>
                    <th scope="col">{t('imports.field')}</th>
                    <th scope="col">{t('imports.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.map((e, i) => (
                    <tr key={i}>
                      <td className="num mono">{e.line}</td>
                      <td className="mono">{e.field}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
