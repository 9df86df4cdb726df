/** EXPORTMI.Select, typed: reads table rows as separated strings, the read-back of batches that have no Get transaction. */
import { z } from 'zod';
import type { MiExecutor } from './m3-client';
import { allRecords } from './mi-records';

const RowSchema = z.object({ REPL: z.string() }).passthrough();
const SEPARATOR = ';';

/** Each row's values in the order of the query's columns. */
export async function select(m3: MiExecutor, query: string): Promise<string[][]> {
  const rows = allRecords(RowSchema, await m3.execute('EXPORTMI', 'Select', { QERY: query, SEPC: SEPARATOR }), 'EXPORTMI.Select');
  return rows.map((r) => r.REPL.split(SEPARATOR).map((v) => v.trim()));
}
