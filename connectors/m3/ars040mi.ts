/**
 * ARS040MI 'Customer payment interface', typed: a payment batch (PBID N10, batch payment type BOPE), receipt orders
 * matched to AR invoices (CINO + INYR), charges, ControlBatch. No transaction exists for the 'update AR' step.
 */
import type { MiExecutor } from './m3-client';

export async function addBatchHead(m3: MiExecutor, head: { PBID: string; BOPE: string } & Record<string, string>): Promise<void> {
  await m3.execute('ARS040MI', 'AddBatchHead', { ...head });
}

/** One receipt order: PYAM is the amount paid on invoice CINO/INYR of customer CUNO; TRNO numbers it within the batch. */
export async function addBatchLine(m3: MiExecutor, line: { PBID: string; TRNO: string; CINO: string; INYR: string; CUNO: string; PYAM: string } & Record<string, string>): Promise<void> {
  await m3.execute('ARS040MI', 'AddBatchLine', { ...line });
}

export async function addBatchCharge(m3: MiExecutor, charge: { PBID: string; CHAM: string } & Record<string, string>): Promise<void> {
  await m3.execute('ARS040MI', 'AddBatchCharge', { ...charge });
}

/** Checks every receipt order against accounts receivable; NOK names the batch's errors. */
export async function controlBatch(m3: MiExecutor, key: { PBID: string } & Record<string, string>): Promise<void> {
  await m3.execute('ARS040MI', 'ControlBatch', { ...key });
}
