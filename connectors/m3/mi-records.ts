/** Reads MI records into typed objects with zod; a record without the expected fields is a permanent, named failure. */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { MiRecord } from './mi-response';

export function oneRecord<S extends z.ZodTypeAny>(schema: S, records: MiRecord[], what: string): z.infer<S> {
  const parsed = schema.safeParse(records[0]);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(record)').join(', ');
    throw new PermanentError(`M3 ${what} answered without the expected fields (${fields})`, { code: 'UNEXPECTED_RESPONSE', system: 'm3', details: { transaction: what } });
  }
  return parsed.data;
}

export function allRecords<S extends z.ZodTypeAny>(schema: S, records: MiRecord[], what: string): Array<z.infer<S>> {
  return records.map((r) => oneRecord(schema, [r], what));
}

/** MI numbers are strings with `.` as decimal separator (docs/m3-facts.md, MI REST v2); blank means zero. */
export const MiDecimalText = z.string().transform((v) => v.trim() || '0').pipe(z.string().regex(/^-?\d+(\.\d+)?$/));
