import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
  type SortingState,
} from '@tanstack/react-table';
import { Fragment, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState, type QueryLike } from './query-state';
import { EmptyState } from './states';

/** What a column sorts by: a number, a text, or nothing (always last). */
export type SortValue = string | number | bigint | null | undefined;

/** One column: its header, how a row shows in it, and how it aligns. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Figures: aligned right (header and cells). */
  numeric?: boolean;
  /** Class of the cells (not the header). */
  className?: string;
  /** The cell names its row (a row header, `th scope="row"`). */
  rowHeader?: boolean;
  /** Tooltip of the header. */
  title?: string;
  /**
   * The column sorts by this value (its header becomes a button; `aria-sort` tells the order).
   * Only for tables that hold all their rows: a paged list is ordered by the server.
   */
  sortValue?: (row: T) => SortValue;
}

/** A column header read only by screen readers (e.g. above a column of buttons). */
export const hiddenHeader = (text: string) => <span className="visually-hidden">{text}</span>;

/** What inside a row keeps its own click (the row does not open). */
const INTERACTIVE = 'a, button, input, select, textarea, label, summary, [role="button"]';

/** What a DataTable takes. */
export interface DataTableProps<T> {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  caption?: string;
  /** The table's accessible name, when it has no caption. */
  label?: string;
  className?: string;
  /** Class of the scrolling box around the table; null: no box. */
  wrap?: string | null;
  rowClassName?: (row: T) => string | undefined;
  /**
   * The whole row opens something: a click anywhere in it (except on its own links, buttons and
   * fields) and Enter or Space while the row has focus (each such row is a tab stop).
   */
  onRowOpen?: (row: T) => void;
  below?: (row: T) => { node: ReactNode; className?: string } | null;
  /** Cells of a footer row (totals), one per column. */
  footer?: (column: Column<T>) => ReactNode;
  /** The order before the user picks one (a sortable column's key). */
  initialSort?: { key: string; desc?: boolean };
  /** Shown instead of the table when there are no rows (without it: the table with its header only). */
  empty?: ReactNode;
}

type Compare = (a: SortValue, b: SortValue) => number;

/** Numbers by value, texts in the reader's language (numbers inside texts by value). */
function comparer(language: string): Compare {
  const collator = new Intl.Collator(language, { numeric: true, sensitivity: 'base' });
  return (a, b) => {
    if (typeof a === 'string' || typeof b === 'string') return collator.compare(String(a), String(b));
    return a! < b! ? -1 : a! > b! ? 1 : 0;
  };
}

/** What TanStack needs to know of a column: its key, whether it sorts, whether it is a figure. */
const shapeOf = (c: Column<unknown>) => `${c.key}\u0000${c.sortValue ? 's' : ''}${c.numeric ? 'n' : ''}`;

/**
 * TanStack's view of the columns (from their shapes): which sort and how. Sort values come from the
 * caller's latest columns through `current`, so the definitions (and TanStack's row models) stay
 * the same from render to render while callers build their column lists inline.
 */
function toColumnDefs<T>(shape: string, current: { current: readonly Column<T>[] }, compare: Compare) {
  return shape.split('|').map((entry): ColumnDef<T, SortValue> => {
    const [key = '', flags = ''] = entry.split('\u0000');
    return {
      id: key,
      // Empty values are `undefined` to TanStack, so they sort last in either direction.
      accessorFn: (row: T) => current.current.find((c) => c.key === key)?.sortValue?.(row) ?? undefined,
      enableSorting: flags.includes('s'),
      sortUndefined: 'last',
      sortDescFirst: flags.includes('n'),
      sortingFn: (a: Row<T>, b: Row<T>, id: string) => compare(a.getValue<SortValue>(id), b.getValue<SortValue>(id)),
    };
  });
}

const ariaSort = (order: false | 'asc' | 'desc') =>
  order === 'asc' ? 'ascending' : order === 'desc' ? 'descending' : 'none';

/**
 * A table of rows with a header row: the one shape of every list table in the app, built on
 * TanStack Table. Optional: sortable columns (those with a `sortValue`), a caption for screen
 * readers, a footer row, a row's class, rows that open on click or Enter, a full-width row shown
 * under a row (an editor or a history opened in place), and an empty state.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  caption,
  label,
  className,
  wrap = 'table-wrap',
  rowClassName,
  onRowOpen,
  below,
  footer,
  initialSort,
  empty,
}: DataTableProps<T>) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const current = useRef(columns);
  current.current = columns;
  const shape = columns.map((c) => shapeOf(c as Column<unknown>)).join('|');
  const columnDefs = useMemo(() => toColumnDefs(shape, current, comparer(language)), [shape, language]);
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const [sorting, setSorting] = useState<SortingState>(
    initialSort ? [{ id: initialSort.key, desc: initialSort.desc ?? false }] : [],
  );
  const table = useReactTable<T>({
    data: rows as T[],
    columns: columnDefs,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (row, index) => rowKey(row, index),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  if (rows.length === 0 && empty !== undefined) return <EmptyState>{empty}</EmptyState>;

  const rowProps = (row: T) =>
    onRowOpen
      ? {
          tabIndex: 0,
          onClick: (e: MouseEvent<HTMLTableRowElement>) => {
            if (!(e.target as Element).closest(INTERACTIVE)) onRowOpen(row);
          },
          onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => {
            if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
              e.preventDefault();
              onRowOpen(row);
            }
          },
        }
      : {};
  const meta = (column: { id: string }) => byKey.get(column.id)!;
  const element = (
    <table className={className ? `table ${className}` : 'table'} aria-label={label}>
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const c = meta(header.column);
              const content = c.header;
              const sortable = header.column.getCanSort();
              return (
                <th
                  key={header.id}
                  scope="col"
                  className={c.numeric ? 'num' : undefined}
                  title={c.title}
                  aria-sort={sortable ? ariaSort(header.column.getIsSorted()) : undefined}
                >
                  {sortable ? (
                    <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                      {content}
                    </button>
                  ) : (
                    content
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => {
          const extra = below?.(row.original);
          return (
            <Fragment key={row.id}>
              <tr
                className={
                  [rowClassName?.(row.original), onRowOpen ? 'openable' : null].filter(Boolean).join(' ') || undefined
                }
                {...rowProps(row.original)}
              >
                {row.getVisibleCells().map((cell) => {
                  const c = meta(cell.column);
                  const className = [c.numeric ? 'num' : null, c.className].filter(Boolean).join(' ') || undefined;
                  const content = c.cell(row.original);
                  return c.rowHeader ? (
                    <th key={cell.id} scope="row" className={className}>
                      {content}
                    </th>
                  ) : (
                    <td key={cell.id} className={className}>
                      {content}
                    </td>
                  );
                })}
              </tr>
              {extra && (
                <tr className={extra.className}>
                  <td colSpan={columns.length}>{extra.node}</td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
      {footer && (
        <tfoot>
          <tr>
            {columns.map((c) =>
              c.rowHeader ? (
                <th key={c.key} scope="row">
                  {footer(c)}
                </th>
              ) : (
                <td key={c.key} className={c.numeric ? 'num' : undefined}>
                  {footer(c)}
                </td>
              ),
            )}
          </tr>
        </tfoot>
      )}
    </table>
  );
  return wrap === null ? element : <div className={wrap}>{element}</div>;
}

/**
 * The rows a query brings, as a DataTable: "Loading" until they are there, the error (with "Try
 * again"), `empty` when there are none.
 */
export function QueryTable<D, T>({
  query,
  rows,
  empty,
  ...table
}: Omit<DataTableProps<T>, 'rows' | 'empty'> & {
  query: QueryLike<D>;
  rows: (data: D) => readonly T[];
  empty: ReactNode;
}) {
  return (
    <QueryState query={query} isEmpty={(data) => rows(data).length === 0} empty={empty}>
      {(data) => <DataTable {...table} rows={rows(data)} />}
    </QueryState>
  );
}
