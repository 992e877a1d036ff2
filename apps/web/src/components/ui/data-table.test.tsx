import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { renderWithProviders } from '../../testing/render';
import { DataTable, QueryTable, hiddenHeader, type Column } from './data-table';

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

  it('sorts by a column header button: numbers from the largest first, texts in order, aria-sort tells which', async () => {
    const people: Row[] = [
      { id: '1', name: 'Sam', count: 3 },
      { id: '2', name: 'alex', count: 12 },
      { id: '3', name: 'Bo', count: 5 },
    ];
    const sortable: Column<Row>[] = [
      { key: 'name', header: 'Collector', rowHeader: true, cell: (r) => r.name, sortValue: (r) => r.name },
      { key: 'count', header: 'Calls', numeric: true, cell: (r) => r.count, sortValue: (r) => r.count },
      { key: 'note', header: 'Note', cell: () => '-' },
    ];
    await renderWithProviders(<DataTable caption="Calls" rows={people} rowKey={(r) => r.id} columns={sortable} />);
    const names = () => screen.getAllByRole('rowheader').map((h) => h.textContent);
    const header = (name: string) => screen.getByRole('columnheader', { name });
    expect(names()).toEqual(['Sam', 'alex', 'Bo']);
    expect(header('Collector')).toHaveAttribute('aria-sort', 'none');
    expect(header('Note')).not.toHaveAttribute('aria-sort');
    expect(within(header('Note')).queryByRole('button')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Calls' }));
    expect(names()).toEqual(['alex', 'Bo', 'Sam']);
    expect(header('Calls')).toHaveAttribute('aria-sort', 'descending');
    await userEvent.click(screen.getByRole('button', { name: 'Calls' }));
    expect(names()).toEqual(['Sam', 'Bo', 'alex']);
    expect(header('Calls')).toHaveAttribute('aria-sort', 'ascending');

    await userEvent.click(screen.getByRole('button', { name: 'Collector' }));
    expect(names()).toEqual(['alex', 'Bo', 'Sam']);
    expect(header('Collector')).toHaveAttribute('aria-sort', 'ascending');
    expect(header('Calls')).toHaveAttribute('aria-sort', 'none');
  });

  it('starts in the order asked for, and keeps empty values last', async () => {
    const withBlank: Column<Row>[] = [
      { key: 'name', header: 'Collector', rowHeader: true, cell: (r) => r.name },
      {
        key: 'count',
        header: 'Calls',
        numeric: true,
        cell: (r) => r.count,
        sortValue: (r) => (r.count < 0 ? null : r.count),
      },
    ];
    const people: Row[] = [
      { id: '1', name: 'None', count: -1 },
      { id: '2', name: 'Few', count: 2 },
      { id: '3', name: 'Many', count: 9 },
    ];
    await renderWithProviders(
      <DataTable
        caption="Calls"
        rows={people}
        rowKey={(r) => r.id}
        columns={withBlank}
        initialSort={{ key: 'count', desc: true }}
      />,
    );
    const names = () => screen.getAllByRole('rowheader').map((h) => h.textContent);
    expect(names()).toEqual(['Many', 'Few', 'None']);
    await userEvent.click(screen.getByRole('button', { name: 'Calls' }));
    expect(names()).toEqual(['Few', 'Many', 'None']);
  });

  it('opens a row on click and on Enter or Space, but not from its own buttons', async () => {
    const open = vi.fn();
    const withButton: Column<Row>[] = [
      ...columns,
      { key: 'act', header: hiddenHeader('Actions'), cell: (r) => <button type="button">Edit {r.name}</button> },
    ];
    await renderWithProviders(
      <DataTable caption="Calls" rows={rows} rowKey={(r) => r.id} columns={withButton} onRowOpen={open} />,
    );
    const sam = screen.getByRole('row', { name: /Sam/ });
    expect(sam).toHaveClass('openable');
    await userEvent.click(within(sam).getByRole('cell', { name: '5' }));
    expect(open).toHaveBeenLastCalledWith(rows[1]);
    await userEvent.click(within(sam).getByRole('button', { name: 'Edit Sam' }));
    expect(open).toHaveBeenCalledTimes(1);
    screen.getByRole('row', { name: /Alex/ }).focus();
    await userEvent.keyboard('{Enter}');
    expect(open).toHaveBeenLastCalledWith(rows[0]);
    await userEvent.keyboard(' ');
    expect(open).toHaveBeenCalledTimes(3);
  });

  it('shows the empty state instead of a table with no rows, when given one', async () => {
    await renderWithProviders(
      <DataTable caption="Calls" rows={[]} rowKey={(r: Row) => r.id} columns={columns} empty="No calls yet" />,
    );
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('No calls yet')).toBeInTheDocument();
  });
});
