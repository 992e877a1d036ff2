import { Fragment, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { QueryState, type QueryLike } from './query-state';

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
}

/**
 * A table of rows with a header row: the one shape of every list table in the app. Optional: a
 * caption for screen readers, a footer row, a row's class, and a full-width row shown under a
 * row (an editor or a history opened in place).
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
}: DataTableProps<T>) {
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
  const table = (
    <table className={className ? `table ${className}` : 'table'} aria-label={label}>
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} title={c.title}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => {
          const extra = below?.(row);
          return (
            <Fragment key={rowKey(row, index)}>
              <tr
                className={[rowClassName?.(row), onRowOpen ? 'openable' : null].filter(Boolean).join(' ') || undefined}
                {...rowProps(row)}
              >
                {columns.map((c) => {
                  const className = [c.numeric ? 'num' : null, c.className].filter(Boolean).join(' ') || undefined;
                  return c.rowHeader ? (
                    <th key={c.key} scope="row" className={className}>
                      {c.cell(row)}
                    </th>
                  ) : (
                    <td key={c.key} className={className}>
                      {c.cell(row)}
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
  return wrap === null ? table : <div className={wrap}>{table}</div>;
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
}: Omit<DataTableProps<T>, 'rows'> & { query: QueryLike<D>; rows: (data: D) => readonly T[]; empty: ReactNode }) {
  return (
    <QueryState query={query} isEmpty={(data) => rows(data).length === 0} empty={empty}>
      {(data) => <DataTable {...table} rows={rows(data)} />}
    </QueryState>
  );
}
