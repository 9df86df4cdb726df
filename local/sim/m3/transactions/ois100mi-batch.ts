/** OIS100MI batch-order transactions: AddBatch*, Confirm, LstErrMsgOrder, GetBatchHead, Del*; plus OIS275MI.GetTmpOrderStat. */
import { originalInvoiceProblem, quantitySignProblem } from '../returns/credit-orders';
import type { BatchMessage, BatchOrder, CustomerOrder, Fields, SimData } from '../m3-sim-state';
import { decimalParam, decimalText, notFound, ymd8, type MiHandlers, type SimContext } from '../mi-handler';
import { MiNok } from '../mi-nok';
import { allocateLine, refreshOrderStatus } from './customer-order-status';
import { isConnected } from '../stock-locations';

/** Temporary numbers come from their own series (CRS165 type 1, series T, docs/m3-facts.md, Batch and order statuses); the sandbox keeps them apart from real ones by range. */
function nextNumber(data: SimData, series: 'tempOrder' | 'order'): string {
  data.counters[series] += 1;
  const base = series === 'tempOrder' ? 5000000000 : 1000000000;
  return String(base + data.counters[series]);
}

function batchOrder(data: SimData, orno: string): BatchOrder {
  const batch = data.batchOrders[orno];
  if (!batch) throw notFound('Batch order', 'ORNO', orno);
  return batch;
}

function openBatchOrder(data: SimData, orno: string): BatchOrder {
  const batch = batchOrder(data, orno);
  if (batch.STAT === '90') throw new MiNok(`Batch order ${orno} is already transferred to customer order ${batch.ORNR}`, { code: 'STATUS', field: 'ORNO' });
  return batch;
}

function message(MSID: string, TX60: string, MDTA = ''): BatchMessage {
  return { LEVL: '1', MSID, TX60: TX60.slice(0, 60), MDTA };
}

/**
 * The checks 'Batch Order. Open' runs on release, as for manual entry; returns the batch status: 15 error in the head
 * (order type, facility, warehouse, currency, head charge id), 20 no lines, 25 error in a line (item, status,
 * warehouse, quantity, line charge id), 30 customer credit-stopped, 90 customer order created.
 */
function checkBatch(data: SimData, batch: BatchOrder): { STAT: string; messages: BatchMessage[] } {
  const head = batch.head;
  const headErrors: BatchMessage[] = [];
  const customer = data.customers[head.CUNO];
  if (!customer || customer.STAT !== '20') headErrors.push(message('OIS0005', `Customer ${head.CUNO} has status ${customer?.STAT ?? '(none)'}`, 'CUNO'));
  if (!data.orderTypes.includes(head.ORTP)) headErrors.push(message('OIS0001', `Order type ${head.ORTP} does not exist`, 'ORTP'));
  const original = originalInvoiceProblem(data, head);
  if (original) headErrors.push(message('OIS0008', original.charAt(0).toUpperCase() + original.slice(1), 'OIVR'));
  if (head.CUCD && !data.currencies.includes(head.CUCD)) headErrors.push(message('OIS0006', `Currency ${head.CUCD} does not exist`, 'CUCD'));
  for (const charge of batch.charges.filter((c) => c.PONR === undefined)) {
    if (!data.chargeIds.includes(charge.fields.CRID)) headErrors.push(message('OIS0007', `Charge ${charge.fields.CRID} does not exist`, 'CRID'));
    if (charge.fields.CUCD && !data.currencies.includes(charge.fields.CUCD)) headErrors.push(message('OIS0006', `Currency ${charge.fields.CUCD} does not exist`, 'CUCD'));
  }
  if (head.FACI && !data.facilities.includes(head.FACI)) headErrors.push(message('OIS0002', `Facility ${head.FACI} does not exist`, 'FACI'));
  if (head.WHLO && !data.warehouses.includes(head.WHLO)) headErrors.push(message('OIS0003', `Warehouse ${head.WHLO} does not exist`, 'WHLO'));
  if (headErrors.length) return { STAT: '15', messages: headErrors };
  if (batch.lines.length === 0) return { STAT: '20', messages: [message('OIS0004', 'Order lines are missing')] };
  const lineErrors: BatchMessage[] = [];
  for (const line of batch.lines) {
    const item = data.items[line.fields.ITNO];
    const whlo = line.fields.WHLO || head.WHLO;
    if (!item) lineErrors.push(message('OIS0010', `Line ${line.PONR}: item ${line.fields.ITNO} does not exist`, 'ITNO'));
    else if (item.STAT !== '20' && item.STAT !== '50') lineErrors.push(message('OIS0011', `Line ${line.PONR}: item ${item.ITNO} has status ${item.STAT}`, 'ITNO'));
    if (!whlo || !data.warehouses.includes(whlo)) lineErrors.push(message('OIS0012', `Line ${line.PONR}: warehouse ${whlo || '(blank)'} does not exist`, 'WHLO'));
    else if (item && !isConnected(data, whlo, item.ITNO)) lineErrors.push(message('OIS0014', `Line ${line.PONR}: item ${item.ITNO} does not exist in warehouse ${whlo}`, 'WHLO'));
    const sign = quantitySignProblem(data, head.ORTP, line.fields.ORQT);
    if (sign) lineErrors.push(message('OIS0013', `Line ${line.PONR}: ${sign}`, 'ORQT'));
  }
  for (const charge of batch.charges.filter((c) => c.PONR !== undefined)) {
    if (!data.chargeIds.includes(charge.fields.CRID)) lineErrors.push(message('OIS0015', `Line ${charge.PONR}: charge ${charge.fields.CRID} does not exist`, 'CRID'));
  }
  if (lineErrors.length) return { STAT: '25', messages: lineErrors };
  // BLCD "Customer stop" (CRS610): the order waits in 'Batch Order. Open' until credit is released.
  if (customer?.BLCD === '1') return { STAT: '30', messages: [message('OIS0030', `Customer ${head.CUNO} is stopped for credit`, 'CUNO')] };
  return { STAT: '90', messages: [] };
}

function createCustomerOrder(ctx: SimContext, batch: BatchOrder): CustomerOrder {
  const { data } = ctx;
  const head = batch.head;
  const orno = nextNumber(data, 'order');
  const order: CustomerOrder = {
    ORNO: orno,
    tempORNO: batch.ORNO,
    CUNO: head.CUNO,
    CUOR: head.CUOR ?? '',
    ORTP: head.ORTP,
    FACI: head.FACI || data.facilities[0] || '',
    WHLO: head.WHLO || batch.lines[0]?.fields.WHLO || '',
    ORDT: head.ORDT,
    STAT: '22',
    head: { ...head, ORSL: '22', ORST: '22', TINC: data.customers[head.CUNO]?.TINC ?? '0' },
    createdAt: ctx.now().toISOString(),
    lines: batch.lines.map((l) => ({
      PONR: l.PONR,
      POSX: l.POSX,
      ITNO: l.fields.ITNO,
      ORQT: decimalText(l.fields.ORQT),
      SAPR: l.fields.SAPR ? decimalText(l.fields.SAPR) : '',
      WHLO: l.fields.WHLO || head.WHLO,
      ORST: '22',
      ALQT: '0',
      fields: { ...l.fields },
    })),
    addresses: batch.addresses.map((a) => ({ ...a })),
    charges: batch.charges.map((c) => ({ ...c, fields: { ...c.fields } })),
  };
  if (ctx.autoAllocate) for (const line of order.lines) allocateLine(data, line);
  refreshOrderStatus(order);
  data.orders[orno] = order;
  return order;
}

/** Runs the release checks and, when they pass, creates the customer order (status 90). */
function release(ctx: SimContext, batch: BatchOrder): Fields {
  const { STAT, messages } = checkBatch(ctx.data, batch);
  batch.STAT = STAT;
  batch.messages = messages;
  delete batch.pendingUntil;
  if (STAT !== '90') return { ORNO: batch.ORNO, STAT };
  const order = createCustomerOrder(ctx, batch);
  batch.ORNR = order.ORNO;
  return { ORNO: order.ORNO, STAT };
}

/** Finishes the releases whose batch job has run by now (an asynchronous Confirm). */
export function settlePendingBatches(ctx: SimContext): void {
  const now = ctx.now().getTime();
  for (const batch of Object.values(ctx.data.batchOrders)) {
    if (batch.pendingUntil && Date.parse(batch.pendingUntil) <= now) release(ctx, batch);
  }
}

export const ois100miBatchHandlers: MiHandlers = {
  AddBatchHead({ params }, ctx) {
    const { data } = ctx;
    const customer = data.customers[params.CUNO];
    if (!customer) throw notFound('Customer', 'CUNO', params.CUNO);
    if (customer.STAT !== '20') throw new MiNok(`Customer ${params.CUNO} has status ${customer.STAT}`, { code: 'STATUS', field: 'CUNO' });
    const orno = nextNumber(data, 'tempOrder');
    // A blank order type falls back to the customer's default (CRS610 order info), here the first configured one.
    const head: Fields = { ...params, ORTP: params.ORTP || data.orderTypes[0] || '', ORDT: params.ORDT || ymd8(ctx.now()) };
    data.batchOrders[orno] = { ORNO: orno, STAT: '20', head, lines: [], addresses: [], charges: [], messages: [], createdAt: ctx.now().toISOString() };
    return [{ ORNO: orno }];
  },

  AddBatchLine({ params }, { data }) {
    const batch = openBatchOrder(data, params.ORNO);
    if (!data.items[params.ITNO]) throw notFound('Item number', 'ITNO', params.ITNO);
    const whlo = params.WHLO || batch.head.WHLO;
    // The item-warehouse record (MMS002) must exist: an item never connected to the warehouse cannot be ordered there.
    if (whlo && !isConnected(data, whlo, params.ITNO)) throw new MiNok(`Item ${params.ITNO} does not exist in warehouse ${whlo}`, { code: 'NOT_FOUND', field: params.WHLO ? 'WHLO' : 'ITNO' });
    if (params.ORQT !== undefined) decimalParam(params, 'ORQT');
    if (params.SAPR !== undefined) decimalParam(params, 'SAPR');
    const ponr = String(batch.lines.reduce((max, l) => Math.max(max, Number(l.PONR)), 0) + 1);
    batch.lines.push({ PONR: ponr, POSX: '0', fields: { ...params } });
    return [{ PONR: ponr, POSX: '0', ATNR: '0' }];
  },

  AddBatchAddress({ params }, { data }) {
    const batch = openBatchOrder(data, params.ORNO);
    batch.addresses = batch.addresses.filter((a) => a.ADRT !== params.ADRT);
    batch.addresses.push({ ...params });
    return [];
  },

  AddBatchHeadChg({ params }, { data }) {
    const batch = openBatchOrder(data, params.ORNO);
    if (params.CRAM !== undefined) decimalParam(params, 'CRAM');
    batch.charges.push({ fields: { ...params } });
    return [];
  },

  AddBatchLineChg({ params }, { data }) {
    const batch = openBatchOrder(data, params.ORNO);
    if (!batch.lines.some((l) => l.PONR === String(Number(params.PONR)))) throw notFound('Order line', 'PONR', params.PONR);
    if (params.CRAM !== undefined) decimalParam(params, 'CRAM');
    batch.charges.push({ PONR: String(Number(params.PONR)), POSX: params.POSX, fields: { ...params } });
    return [];
  },

  AddBatchText({ params }, { data }) {
    openBatchOrder(data, params.ORNO);
    return [];
  },

  Confirm({ params }, ctx) {
    const batch = openBatchOrder(ctx.data, params.ORNO);
    if (batch.pendingUntil) return [{ ORNO: batch.ORNO, STAT: batch.STAT }];
    if (ctx.confirmDelayMs > 0) {
      // Released to the batch job: the temporary order keeps its status until the job has run.
      batch.pendingUntil = new Date(ctx.now().getTime() + ctx.confirmDelayMs).toISOString();
      return [{ ORNO: batch.ORNO, STAT: batch.STAT }];
    }
    return [release(ctx, batch)];
  },

  LstErrMsgOrder({ params }, { data }) {
    return batchOrder(data, params.ORNO).messages.map((m) => ({ ...m }));
  },

  GetBatchHead({ params }, { data }) {
    const batch = batchOrder(data, params.ORNO);
    return [{ ...batch.head, ORNO: batch.ORNO, STAT: batch.STAT }];
  },

  LstBatchLine({ params }, { data }) {
    return batchOrder(data, params.ORNO).lines.map((l) => ({ ...l.fields, ORNO: params.ORNO, PONR: l.PONR, POSX: l.POSX }));
  },

  GetOrderNo({ params }, { data }) {
    return [{ ORNR: batchOrder(data, params.ORNO).ORNR ?? '' }];
  },

  DelBatchHead({ params }, { data }) {
    openBatchOrder(data, params.ORNO);
    delete data.batchOrders[params.ORNO];
    return [];
  },

  DelBatchLine({ params }, { data }) {
    const batch = openBatchOrder(data, params.ORNO);
    const before = batch.lines.length;
    batch.lines = batch.lines.filter((l) => l.PONR !== String(Number(params.PONR)));
    if (batch.lines.length === before) throw notFound('Order line', 'PONR', params.PONR);
    return [];
  },
};

export const ois275miHandlers: MiHandlers = {
  GetTmpOrderStat({ params }, { data }) {
    const batch = batchOrder(data, params.ORNO);
    return [{ ORNO: batch.ORNO, ORNR: batch.ORNR ?? '', STAT: batch.STAT }];
  },
};
