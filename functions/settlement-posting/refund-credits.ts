/**
 * Finds the M3 credits of the refunds in a settlement: the credit orders the refund-credit flow booked per Amazon order
 * (its ledger) → each credit order's invoice, the credit note (OIS350MI.LstAllInvByCO) → AR number and year. A credit
 * order not invoiced yet has no note: its refund stays unapplied. Reads only.
 */
import { z } from 'zod';
import type { RefundCredit, SettlementMapping } from '../../core/settlement';
import type { M3Executor } from './batch-read-back';
import type { SettlementPorts } from './settlement-ports';

const InvoiceSchema = z.object({ IVNO: z.string().min(1), YEA4: z.string().regex(/^\d{4}$/), EXIN: z.string().default(''), CUNO: z.string().default(''), PYNO: z.string().default('') }).passthrough();

export async function lookUpRefundCredits(
  orderIds: readonly string[], m3: M3Executor, credits: NonNullable<SettlementPorts['refundCredits']>, sellerId: string, mapping: SettlementMapping,
): Promise<Map<string, RefundCredit[]>> {
  const out = new Map<string, RefundCredit[]>();
  for (const orderId of orderIds) {
    const found: RefundCredit[] = [];
    for (const credit of await credits.list(sellerId, orderId)) {
      const first = (await m3.execute('OIS350MI', 'LstAllInvByCO', { ORNO: credit.creditOrder }))
        .map((r) => InvoiceSchema.safeParse(r)).flatMap((r) => (r.success ? [r.data] : []))[0];
      const note = first === undefined ? undefined : {
        CINO: mapping.cashApplication.invoiceNumber === 'EXIN' && first.EXIN !== '' ? first.EXIN : first.IVNO, INYR: first.YEA4, CUNO: first.CUNO,
        ...(first.PYNO !== '' ? { PYNO: first.PYNO } : {}),
      };
      found.push({ refundId: credit.refundId, creditOrder: credit.creditOrder, amount: credit.amount, ...(note ? { note } : {}) });
    }
    out.set(orderId, found);
  }
  return out;
}
