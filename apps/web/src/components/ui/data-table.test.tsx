import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { renderWithProviders } from '../../testing/render';
import { DataTable, QueryTable, type Column } from './data-table';

interface Row {
  id: string;
  name: string;
  count: number;
}
const rows: Row[] = [
  { id: '1', name: 'Alex', count: 3 },
  { id: '2', name: 'Sam', count: 5 },
];
const columns: Column<Row>[] = [
  { key: 'name', header: 'Collector', rowHeader: true, cell: (r) => r.name },
  { key: 'count', header: 'Calls', numeric: true, className: 'mono', cell: (r) => r.count },
];

describe('DataTable', () => {
  it('has column headers, rows named by their header cell, figures aligned right, a row opened in place and totals', async () => {
    await renderWithProviders(
      <DataTable
        caption="Calls per collector"
        rows={rows}
        rowKey={(r) => r.id}
        columns={columns}
        rowClassName={(r) => (r.count > 4 ? 'selected' : undefined)}
        below={(r) => (r.id === '2' ? { node: 'Sam’s history', className: 'history-row' } : null)}
        footer={(c) => (c.key === 'name' ? 'Total' : 8)}
      />,
    );
    const table = screen.getByRole('table', { name: 'Calls per collector' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => [h.textContent, h.className]),
    ).toEqual([
      ['Collector', ''],
      ['Calls', 'num'],
    ]);
    const sam = within(table).getByRole('row', { name: /Sam 5/ });
    expect(sam).toHaveClass('selected');
    expect(within(sam).getByRole('rowheader')).toHaveTextContent('Sam');
    expect(within(sam).getByRole('cell')).toHaveClass('num', 'mono');
    const opened = within(table).getByText('Sam’s history').closest('td')!;
    expect(opened).toHaveAttribute('colspan', '2');
    expect(opened.closest('tr')).toHaveClass('history-row');
    expect(within(table).getByRole('row', { name: 'Total 8' })).toBeInTheDocument();
  });

  it('QueryTable shows loading, the error with a retry, the empty message, then the rows', async () => {
    const query = { isPending: true, isError: false, error: null, data: undefined, refetch: vi.fn(async () => ({})) };
    const table = (
      q: typeof query | { isPending: boolean; isError: boolean; error: unknown; data: Row[] | undefined },
    ) => (
      <QueryTable
        query={q as typeof query & { data: Row[] | undefined }}
        rows={(d: Row[]) => d}
        empty="Nobody yet"
        caption="Calls"
        rowKey={(r) => r.id}
        columns={columns}
      />
    );
    const { rerender } = await renderWithProviders(table(query));
    expect(screen.getByRole('status')).toHaveTextContent('Loading');
    rerender(table({ ...query, isPending: false, isError: true, error: new ApiError(403, 'forbidden', 'Not yours') }));
    expect(screen.getByRole('alert')).toHaveTextContent('Not yours');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(query.refetch).toHaveBeenCalled();
    rerender(table({ ...query, isPending: false, data: [] }));
    expect(screen.getByText('Nobody yet')).toBeInTheDocument();
    rerender(table({ ...query, isPending: false, data: rows }));
    expect(screen.getAllByRole('row')).toHaveLength(3);
  });
});
