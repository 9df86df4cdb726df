/** OIS350MI 'Customer Order invoice interface': the invoices of a customer order, the step from an order to its AR invoice. */
import type { SimData } from '../m3-sim-state';
import { notFound, type MiHandlers } from '../mi-handler';
import { financeOf, type SimInvoice } from './finance-state';

function invoicesOf(data: SimData, orno: string): SimInvoice[] {
  if (!data.orders[orno]) throw notFound('Order number', 'ORNO', orno);
  return Object.values(financeOf(data).invoices).filter((i) => i.ORNO === orno);
}

function remaining(i: SimInvoice): string {
  return (Number(i.gross) - Number(i.paid)).toFixed(2);
}

export const ois350miHandlers: MiHandlers = {
  /** IVNO N9, YEA4, INPX prefix, EXIN extended number, RAFC remaining amount, DUDT, CUNO, PYNO. */
  LstInvHeadByCo({ params, divi }, { data }) {
    return invoicesOf(data, params.ORNO).map((i) => ({
      DIVI: divi, ORNO: i.ORNO, IVNO: i.CINO, YEA4: i.INYR, INPX: '', EXIN: i.CINO, IVDT: i.IVDT, DUDT: i.IVDT, CUNO: i.CUNO, PYNO: i.PYNO, CUCD: i.CUCD, RAFC: remaining(i),
    }));
  },

  /** Adds IVAV 'invoice amount including VAT' and CASH. */
  LstAllInvByCO({ params, divi }, { data }) {
    return invoicesOf(data, params.ORNO).map((i) => ({
      DIVI: divi, ORNO: i.ORNO, IVNO: i.CINO, YEA4: i.INYR, INPX: '', EXIN: i.CINO, IVDT: i.IVDT, CUNO: i.CUNO, PYNO: i.PYNO, CUCD: i.CUCD, IVAV: i.gross, VTAM: i.vat, RAFC: remaining(i), CASH: '0',
    }));
  },
};
