import type { ImportReport } from '@crm/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DataTable } from '../../../components/ui/data-table';
import { Field, TextField } from '../../../components/ui/field';
import { ErrorState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { useImport, useSettleImport } from '../api/get-import';
import {
  downloadImportProblems,
  downloadStoredProblems,
  useUploadImport,
  type ImportKind,
  type ImportMode,
} from '../api/upload-import';
import { RecentImports } from './recent-imports';

/**
 * Upload a CSV file, see every bad row, then import all of it or only the valid rows. The upload
 * answers at once with the import's id, which goes into the URL (?import=<id>); a worker runs it
 * and the screen follows its progress from the server, so a reload (or another tab) resumes it.
 */
export function CsvImport({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('bank-file');
  const [upload, setUpload] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const uploadImport = useUploadImport();
  const settle = useSettleImport();
  const importId = params.get('import');
  const followed = useImport(importId);
  // Only an import of this tab's kind is shown here.
  const view = followed.data && followed.data.kind === kind ? followed.data : null;
  const report: ImportReport | null = view?.status === 'succeeded' ? view.report : null;

  // Once per finished import: what it wrote is refreshed everywhere, the list shows its end.
  const settled = useRef<string | null>(null);
  useEffect(() => {
    if (!view || (view.status !== 'succeeded' && view.status !== 'failed') || settled.current === view.id) return;
    settled.current = view.id;
    settle.mutate(view);
  }, [view, settle]);

  const follow = (next: string | null) =>
    setParams(
      (p) => {
        const q = new URLSearchParams(p);
        if (next) q.set('import', next);
        else q.delete('import');
        return q;
      },
      { replace: next === null },
    );

  const run = async (mode: ImportMode) => {
    if (!file) return;
    setError(null);
    setUpload(0);
    try {
      const queued = await uploadImport.mutateAsync({
        file,
        request: { kind, mode, ...(kind === 'payments' ? { source } : {}) },
        onUploadProgress: setUpload,
      });
      // A finished import of an earlier run stays settled; this one is new.
      follow(queued.id);
    } catch (err) {
      setError(err);
    } finally {
      setUpload(null);
    }
  };

  const working = view !== null && (view.status === 'queued' || view.status === 'running');
  const running = upload !== null || working;
  const checked = report && !report.committed;
  const writable = report ? report.validRows - report.duplicateRows : 0;
  return (
    <>
      <div className="panel import-panel">
        <div className="row">
          <Field id={`${id}-file`} label={t(`imports.${kind}.file`)}>
            <input
              id={`${id}-file`}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                follow(null);
              }}
            />
          </Field>
          {kind === 'payments' && <TextField label={t('imports.source')} value={source} onChange={setSource} />}
        </div>
        <p className="muted small">{t(`imports.${kind}.format`)}</p>
        <div className="actions start">
          <button type="button" className="button" disabled={!file || running} onClick={() => void run('validate')}>
            {t('imports.check')}
          </button>
          <button
            type="button"
            className="button primary"
            disabled={!file || running || !checked || report.errorCount > 0 || writable === 0}
            onClick={() => void run('all')}
          >
            {t('imports.importAll')}
          </button>
          <button
            type="button"
            className="button"
            disabled={!file || running || !checked || report.errorCount === 0 || writable === 0}
            onClick={() => void run('valid')}
          >
            {t('imports.importValid')}
          </button>
        </div>
        {upload !== null && (
          <div role="status" className="progress">
            <progress max={1} value={upload} aria-label={t('imports.uploading')} /> {t('imports.uploading')}
          </div>
        )}
        {upload === null && working && (
          <div role="status" className="progress" data-import-status={view.status}>
            {view.status === 'queued' ? (
              <>
                <progress max={1} aria-label={t('imports.queued')} /> {t('imports.queued')}
              </>
            ) : (
              <>
                <progress
                  max={1}
                  value={
                    view.phase === 'writing' && view.rowsToWrite > 0 ? view.rowsWritten / view.rowsToWrite : undefined
                  }
                  aria-label={t(`imports.phase.${view.phase}`)}
                />{' '}
                {t(`imports.phase.${view.phase}`, {
                  read: fmt.number(view.rowsRead),
                  written: fmt.number(view.rowsWritten),
                  toWrite: fmt.number(view.rowsToWrite),
                })}
              </>
            )}
          </div>
        )}
        {error ? <ErrorState error={error} /> : null}
        {followed.error ? <ErrorState error={followed.error} /> : null}
        {view?.status === 'failed' && (
          <p role="alert" className="form-error">
            {t('imports.failed', { error: view.error ?? '' })}
          </p>
        )}
        {report && view && (
          <ImportReportView
            kind={kind}
            report={report}
            onDownload={() =>
              file
                ? downloadImportProblems(file, { kind, ...(kind === 'payments' ? { source } : {}) })
                : downloadStoredProblems(view.id)
            }
          />
        )}
      </div>
      <RecentImports current={importId} />
    </>
  );
}

export function ImportReportView({
  kind,
  report,
  onDownload,
}: {
  kind: ImportKind;
  report: ImportReport;
  /** Saves every problem as CSV (the table shows the first 1,000). */
  onDownload?: (() => Promise<void>) | undefined;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const counts = report.portfolio;
  // Rows, not problems: "5 rows: 1 valid, 4 with problems (6 problems)".
  const summary = {
    count: report.totalRows,
    total: fmt.number(report.totalRows),
    valid: fmt.number(report.validRows),
    duplicates: fmt.number(report.duplicateRows),
    rows: fmt.number(report.problemRows),
    problems: t('imports.problemCount', { count: report.errorCount, n: fmt.number(report.errorCount) }),
    seconds: (report.ms / 1000).toFixed(1),
  };
  const summaryKey =
    kind === 'payments'
      ? report.duplicateRows > 0
        ? 'imports.summaryWithDuplicates'
        : 'imports.summary'
      : 'imports.portfolio.summary';
  return (
    <div className="import-report" role="status">
      <p>
        <strong>
          {report.committed ? t(`imports.${kind}.done`, { count: report.writtenRows }) : t('imports.checked')}
        </strong>{' '}
        {t(summaryKey, summary)}
      </p>
      {counts && (
        <ul className="import-counts">
          {(
            ['debtorsCreated', 'debtorsUpdated', 'accountsCreated', 'accountsUpdated', 'contactPointsAdded'] as const
          ).map((k) => (
            <li key={k}>
              <span className="muted">{t(`imports.portfolio.${k}`)}</span>{' '}
              <strong className="num">{fmt.number(counts[k])}</strong>
            </li>
          ))}
        </ul>
      )}
      {report.committed && report.changedPromises > 0 && (
        <p>{t('imports.promises', { count: report.changedPromises })}</p>
      )}
      {report.errorCount > 0 && onDownload && (
        <div className="actions start">
          <button
            type="button"
            className="button"
            disabled={downloading}
            onClick={() => {
              setDownloading(true);
              setDownloadError(null);
              onDownload()
                .catch(setDownloadError)
                .finally(() => setDownloading(false));
            }}
          >
            {downloading ? t('imports.downloading') : t('imports.downloadProblems', { count: report.errorCount })}
          </button>
        </div>
      )}
      {downloadError ? <ErrorState error={downloadError} /> : null}
      {report.errors.length > 0 && (
        <div className="table-wrap">
          <DataTable
            wrap={null}
            caption={t('imports.errors')}
            rows={report.errors}
            rowKey={(_, i) => String(i)}
            columns={[
              { key: 'line', header: t('imports.line'), numeric: true, className: 'mono', cell: (e) => e.line },
              { key: 'field', header: t('imports.field'), className: 'mono', cell: (e) => e.field },
              { key: 'value', header: t('imports.value'), className: 'mono', cell: (e) => e.value ?? '' },
              { key: 'problem', header: t('imports.problem'), cell: (e) => e.message },
            ]}
          />
          {report.errorCount > report.errors.length && (
            <p className="muted small">
              {t('imports.moreErrors', {
                shown: fmt.number(report.errors.length),
                total: fmt.number(report.errorCount),
              })}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
