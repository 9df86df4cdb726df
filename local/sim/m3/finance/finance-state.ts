/**
 * The simulator's finance data (customer invoices from invoiced customer orders, ARS040 payment batches), kept beside
 * the rest of SimData under `finance` and created on first use, so state files written before it existed still load.
 */
import Decimal from 'decimal.js';
import type { CustomerOrder, Fields, SimCustomer, SimData } from '../m3-sim-state';
import { refreshOrderStatus } from '../transactions/customer-order-status';

/** One customer invoice of a customer order (OIS350 invoice head = the AR invoice in ARS200). */
export interface SimInvoice {
  /** AR invoice number (CINO, A15); the simulator numbers OIS invoices so that IVNO, EXIN and CINO are the same text. */
  CINO: string;
  INYR: string;
  ORNO: string;
  CUNO: string;
  PYNO: string;
  CUCD: string;
  /** Net, VAT and gross (IVAV, "invoice amount including VAT"), 2 decimals. */
  net: string;
  vat: string;
  gross: string;
  /** Sum of payment lines updated to AR (ARS040 status 9); the sandbox never runs that step, so it stays 0 unless a test says so. */
  paid: string;
  IVDT: string;
}

/** A receipt order (ARS040 line) with the error status ARS040's check gives it (0 = no error; ARS043's list otherwise). */
export interface SimPaymentLine { TRNO: string; fields: Fields; errorStatus: string }

export interface SimPaymentBatch {
  PBID: string;
  BOPE: string;
  head: Fields;
  /** ARS040 batch status: 0 can be processed … 9 AR updated. */
  BPYS: string;
  /** True once ControlBatch ran without errors. */
  controlled: boolean;
  lines: SimPaymentLine[];
  charges: Fields[];
  errors: string[];
}

export interface FinanceData {
  invoices: Record<string, SimInvoice>;
  payments: Record<string, SimPaymentBatch>;
  counters: { invoice: number };
}

export function financeOf(data: SimData): FinanceData {
  const holder = data as SimData & { finance?: FinanceData };
  holder.finance ??= { invoices: {}, payments: {}, counters: { invoice: 0 } };
  return holder.finance;
}

export function invoiceKey(cino: string, inyr: string): string {
  return `${inyr}\u0000${cino}`;
}

/**
 * Sales-tax rates the sandbox applies per customer country when a customer carries no `VTPC` (sandbox-only field, %):
 * the standard VAT rates of the marketplaces' countries. US, CA, MX and BR: 0, as Amazon collects and remits the
 * sales tax there as marketplace facilitator, so it is not on the seller's invoice.
 */
const STANDARD_RATES: Record<string, string> = { DE: '19', UK: '20', GB: '20', FR: '20', IT: '22', ES: '21', NL: '21', SE: '25', PL: '23', BE: '21', IE: '23', JP: '10' };

export function vatRateOf(customer: SimCustomer | undefined): Decimal {
  const explicit = customer?.VTPC;
  if (explicit !== undefined && /^\d+(\.\d+)?$/.test(explicit)) return new Decimal(explicit).div(100);
  return new Decimal(STANDARD_RATES[customer?.CSCD ?? ''] ?? '0').div(100);
}

const money = (d: Decimal): string => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/**
 * What M3 invoices for an order: lines (ORQT × SAPR) plus charges. With `TINC` = 1 ("VAT included") on the customer the
 * entered prices are gross and the VAT is the part they contain; otherwise they are net and VAT is added on top.
 * (How M3 treats TINC on customer orders is not documented publicly; this is the behaviour the app relies on.)
 */
export function orderAmounts(data: SimData, order: CustomerOrder): { net: string; vat: string; gross: string; CUCD: string } {
  const customer = data.customers[order.CUNO];
  const rate = vatRateOf(customer);
  let entered = order.lines
    .filter((l) => l.ORST !== '99' && l.ORST !== '90')
    .reduce((s, l) => s.plus(new Decimal(l.ORQT || '0').times(l.SAPR || '0')), new Decimal(0));
  for (const c of order.charges) entered = entered.plus(c.fields.CRAM || '0');
  const cucd = order.head.CUCD || customer?.CUCD || '';
  if (customer?.TINC === '1') {
    const vat = entered.minus(entered.div(rate.plus(1))).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    return { net: money(entered.minus(vat)), vat: money(vat), gross: money(entered), CUCD: cucd };
  }
  const vat = entered.times(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { net: money(entered), vat: money(vat), gross: money(entered.plus(vat)), CUCD: cucd };
}

/** Invoices a customer order (what OIS180 'Invoice' does after delivery), once: a second call returns the same invoice. */
export function invoiceOrder(data: SimData, order: CustomerOrder, today: Date): SimInvoice {
  const finance = financeOf(data);
  const existing = Object.values(finance.invoices).find((i) => i.ORNO === order.ORNO);
  if (existing) return existing;
  finance.counters.invoice += 1;
  const year = String(today.getUTCFullYear());
  const amounts = orderAmounts(data, order);
  const invoice: SimInvoice = {
    CINO: String(100000 + finance.counters.invoice), INYR: year, ORNO: order.ORNO, CUNO: order.CUNO,
    PYNO: data.customers[order.CUNO]?.PYNO || order.CUNO, CUCD: amounts.CUCD, net: amounts.net, vat: amounts.vat, gross: amounts.gross,
    paid: '0.00', IVDT: today.toISOString().slice(0, 10).replace(/-/g, ''),
  };
  finance.invoices[invoiceKey(invoice.CINO, invoice.INYR)] = invoice;
  // Invoiced: every line still open goes to 77 ('invoiced'), as after OIS180.
  for (const line of order.lines) if (line.ORST < '77') line.ORST = '77';
  refreshOrderStatus(order);
  return invoice;
}
