/**
 * Credit orders (OIS010 category 2) in batch order entry: their quantities are negative (quantity sign 'only
 * negative'), every other category's positive; a credit naming its original invoice (OIVR/OYEA) must name one M3 has,
 * of the same customer. (That M3 checks the original invoice at entry is the sandbox's assumption, unconfirmed.)
 */
import Decimal from 'decimal.js';
import type { Fields, SimData } from '../m3-sim-state';
import { financeOf, invoiceKey } from '../finance/finance-state';
import { isCreditOrderType } from './returns-state';

/** Why a line's quantity does not fit its order type, or undefined. */
export function quantitySignProblem(data: SimData, ortp: string, orqt: string | undefined): string | undefined {
  const quantity = new Decimal(orqt || '0');
  if (isCreditOrderType(data, ortp)) return quantity.gte(0) ? `ordered quantity must be negative on credit order type ${ortp}` : undefined;
  return quantity.lte(0) ? 'ordered quantity must be greater than zero' : undefined;
}

/** Why the original invoice a head names is not one M3 knows for its customer, or undefined. */
export function originalInvoiceProblem(data: SimData, head: Fields): string | undefined {
  if (!head.OIVR) return isCreditOrderType(data, head.ORTP) ? `credit order type ${head.ORTP} needs the original invoice (OIVR, OYEA)` : undefined;
  const invoice = financeOf(data).invoices[invoiceKey(head.OIVR, String(Number(head.OYEA || '0')))];
  if (!invoice) return `original invoice ${head.OIVR}/${head.OYEA || ''} does not exist`;
  if (invoice.CUNO !== head.CUNO) return `original invoice ${head.OIVR} belongs to another customer`;
  return undefined;
}
