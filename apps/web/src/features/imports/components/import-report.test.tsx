import type { ImportReport } from '@crm/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../testing/render';
import { ImportReportView } from './csv-import';

const report: ImportReport = {
  committed: false,
  totalRows: 5,
  validRows: 1,
  duplicateRows: 0,
  writtenRows: 0,
  errorCount: 6,
  problemRows: 4,
  errors: [
    { line: 3, field: 'account_external_id', message: 'no account =1+2', value: '=1+2' },
    { line: 4, field: 'currency', message: 'must be a 3-letter ISO 4217 code', value: 'XYZ' },
  ],
  changedPromises: 0,
  ms: 1200,
};

describe('ImportReportView', () => {
  it('counts rows with problems apart from the problems, with plurals, and offers every problem as CSV', async () => {
    const onDownload = vi.fn(() => Promise.resolve());
    await renderWithProviders(<ImportReportView kind="payments" report={report} onDownload={onDownload} />);
    expect(screen.getByText('5 rows: 1 valid, 4 with problems (6 problems). 1.2 s.')).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '=1+2' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Download all 6 problems (CSV)' }));
    expect(onDownload).toHaveBeenCalledOnce();
  });

  it('says one row and one problem in the singular, and shows duplicates when there are some', async () => {
    await renderWithProviders(
      <ImportReportView
        kind="payments"
        report={{ ...report, totalRows: 1, validRows: 0, problemRows: 1, errorCount: 1, errors: [] }}
      />,
    );
    expect(screen.getByText('1 row: 0 valid, 1 with problems (1 problem). 1.2 s.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Download/ })).not.toBeInTheDocument();
  });

  it('reads in Chinese', async () => {
    await renderWithProviders(
      <ImportReportView
        kind="payments"
        report={{ ...report, duplicateRows: 1, validRows: 2, problemRows: 3 }}
        onDownload={() => Promise.resolve()}
      />,
      { locale: 'zh-CN' },
    );
    expect(
      screen.getByText('共 5 行：有效 2 行（其中已导入过 1 行），有问题 3 行（共 6 个问题）。用时 1.2 秒。'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '下载全部 6 个问题（CSV）' })).toBeInTheDocument();
  });
});
