/**
 * The accounting model of settlement posting, and the one configuration it refuses: M3 invoices the orders the app
 * creates (revenue and VAT on the marketplace customer), so a journal that also books their principal or tax would
 * book revenue and VAT twice and never clear the customer's receivables.
 */
import type { SettlementMapping } from './settlement-mapping';
import { findSettlementRule } from './settlement-rule-match';

export type SettlementMode = 'cash-application' | 'gl-only';

/** How each fulfilment channel's orders reach M3 (the mappings' `fulfillment`), by the values this module compares. */
interface FulfillmentChoice {
  merchant: string;
  amazon: string;
}

/** The parts of the mappings the mode depends on, named structurally so the mappings schema can check them without importing itself back. */
type ModeInputs = { fulfillment: FulfillmentChoice; settlement: SettlementMapping };

/** Whether the app creates Amazon orders as M3 customer orders (which M3 then invoices). */
export function createsOrdersInM3(m: { fulfillment: FulfillmentChoice }): boolean {
  return m.fulfillment.merchant === 'create' || m.fulfillment.amazon === 'create-as-fulfilled';
}

/** The mapped mode, else cash-application whenever orders are created in M3, else gl-only. */
export function settlementModeOf(m: ModeInputs): SettlementMode {
  return m.settlement.mode ?? (createsOrdersInM3(m) ? 'cash-application' : 'gl-only');
}

/** Order lines M3 invoices: their principal and tax are on the M3 invoice already. */
const INVOICED_AMOUNTS = [
  { amountType: 'ItemPrice', amountDescription: 'Principal', what: 'order principal' },
  { amountType: 'ItemPrice', amountDescription: 'Tax', what: 'order tax' },
];

/** Empty when the configuration books every amount once; otherwise one message per double booking. */
export function doubleBookingProblems(m: ModeInputs): string[] {
  if (settlementModeOf(m) !== 'gl-only' || !createsOrdersInM3(m)) return [];
  const problems: string[] = [];
  for (const a of INVOICED_AMOUNTS) {
    const i = findSettlementRule(m.settlement.rules, { transactionType: 'Order', amountType: a.amountType, amountDescription: a.amountDescription, marketplace: '' });
    const account = i >= 0 ? m.settlement.rules[i].account : m.settlement.suspenseAccount;
    const by = i >= 0 ? `settlement.rules.${i}` : 'settlement.suspenseAccount';
    problems.push(
      `double booking: mode gl-only posts ${a.what} (Order/${a.amountType}/${a.amountDescription}) to account ${account} (${by}) `
      + 'while the app creates these orders in M3 (fulfillment), whose invoices already book revenue and VAT on the marketplace customer; '
      + 'use settlement.mode "cash-application" (or stop creating orders in M3)',
    );
  }
  return problems;
}
