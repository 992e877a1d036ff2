import type { ImportReport } from '@crm/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/ui/data-table';
import { Field, TextField } from '../../../components/ui/field';
import { ErrorState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { useImportProgress } from '../api/get-import-progress';
import { downloadImportProblems, useUploadImport, type ImportKind, type ImportMode } from '../api/upload-import';

/**
 * Upload a CSV file, see every bad row, then import all of it or only the valid rows. While the
 * request runs the admin sees the upload, then the server's own progress (rows read, written).
 */
export function CsvImport({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('bank-file');
  const [upload, setUpload] = useState<number | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const uploadImport = useUploadImport();
  const server = useImportProgress(upload !== null && upload >= 1 ? importId : null).data ?? null;

  const run = async (mode: ImportMode) => {
    if (!file) return;
    const runId = crypto.randomUUID();
    setError(null);
    setUpload(0);
    setImportId(runId);
    try {
      setReport(
        await uploadImport.mutateAsync({
          file,
          request: { kind, mode, importId: runId, ...(kind === 'payments' ? { source } : {}) },
          onUploadProgress: setUpload,
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setUpload(null);
      setImportId(null);
    }
  };

  const running = upload !== null;
  const checked = report && !report.committed;
  const writable = report ? report.validRows - report.duplicateRows : 0;
  return (
    <div className="panel import-panel">
      <div className="row">
        <Field id={`${id}-file`} label={t(`imports.${kind}.file`)}>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
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
      {running && (
        <div role="status" className="progress">
          {upload < 1 || !server ? (
            <>
              <progress max={1} value={upload} aria-label={t('imports.uploading')} />{' '}
              {upload < 1 ? t('imports.uploading') : t('imports.processing')}
            </>
          ) : (
            <>
              <progress
                max={1}
                value={
                  server.phase === 'writing' && server.rowsToWrite > 0
                    ? server.rowsWritten / server.rowsToWrite
                    : undefined
                }
                aria-label={t(`imports.phase.${server.phase}`)}
              />{' '}
              {t(`imports.phase.${server.phase}`, {
                read: fmt.number(server.rowsRead),
                written: fmt.number(server.rowsWritten),
                toWrite: fmt.number(server.rowsToWrite),
              })}
            </>
          )}
        </div>
      )}
      {error ? <ErrorState error={error} /> : null}
      {report && (
        <ImportReportView
          kind={kind}
          report={report}
          onDownload={
            file ? () => downloadImportProblems(file, { kind, ...(kind === 'payments' ? { source } : {}) }) : undefined
          }
        />
      )}
    </div>
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
