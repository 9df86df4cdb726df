/**
 * Sync.SalesOrder → canonical sales order: what the app needs to notice that M3 canceled an order or a line of it.
 * Paths follow OAGIS 9.2 (SalesOrderHeader / SalesOrderLine); no M3-emitted sample was available, so the status
 * words are read leniently and the document is only a trigger: the app re-reads the order in M3 (OIS100MI) before it
 * tells Amazon anything.
 */
import { z } from 'zod';
import { BodNode, missing } from './bod-node';
import { parseQuantity } from './bod-values';
import { readVariation } from './bod-variation';

export const SalesOrderLineSchema = z.object({
  lineNumber: z.string().nullable(),
  itemNumber: z.string().nullable(),
  quantity: z.number().nonnegative().nullable(),
  status: z.string().nullable(),
  canceled: z.boolean(),
});

export const SalesOrderDocumentSchema = z.object({
  /** The M3 customer order number (ORNO). */
  id: z.string(),
  variationId: z.number().int().nonnegative().nullable(),
  /** The customer's order number (M3 CUOR; the Amazon order id for Amazon orders). */
  customerOrderRef: z.string().nullable(),
  status: z.string().nullable(),
  /** The whole order is canceled (status word, or the BOD's actionCode Delete). */
  canceled: z.boolean(),
  lines: z.array(SalesOrderLineSchema),
});
export type SalesOrderDocument = z.infer<typeof SalesOrderDocumentSchema>;

/** Status words and M3 statuses meaning "will not be delivered": 90 deleted, 99 closed without delivery (unconfirmed mapping). */
const CANCELED = new Set(['cancelled', 'canceled', 'deleted', 'closed', '90', '99']);

function statusOf(node: BodNode): string | null {
  return node.textOf('Status', 'Code') ?? node.textOf('Status', 'Description') ?? null;
}

export function readSalesOrder(order: BodNode, actionCode: string | null): SalesOrderDocument {
  const header = order.child('SalesOrderHeader');
  const idNode = header?.child('DocumentID');
  const id = header?.textOf('DocumentID', 'ID') ?? null;
  if (header === undefined || id === null) throw missing(`${order.path}/SalesOrderHeader/DocumentID/ID`);
  const status = statusOf(header);
  const lines = order.children('SalesOrderLine').map((line) => {
    const quantityNode = line.child('Quantity') ?? line.child('OrderQuantity');
    const quantityText = quantityNode?.text();
    const lineStatus = statusOf(line);
    return {
      lineNumber: line.textOf('LineNumber'),
      itemNumber: line.textOf('Item', 'ItemID', 'ID') ?? line.textOf('ItemID', 'ID'),
      quantity: quantityNode && quantityText ? parseQuantity(quantityText, quantityNode.path) : null,
      status: lineStatus,
      canceled: lineStatus !== null && CANCELED.has(lineStatus.trim().toLowerCase()),
    };
  });
  const deleted = (actionCode ?? '').trim().toLowerCase() === 'delete';
  return {
    id,
    variationId: readVariation(idNode),
    customerOrderRef: header.textOf('CustomerPurchaseOrderReference', 'DocumentID', 'ID') ?? header.textOf('PurchaseOrderReference', 'DocumentID', 'ID'),
    status,
    canceled: deleted || (status !== null && CANCELED.has(status.trim().toLowerCase())) || (lines.length > 0 && lines.every((l) => l.canceled)),
    lines,
  };
}
