/**
 * OIS390MI 'Customer Return': a return head against a warehouse and (usually) the customer order it refers to, and
 * return lines with the advised quantity. Rules the sandbox applies, as Infor describes registration in OIS390: the
 * return names a customer or a customer order; a line that refers to an order line takes its item and price from it;
 * more than was delivered on the line minus what other returns already advised cannot be returned (the delivered-first
 * rule and the exact message are the sandbox's, unconfirmed). Receiving, inspection and crediting (OIS392/OIS393)
 * have no MI transaction, so returns stay at status 11 'advised'.
 */
import Decimal from 'decimal.js';
import type { CustomerOrder, SimData } from '../m3-sim-state';
import { decimalParam, decimalText, notFound, type MiHandlers } from '../mi-handler';
import { MiNok } from '../mi-nok';
import { financeOf, invoiceKey } from '../finance/finance-state';
import { returnKey, returnsOf, type SimReturn } from './returns-state';

function returnOf(data: SimData, whlo: string, repn: string): SimReturn {
  const ret = returnsOf(data).returns[returnKey(whlo, repn)];
  if (!ret) throw notFound('Receiving number', 'REPN', repn);
  return ret;
}

function referencedOrder(data: SimData, rorn: string): CustomerOrder {
  const order = data.orders[rorn];
  if (!order) throw notFound('Order number', 'RORN', rorn);
  if (order.STAT === '90') throw new MiNok(`Order ${rorn} is deleted`, { code: 'STATUS', field: 'RORN' });
  return order;
}

/** What other return lines already advised for one order line. */
function advisedBefore(data: SimData, orno: string, ponr: string): Decimal {
  return Object.values(returnsOf(data).returns).filter((r) => r.ORNO === orno)
    .flatMap((r) => r.lines).filter((l) => l.PONR === ponr)
    .reduce((s, l) => s.plus(l.REQ0), new Decimal(0));
}

export const ois390miHandlers: MiHandlers = {
  AddHead({ params }, { data }) {
    if (!data.warehouses.includes(params.WHLO)) throw notFound('Warehouse', 'WHLO', params.WHLO);
    const order = params.RORN ? referencedOrder(data, params.RORN) : undefined;
    const cuno = params.CUNO || order?.CUNO || '';
    if (!cuno) throw new MiNok('Customer or order number must be entered', { code: 'MANDATORY', field: 'CUNO' });
    if (!data.customers[cuno]) throw notFound('Customer', 'CUNO', cuno);
    if (order && order.CUNO !== cuno) throw new MiNok(`Order ${order.ORNO} belongs to another customer`, { code: 'INVALID', field: 'CUNO' });
    if (params.EXIN) {
      const invoice = financeOf(data).invoices[invoiceKey(params.EXIN, String(Number(params.YEA4 || '0')))];
      if (!invoice) throw notFound('Invoice', 'EXIN', params.EXIN);
      if (order && invoice.ORNO !== order.ORNO) throw new MiNok(`Invoice ${params.EXIN} is not an invoice of order ${order.ORNO}`, { code: 'INVALID', field: 'EXIN' });
    }
    const returns = returnsOf(data);
    let repn = params.REPN ? String(Number(params.REPN)) : '';
    if (repn && returns.returns[returnKey(params.WHLO, repn)]) throw new MiNok(`Receiving number ${repn} already exists`, { code: 'EXISTS', field: 'REPN' });
    if (!repn) { returns.counters.receiving += 1; repn = String(7000000 + returns.counters.receiving); }
    returns.returns[returnKey(params.WHLO, repn)] = { WHLO: params.WHLO, REPN: repn, ORNO: order?.ORNO ?? '', CUNO: cuno, head: { ...params }, lines: [] };
    return [{ REPN: repn }];
  },

  AddLine({ params }, { data }) {
    const ret = returnOf(data, params.WHLO, params.REPN);
    const quantity = decimalParam(params, 'REQ0');
    if (quantity.lte(0)) throw new MiNok('Advised quantity must be greater than zero', { code: 'INVALID', field: 'REQ0' });
    let itno = params.ITNO ?? '';
    let ponr = '';
    let posx = '';
    let sapr = params.SAPR !== undefined ? decimalText(decimalParam(params, 'SAPR')) : '';
    if (params.RORL) {
      if (!ret.ORNO) throw new MiNok('A reference order line needs a reference order on the return', { code: 'INVALID', field: 'RORL' });
      const order = referencedOrder(data, ret.ORNO);
      const line = order.lines.find((l) => Number(l.PONR) === Number(params.RORL) && Number(l.POSX || '0') === Number(params.RORX || '0'));
      if (!line) throw notFound('Order line', 'RORL', params.RORL);
      if (itno && itno !== line.ITNO) throw new MiNok(`Item ${itno} is not the item of order line ${line.PONR}`, { code: 'INVALID', field: 'ITNO' });
      itno = line.ITNO;
      ponr = line.PONR;
      posx = line.POSX;
      if (!sapr) sapr = line.SAPR;
      const delivered = line.ORST >= '66' ? new Decimal(line.ORQT) : new Decimal(0);
      const open = delivered.minus(advisedBefore(data, order.ORNO, line.PONR));
      if (quantity.gt(open)) throw new MiNok(`Quantity ${quantity.toFixed()} exceeds the ${open.toFixed()} delivered and not yet returned on order line ${line.PONR}`, { code: 'INVALID', field: 'REQ0' });
    } else {
      if (!itno) throw new MiNok('Item number must be entered', { code: 'MANDATORY', field: 'ITNO' });
      if (!data.items[itno]) throw notFound('Item', 'ITNO', itno);
    }
    const reli = String(ret.lines.length + 1);
    ret.lines.push({ RELI: reli, ITNO: itno, PONR: ponr, POSX: posx, REQ0: decimalText(quantity), SAPR: sapr, REST: '11', fields: { ...params } });
    return [{ RELI: reli, TREL: '' }];
  },

  GetHead({ params }, { data }) {
    const ret = returnOf(data, params.WHLO, params.REPN);
    const status = ret.lines.length ? '11' : '';
    return [{
      WHLO: ret.WHLO, REPN: ret.REPN, ORNO: ret.ORNO, CUNO: ret.CUNO, RESL: status, RESH: status, CRSB: '', CRSH: '',
      IVNO: ret.head.EXIN ?? '', YEA4: ret.head.YEA4 ?? '', EXIN: ret.head.EXIN ?? '', ORTP: ret.head.ORTP ?? '', RSCD: ret.head.RSCD ?? '', YREF: ret.head.YREF ?? '',
    }];
  },

  LstLine({ params }, { data }) {
    const ret = returnOf(data, params.WHLO, params.REPN);
    return ret.lines.map((l) => ({
      WHLO: ret.WHLO, REPN: ret.REPN, RELI: l.RELI, ORNO: ret.ORNO, PONR: l.PONR, POSX: l.POSX, ITNO: l.ITNO, REST: l.REST,
      REQ0: l.REQ0, REQ1: '0', REQ2: '0', REQ3: '0', REQ6: '0', REQ7: '0', SAPR: l.SAPR, CRES: '', RSCD: l.fields.RSCD ?? '', WHSL: l.fields.WHSL ?? '',
    }));
  },
};
