/**
 * The FBA customer returns report (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA: items buyers returned to an Amazon
 * fulfillment center) read into returns. Columns per Amazon's report attributes page: return-date, order-id, sku,
 * quantity, fulfillment-center-id, detailed-disposition, reason, status, license-plate-number. The report carries no
 * RMA id: a return is keyed by order, SKU and license plate (else the return date), one return per row. Received at
 * the fulfillment center means arrived, so the return date is also its delivery date. Customer comments are not read.
 */
import type { PhysicalReturn, ReturnsReportReading } from './returns-report';

const norm = (h: string): string => h.toLowerCase().replace(/[\s_-]+/g, '');

export function readFbaReturnsReport(text: string): ReturnsReportReading {
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (rows.shift() ?? '').split('\t').map(norm);
  const at = (name: string): number => header.indexOf(name);
  const idx = { date: at('returndate'), orderId: at('orderid'), sku: at('sku'), quantity: at('quantity'), reason: at('reason'), plate: at('licenseplatenumber') };
  const missing = (['orderId', 'sku', 'quantity', 'date'] as const).filter((k) => idx[k] < 0);
  if (missing.length > 0) throw new Error(`the FBA returns report lacks the column(s) ${missing.join(', ')}`);
  const returns: PhysicalReturn[] = [];
  let skippedRows = 0;
  for (const line of rows) {
    const cells = line.split('\t');
    const cell = (i: number): string => (i >= 0 ? (cells[i] ?? '').trim() : '');
    const quantity = Number(cell(idx.quantity));
    if (!cell(idx.orderId) || !cell(idx.sku) || !cell(idx.date) || !Number.isInteger(quantity) || quantity <= 0) { skippedRows += 1; continue; }
    const plate = cell(idx.plate);
    returns.push({
      returnId: `FBA:${cell(idx.orderId)}:${cell(idx.sku)}:${plate || cell(idx.date)}`, amazonOrderId: cell(idx.orderId), channel: 'fba',
      requestDate: cell(idx.date), deliveryDate: cell(idx.date), items: [{ sku: cell(idx.sku), quantity, reason: cell(idx.reason) }],
    });
  }
  return { returns, skippedRows };
}
