/** OIS350MI 'Customer Order invoice interface', typed: the invoices of one customer order (number, year, customer, amount). */
import { z } from 'zod';
import type { MiExecutor } from './m3-client';
import { allRecords } from './mi-records';

const InvoiceSchema = z.object({
  IVNO: z.string().min(1),
  YEA4: z.string().regex(/^\d{4}$/),
  EXIN: z.string().default(''),
  CUNO: z.string().default(''),
  PYNO: z.string().default(''),
  IVAV: z.string().default(''),
}).passthrough();

export type OrderInvoiceRecord = z.infer<typeof InvoiceSchema>;

/** Every invoice of the order, oldest first as M3 lists them; empty when it is not invoiced yet. */
export async function lstAllInvByCO(m3: MiExecutor, orno: string): Promise<OrderInvoiceRecord[]> {
  return allRecords(InvoiceSchema, await m3.execute('OIS350MI', 'LstAllInvByCO', { ORNO: orno }), 'OIS350MI.LstAllInvByCO');
}
