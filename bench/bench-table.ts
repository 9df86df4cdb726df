/** The human-readable part of a benchmark's output: one two-column table of its result (the JSON line follows it). */
import Table from 'cli-table3';

export function resultTable(title: string, result: Record<string, unknown>, notes: Record<string, string> = {}): string {
  const table = new Table({ head: [title, 'value', ''], style: { head: [], border: [] } });
  for (const [key, value] of Object.entries(result)) {
    if (key === 'scenario') continue;
    table.push([key, typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(value), notes[key] ?? '']);
  }
  return table.toString();
}
