/** CRS610MI customer interface, typed (docs/m3-facts.md, CRS610MI customers): read a customer, create one from a template. */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { MiExecutor } from './m3-client';
import { oneRecord } from './mi-records';

const CustomerSchema = z.object({ CUNO: z.string().min(1), CUNM: z.string().default(''), STAT: z.string().default('') }).passthrough();
const AddResultSchema = z.object({ CUNO: z.string().min(1), ERRM: z.string().default('') }).passthrough();

export type Customer = z.infer<typeof CustomerSchema>;

/** Undefined when M3 answers NOK on CUNO (no such customer); other failures propagate. */
export async function getBasicData(m3: MiExecutor, cuno: string): Promise<Customer | undefined> {
  try {
    return oneRecord(CustomerSchema, await m3.execute('CRS610MI', 'GetBasicData', { CUNO: cuno }), 'CRS610MI.GetBasicData');
  } catch (error) {
    if (error instanceof PermanentError && error.details.field === 'CUNO') return undefined;
    throw error;
  }
}

/** CUTM (template), CUNM and CUA1 are mandatory; CUNO is assigned by M3 when left out. */
export async function add(m3: MiExecutor, params: Record<string, string> & { CUTM: string; CUNM: string; CUA1: string }): Promise<{ CUNO: string }> {
  const r = oneRecord(AddResultSchema, await m3.execute('CRS610MI', 'Add', params), 'CRS610MI.Add');
  // ERRM is "Error message if status 12" (docs/m3-facts.md, CRS610MI customers): the customer exists but is not released.
  if (r.ERRM) throw new PermanentError(`M3 CRS610MI.Add created ${r.CUNO} with an error: ${r.ERRM}`, { code: 'CUSTOMER_STATUS_12', system: 'm3', details: { CUNO: r.CUNO } });
  return { CUNO: r.CUNO };
}
