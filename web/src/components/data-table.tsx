// A scrollable table with a header row of column names; the caller renders the body rows.
import type { ComponentChildren } from 'preact';

export interface DataTableProps {
  columns: readonly string[];
  children: ComponentChildren;
  /** Extra class for the table (e.g. "file-table"). */
  class?: string;
}

export function DataTable({ columns, children, class: className }: DataTableProps) {
  return (
    <div class="table-wrap">
      <table class={className}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
