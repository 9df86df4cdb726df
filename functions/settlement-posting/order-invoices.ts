/**
 * Finds the M3 invoice of each Amazon order in a settlement: Amazon order id → M3 order (the order link the
 * order-to-cash flow saved, else OIS100MI.SearchHead on CUOR) → its invoice (OIS350MI.LstAllInvByCO) → AR invoice
 * number and year. Reads only; an outage propagates as TransientError and the activity is retried.
 */
import { z } from 'zod';
import type { OrderInvoice, SettlementMapping } from '../../core/settlement';
import { ois100mi } from '../../connectors/m3';
import type { M3Executor } from './batch-read-back';
import type { SettlementPorts } from './settlement-ports';

const OrderHeadSchema = z.object({ ORNO: z.string().min(1), CUNO: z.string().default(''), STAT: z.string().default('') }).passthrough();
const InvoiceSchema = z.object({ IVNO: z.string().min(1), YEA4: z.string().regex(/^\d{4}$/), EXIN: z.string().default(''), CUNO: z.string().default(''), PYNO: z.string().default('') }).passthrough();

async function findM3Order(m3: M3Executor, links: SettlementPorts['orderLinks'], sellerId: string, orderId: string): Promise<{ ORNO: string; CUNO: string } | undefined> {
  const link = await links.get(sellerId, orderId);
  const linked = link?.m3OrderNumber;
  if (linked !== undefined && linked !== '') {
    const head = OrderHeadSchema.safeParse((await m3.execute('OIS100MI', 'GetHead', { ORNO: linked }))[0]);
    if (head.success) return { ORNO: head.data.ORNO, CUNO: head.data.CUNO };
  }
  const found = (await m3.execute('OIS100MI', 'SearchHead', { SQRY: ois100mi.cuorSearchQuery(orderId) }))
    .map((r) => OrderHeadSchema.safeParse(r))
    // A deleted order (head status 90) was never invoiced.
    .flatMap((r) => (r.success && r.data.STAT !== ois100mi.ORDER_DELETED ? [r.data] : []));
  return found[0] === undefined ? undefined : { ORNO: found[0].ORNO, CUNO: found[0].CUNO };
}

export async function lookUpOrderInvoices(
  orderIds: readonly string[], m3: M3Executor, links: SettlementPorts['orderLinks'], sellerId: string, mapping: SettlementMapping,
): Promise<Map<string, OrderInvoice>> {
  const out = new Map<string, OrderInvoice>();
  for (const orderId of orderIds) {
    const order = await findM3Order(m3, links, sellerId, orderId);
    if (order === undefined) { out.set(orderId, { kind: 'not-in-m3' }); continue; }
    const invoices = (await m3.execute('OIS350MI', 'LstAllInvByCO', { ORNO: order.ORNO }))
      .map((r) => InvoiceSchema.safeParse(r)).flatMap((r) => (r.success ? [r.data] : []));
    const first = invoices[0];
    if (first === undefined) { out.set(orderId, { kind: 'uninvoiced', ORNO: order.ORNO, CUNO: order.CUNO }); continue; }
    const cino = mapping.cashApplication.invoiceNumber === 'EXIN' && first.EXIN !== '' ? first.EXIN : first.IVNO;
    out.set(orderId, {
      kind: 'invoiced', ORNO: order.ORNO, CUNO: first.CUNO || order.CUNO, CINO: cino, INYR: first.YEA4,
      ...(first.PYNO !== '' ? { PYNO: first.PYNO } : {}),
    });
  }
  return out;
}
