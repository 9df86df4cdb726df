/** CRS610MI customer interface, typed (docs/m3-facts.md, CRS610MI customers): read a customer. */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { MiExecutor } from './m3-client';
import { oneRecord } from './mi-records';

/** The program, as an order plan names it. */
export const PROGRAM = 'CRS610MI';

/** MI values are text: the fields not named here (name, address, MAIL, …) stay readable as strings. */
const CustomerSchema = z.object({ CUNO: z.string().min(1), CUNM: z.string().default(''), STAT: z.string().default('') }).catchall(z.string());

export type Customer = z.infer<typeof CustomerSchema>;

/** Undefined when M3 answers NOK on CUNO (no such customer); other failures propagate. */
export async function getBasicData(m3: MiExecutor, cuno: string, opts: { CONO?: string } = {}): Promise<Customer | undefined> {
  try {
    return oneRecord(CustomerSchema, await m3.execute(PROGRAM, 'GetBasicData', { ...(opts.CONO ? { CONO: opts.CONO } : {}), CUNO: cuno }), 'CRS610MI.GetBasicData');
  } catch (error) {
    if (error instanceof PermanentError && error.details.field === 'CUNO') return undefined;
    throw error;
  }
}
