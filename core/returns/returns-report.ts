/**
 * The merchant returns report (GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE, tab-separated, one row per returned item)
 * read into returns: one per Amazon RMA id, with its order, items and reason. Amazon's help page lists the columns by
 * their display names ("Order ID", "Amazon RMA ID", "Merchant SKU", "Return quantity", "Return Reason", "Return
 * delivery date" …); headers are matched without regard to case, spaces, hyphens or underscores, since the exact
 * spelling in the file is not confirmed. Columns that could identify the buyer (tracking ids, item names) are not read.
 */
export interface ReturnedItem { sku: string; quantity: number; reason: string }

export interface PhysicalReturn {
  /** Amazon RMA id: the exactly-once key of the return. */
  returnId: string;
  amazonOrderId: string;
  /** Seller-fulfilled (merchant returns report) or returned to an Amazon fulfillment center (FBA report). */
  channel?: 'merchant' | 'fba';
  requestDate: string;
  /** Empty until the parcel reached the seller. */
  deliveryDate: string;
  items: ReturnedItem[];
}

export interface ReturnsReportReading { returns: PhysicalReturn[]; skippedRows: number }

const norm = (h: string): string => h.toLowerCase().replace(/[\s_-]+/g, '');

const COLUMNS = {
  orderId: 'orderid', rma: 'amazonrmaid', sku: 'merchantsku', quantity: 'returnquantity', reason: 'returnreason',
  requestDate: 'returnrequestdate', deliveryDate: 'returndeliverydate',
} as const;

export function readReturnsReport(text: string): ReturnsReportReading {
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (rows.shift() ?? '').split('\t').map(norm);
  const at = (name: keyof typeof COLUMNS): number => header.indexOf(COLUMNS[name]);
  const idx = { orderId: at('orderId'), rma: at('rma'), sku: at('sku'), quantity: at('quantity'), reason: at('reason'), requestDate: at('requestDate'), deliveryDate: at('deliveryDate') };
  const missing = (['orderId', 'rma', 'sku', 'quantity'] as const).filter((k) => idx[k] < 0);
  if (missing.length > 0) throw new Error(`the returns report lacks the column(s) ${missing.map((k) => COLUMNS[k]).join(', ')}`);
  const byId = new Map<string, PhysicalReturn>();
  let skippedRows = 0;
  for (const line of rows) {
    const cells = line.split('\t');
    const cell = (i: number): string => (i >= 0 ? (cells[i] ?? '').trim() : '');
    const returnId = cell(idx.rma);
    const quantity = Number(cell(idx.quantity));
    if (!returnId || !cell(idx.orderId) || !cell(idx.sku) || !Number.isInteger(quantity) || quantity <= 0) { skippedRows += 1; continue; }
    const ret = byId.get(returnId) ?? { returnId, amazonOrderId: cell(idx.orderId), requestDate: cell(idx.requestDate), deliveryDate: cell(idx.deliveryDate), items: [] };
    if (!ret.deliveryDate) ret.deliveryDate = cell(idx.deliveryDate);
    ret.items.push({ sku: cell(idx.sku), quantity, reason: cell(idx.reason) });
    byId.set(returnId, ret);
  }
  return { returns: [...byId.values()], skippedRows };
}
