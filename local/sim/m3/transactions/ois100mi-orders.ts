/** OIS100MI reads and changes on confirmed customer orders: GetHead, LstHead, SearchHead (CUOR look-up), GetLine, LstLine, DelHead, DelLine, CloLine. */
import Decimal from 'decimal.js';
import type { CustomerOrder, Fields, OrderLine, SimData } from '../m3-sim-state';
import { isConnected, warehouseFigures } from '../stock-locations';
import { decimalText, notFound, type MiHandlers } from '../mi-handler';
import { MiNok } from '../mi-nok';
import { isDeletable, refreshOrderStatus, releaseAllocation } from './customer-order-status';

function customerOrder(data: SimData, orno: string): CustomerOrder {
  const order = data.orders[orno];
  if (!order) throw notFound('Order number', 'ORNO', orno);
  return order;
}

function orderLine(order: CustomerOrder, ponr: string): OrderLine {
  const line = order.lines.find((l) => l.PONR === String(Number(ponr)));
  if (!line) throw notFound('Order line', 'PONR', ponr);
  return line;
}

function headRecord(order: CustomerOrder): Fields {
  const net = order.lines.reduce((sum, l) => sum.plus(new Decimal(l.ORQT).times(l.SAPR || '0')), new Decimal(0));
  return {
    ...order.head,
    ORNO: order.ORNO, CUNO: order.CUNO, CUOR: order.CUOR, ORTP: order.ORTP, FACI: order.FACI, WHLO: order.WHLO,
    ORDT: order.ORDT, STAT: order.STAT, ORSL: order.head.ORSL, ORST: order.head.ORST, NTAM: decimalText(net),
  };
}

/** SearchHead's output has no CUOR column (OIS100MI.SearchHead outputs): the query matches on it, the answer omits it. */
function searchRecord(order: CustomerOrder): Fields {
  const { CUOR: _notAnOutput, ...record } = headRecord(order);
  return record;
}

function lineRecord(order: CustomerOrder, l: OrderLine): Fields {
  return { ...l.fields, ORNO: order.ORNO, PONR: l.PONR, POSX: l.POSX, ITNO: l.ITNO, ORQT: l.ORQT, SAPR: l.SAPR, WHLO: l.WHLO, ORST: l.ORST, ALQT: l.ALQT, DLQT: '0', IVQT: '0', CUOR: l.fields.CUOR || order.CUOR };
}

/**
 * SearchHead takes a LES search query (SQRY, docs/m3-facts.md, Field lengths and formats); the simulator understands the subset
 * `FIELD:value` terms joined by spaces or AND, values optionally in double quotes, e.g. `CUOR:"113-1234567-1234567"`.
 */
export function parseSearchQuery(sqry: string): Array<[string, string]> {
  const terms: Array<[string, string]> = [];
  const pattern = /([A-Z0-9]{4}):(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const m of sqry.matchAll(pattern)) terms.push([m[1], (m[2] ?? m[3]).replace(/\\(.)/g, '$1')]);
  if (terms.length === 0) throw new MiNok(`Search query ${JSON.stringify(sqry.slice(0, 60))} has no FIELD:value term`, { code: 'INVALID_QUERY', field: 'SQRY' });
  return terms;
}

/**
 * The order-head fields the simulator's search index holds. Which fields a tenant's index has is configuration (not
 * publicly documented); these are the keys an integration plausibly searches on.
 */
const SEARCHABLE_HEAD_FIELDS = ['ORNO', 'CUNO', 'CUOR', 'ORTP', 'FACI', 'WHLO', 'ORDT', 'ORST', 'ORSL', 'CUCD', 'RESP', 'SMCD'];

export const ois100miOrderHandlers: MiHandlers = {
  GetHead({ params }, { data }) {
    return [headRecord(customerOrder(data, params.ORNO))];
  },

  LstHead({ params }, { data }) {
    if (!data.customers[params.CUNO]) throw notFound('Customer', 'CUNO', params.CUNO);
    const from = params.ORSL ?? '00';
    const to = params.ORST ?? '99';
    return Object.values(data.orders)
      .filter((o) => o.CUNO === params.CUNO && o.STAT >= from && o.STAT <= to)
      .sort((a, b) => a.ORNO.localeCompare(b.ORNO))
      .map(headRecord);
  },

  SearchHead({ params }, { data, now, searchLagMs }) {
    const terms = parseSearchQuery(params.SQRY);
    const unknown = terms.find(([field]) => !SEARCHABLE_HEAD_FIELDS.includes(field));
    if (unknown) throw new MiNok(`Field ${unknown[0]} is not searchable`, { code: 'INVALID_QUERY', field: 'SQRY' });
    // The search index is fed after the order is written: with a lag set, a just-created order is not found yet.
    const indexedBefore = now().getTime() - searchLagMs;
    return Object.values(data.orders)
      .filter((o) => searchLagMs <= 0 || !o.createdAt || Date.parse(o.createdAt) <= indexedBefore)
      .filter((o) => terms.every(([field, value]) => headRecord(o)[field] === value))
      .sort((a, b) => a.ORNO.localeCompare(b.ORNO))
      .map(searchRecord);
  },

  GetLine({ params }, { data }) {
    const order = customerOrder(data, params.ORNO);
    return [lineRecord(order, orderLine(order, params.PONR))];
  },

  LstLine({ params }, { data }) {
    const order = customerOrder(data, params.ORNO);
    return order.lines
      .filter((l) => (!params.ITNO || l.ITNO === params.ITNO) && (!params.ORST || l.ORST === params.ORST))
      .map((l) => lineRecord(order, l));
  },

  DelHead({ params }, { data }) {
    const order = customerOrder(data, params.ORNO);
    const blocking = order.lines.find((l) => !isDeletable(l));
    if (blocking) throw new MiNok(`Order ${order.ORNO} line ${blocking.PONR} has status ${blocking.ORST} and cannot be deleted`, { code: 'STATUS', field: 'ORNO' });
    if (order.STAT === '90') throw new MiNok(`Order ${order.ORNO} is already deleted`, { code: 'STATUS', field: 'ORNO' });
    for (const line of order.lines) releaseAllocation(data, line);
    order.lines = [];
    // Infor's filing documentation calls CO header status 90 'Deleted' (docs/m3-facts.md, Field lengths and formats).
    order.STAT = '90';
    order.head.ORSL = '90';
    order.head.ORST = '90';
    return [];
  },

  DelLine({ params }, { data }) {
    const order = customerOrder(data, params.ORNO);
    const line = orderLine(order, params.PONR);
    if (!isDeletable(line)) throw new MiNok(`Order line ${line.PONR} has status ${line.ORST} and cannot be deleted`, { code: 'STATUS', field: 'PONR' });
    releaseAllocation(data, line);
    order.lines = order.lines.filter((l) => l !== line);
    if (order.lines.length === 0) {
      order.STAT = '90';
      order.head.ORSL = '90';
      order.head.ORST = '90';
    } else refreshOrderStatus(order);
    return [];
  },

  CloLine({ params }, { data }) {
    if (!params.ORNO) throw new MiNok('ORNO must be entered', { code: 'MANDATORY', field: 'ORNO' });
    if (!params.PONR) throw new MiNok('PONR must be entered', { code: 'MANDATORY', field: 'PONR' });
    const order = customerOrder(data, params.ORNO);
    const line = orderLine(order, params.PONR);
    if (line.ORST >= '77') throw new MiNok(`Order line ${line.PONR} has status ${line.ORST} and cannot be closed`, { code: 'STATUS', field: 'PONR' });
    releaseAllocation(data, line);
    // 99 = "Flagged as completed without delivery" (docs/m3-facts.md, Batch and order statuses).
    line.ORST = '99';
    refreshOrderStatus(order);
    return [];
  },

  LstWarehBalance({ params }, { data }) {
    if (!data.items[params.ITNO]) throw notFound('Item number', 'ITNO', params.ITNO);
    return data.warehouses
      .filter((whlo) => isConnected(data, whlo, params.ITNO))
      .map((whlo) => {
        const figures = warehouseFigures(data, whlo, params.ITNO);
        return { WHLO: whlo, AV01: decimalText(figures.AV01), AV02: decimalText(figures.AV02) };
      });
  },
};
