/**
 * The sandbox's finance control routes: `POST /_sim/orders/{ORNO}/invoice` invoices an order (→ {"CINO","INYR"} plus
 * the amounts), `GET /_sim/invoices`, and `GET /_sim/payments` (the ARS040 payment batches as loaded and checked).
 */
import type { SimData } from '../m3-sim-state';
import { financeOf, invoiceOrder } from './finance-state';

export interface ControlAnswer { status: number; body: unknown; changed: boolean }

const INVOICE_ROUTE = /^\/_sim\/orders\/([^/]+)\/invoice$/;

export function financeControl(data: SimData, method: string, route: string, today: Date): ControlAnswer | undefined {
  const invoice = method === 'POST' ? INVOICE_ROUTE.exec(route) : null;
  if (invoice) {
    const orno = decodeURIComponent(invoice[1]);
    const order = data.orders[orno];
    if (!order) return { status: 404, body: { error: `no customer order ${orno}` }, changed: false };
    if (order.STAT === '90') return { status: 409, body: { error: `order ${orno} is deleted and cannot be invoiced` }, changed: false };
    const i = invoiceOrder(data, order, today);
    return { status: 200, body: { CINO: i.CINO, INYR: i.INYR, ORNO: i.ORNO, CUNO: i.CUNO, CUCD: i.CUCD, net: i.net, vat: i.vat, gross: i.gross }, changed: true };
  }
  if (method === 'GET' && route === '/_sim/invoices') return { status: 200, body: Object.values(financeOf(data).invoices), changed: false };
  if (method === 'GET' && route === '/_sim/payments') {
    const body = Object.values(financeOf(data).payments).map((b) => ({
      batch: b.PBID, BOPE: b.BOPE, status: b.BPYS, controlled: b.controlled, errors: b.errors, head: b.head,
      lines: b.lines.map((l) => ({ TRNO: l.TRNO, errorStatus: l.errorStatus, ...l.fields })),
      charges: b.charges,
    }));
    return { status: 200, body, changed: false };
  }
  return undefined;
}
