/**
 * ARS040MI 'Customer payment interface': a payment batch (receipt orders matched to AR invoices by CINO + INYR),
 * its charges and ControlBatch, which checks each receipt order as ARS040 does and gives it ARS043's error status.
 * There is no MI transaction for ARS040's final 'update accounts receivable' step: the sandbox leaves batches there.
 */
import Decimal from 'decimal.js';
import type { SimData } from '../m3-sim-state';
import { decimalParam, decimalText, notFound, type MiHandlers } from '../mi-handler';
import { MiNok } from '../mi-nok';
import { financeOf, invoiceKey, type SimPaymentBatch } from './finance-state';

function batchOf(data: SimData, pbid: string): SimPaymentBatch {
  const batch = financeOf(data).payments[String(Number(pbid))];
  if (!batch) throw notFound('Payment batch', 'PBID', pbid);
  return batch;
}

function openBatch(data: SimData, pbid: string): SimPaymentBatch {
  const batch = batchOf(data, pbid);
  if (batch.BPYS === '8' || batch.BPYS === '9') throw new MiNok(`Payment batch ${batch.PBID} is updated to accounts receivable`, { code: 'STATUS', field: 'PBID' });
  return batch;
}

/**
 * ARS043 error statuses: 1 invoice missing, 2 payer unknown, 10 payer not on the invoice, 20 currency differs, 40 fully
 * paid (for a credit note: fully settled). A credit note is matched like an invoice, by CINO + INYR, with a negative PYAM.
 */
function lineStatus(data: SimData, fields: Record<string, string>): string {
  const invoice = financeOf(data).invoices[invoiceKey(fields.CINO, String(Number(fields.INYR)))];
  if (!invoice) return '1';
  const payer = fields.PYNO || fields.CUNO;
  if (!data.customers[payer]) return '2';
  if (payer !== invoice.PYNO && fields.CUNO !== invoice.CUNO) return '10';
  if (fields.CUCD && invoice.CUCD && fields.CUCD !== invoice.CUCD) return '20';
  const paid = new Decimal(invoice.paid);
  const amount = new Decimal(fields.PYAM);
  if (paid.gte(invoice.gross) && amount.gt(0) && new Decimal(invoice.gross).gt(0)) return '40';
  // A credit note (negative invoice, e.g. of a credit order) is settled by a negative receipt order; once it is fully
  // settled, a further one is refused the same way ('already fully paid').
  if (new Decimal(invoice.gross).lt(0) && paid.lte(invoice.gross) && amount.lt(0)) return '40';
  return '0';
}

export const ars040miHandlers: MiHandlers = {
  AddBatchHead({ params, divi }, { data }) {
    const finance = financeOf(data);
    const pbid = String(Number(params.PBID));
    if (finance.payments[pbid]) throw new MiNok(`Payment batch ${pbid} already exists`, { code: 'EXISTS', field: 'PBID' });
    if (!params.BOPE.trim()) throw new MiNok('Batch payment type must be entered', { code: 'MANDATORY', field: 'BOPE' });
    finance.payments[pbid] = { PBID: pbid, BOPE: params.BOPE, head: { ...params, DIVI: params.DIVI ?? divi }, BPYS: '0', controlled: false, lines: [], charges: [], errors: [] };
    return [{ PBID: pbid }];
  },

  AddBatchLine({ params }, { data }) {
    const batch = openBatch(data, params.PBID);
    const trno = String(Number(params.TRNO));
    if (batch.lines.some((l) => l.TRNO === trno)) throw new MiNok(`Transaction ${trno} already exists in payment batch ${batch.PBID}`, { code: 'EXISTS', field: 'TRNO' });
    if (!data.customers[params.CUNO]) throw notFound('Customer', 'CUNO', params.CUNO);
    decimalParam(params, 'PYAM');
    batch.lines.push({ TRNO: trno, fields: { ...params, PYAM: decimalText(params.PYAM) }, errorStatus: '0' });
    batch.lines.sort((a, b) => Number(a.TRNO) - Number(b.TRNO));
    batch.controlled = false;
    return [];
  },

  AddBatchCharge({ params }, { data }) {
    const batch = openBatch(data, params.PBID);
    decimalParam(params, 'CHAM');
    if (params.VTAM !== undefined) decimalParam(params, 'VTAM');
    batch.charges.push({ ...params, CHAM: decimalText(params.CHAM) });
    batch.controlled = false;
    return [];
  },

  ControlBatch({ params }, { data }) {
    if (!params.PBID) throw new MiNok('Payment batch must be entered', { code: 'MANDATORY', field: 'PBID' });
    const batch = openBatch(data, params.PBID);
    batch.errors = [];
    for (const line of batch.lines) {
      line.errorStatus = lineStatus(data, line.fields);
      if (line.errorStatus !== '0') batch.errors.push(`transaction ${line.TRNO}: error status ${line.errorStatus}`);
    }
    if (batch.lines.length === 0) batch.errors.push('the batch has no receipt orders');
    batch.controlled = batch.errors.length === 0;
    if (!batch.controlled) throw new MiNok(`Payment batch ${batch.PBID}: ${batch.errors.join('; ')}`.slice(0, 240), { code: 'ERRORS', field: 'PBID' });
    return [];
  },
};
