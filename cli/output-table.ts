/** Tables for people (cli-table3): fixed columns, long text cut so a row fits a terminal line. */
import Table from 'cli-table3';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | undefined | null;
  max?: number;
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const table = new Table({ head: columns.map((c) => c.header), style: { head: [], border: [] }, wordWrap: false });
  for (const row of rows) {
    table.push(columns.map((c) => cut(String(c.value(row) ?? ''), c.max ?? 60)));
  }
  return table.toString();
}

function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function printTable<T>(rows: readonly T[], columns: readonly Column<T>[], empty: string): void {
  process.stdout.write(rows.length === 0 ? `${empty}\n` : `${renderTable(rows, columns)}\n`);
}
