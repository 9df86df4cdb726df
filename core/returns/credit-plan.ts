/**
 * What M3 credit a refund becomes, decided from the refund, the order link's lines (Amazon SKU → M3 item), the
 * original invoice and the mapping; or why it cannot be booked (the reason it is parked under). Pure.
 */
import Decimal from 'decimal.js';
import type { Refund } from './refund-transaction';
import { refundRuleFor, type ReturnsMapping } from './returns-mapping';

export interface LinkedLine { sku: string; itemNumber: string; quantity: number }
export interface OriginalInvoice { ORNO: string; CUNO: string; CINO: string; INYR: string; WHLO?: string; FACI?: string }

export interface CreditLine { ITNO: string; ORQT: string; SAPR: string; sku: string }
export interface CreditPlan {
  kind: 'credit-order';
  head: { CUNO: string; ORTP: string; CUOR: string; OIVR: string; OYEA: string; CUCD: string; YREF: string; WHLO?: string; FACI?: string };
  lines: CreditLine[];
  reasonCode?: string;
  amount: string;
}

export type CreditDecision =
  | { kind: 'book'; plan: CreditPlan }
  | { kind: 'skip'; why: string }
  | { kind: 'park'; reason: 'no-rule' | 'item-not-on-order' | 'nothing-to-credit'; message: string };

export function planCredit(refund: Refund, lines: readonly LinkedLine[], invoice: OriginalInvoice, mapping: ReturnsMapping, returnedSkus: ReadonlySet<string>): CreditDecision {
  const rule = refundRuleFor(mapping, refund.transactionType, refund.marketplaceId);
  if (!rule) return { kind: 'park', reason: 'no-rule', message: `the returns mapping has no refund rule for transaction type ${refund.transactionType || '(none)'} in marketplace ${refund.marketplaceId || '(none)'}` };
  const items = mapping.refunds.skipWhenReturned ? refund.items.filter((i) => !returnedSkus.has(i.sku)) : refund.items;
  if (items.length === 0 && refund.items.length > 0) return { kind: 'skip', why: 'every refunded item came back physically: M3 credits it through the return' };
  if (items.length === 0) return { kind: 'park', reason: 'nothing-to-credit', message: `refund ${refund.adjustmentId} names no SKU to credit (${refund.itemsWithoutSku} item(s) without one)` };
  const out: CreditLine[] = [];
  for (const item of items) {
    const line = lines.find((l) => l.sku === item.sku);
    if (!line) return { kind: 'park', reason: 'item-not-on-order', message: `SKU ${item.sku} of refund ${refund.adjustmentId} is not on M3 order ${invoice.ORNO}` };
    const quantity = Math.min(item.quantity, Math.max(1, line.quantity));
    const unit = new Decimal(item.amount).div(quantity).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    out.push({ ITNO: line.itemNumber, ORQT: String(-quantity), SAPR: unit.toFixed(2), sku: item.sku });
  }
  const amount = items.reduce((s, i) => s.plus(i.amount), new Decimal(0)).toFixed(2);
  return {
    kind: 'book',
    plan: {
      kind: 'credit-order',
      head: {
        CUNO: invoice.CUNO, ORTP: rule.orderType, CUOR: refund.amazonOrderId, OIVR: invoice.CINO, OYEA: invoice.INYR, CUCD: refund.currency,
        YREF: refund.adjustmentId.slice(0, 30), ...(invoice.WHLO ? { WHLO: invoice.WHLO } : {}), ...(invoice.FACI ? { FACI: invoice.FACI } : {}),
      },
      lines: out, ...(rule.reasonCode ? { reasonCode: rule.reasonCode } : {}), amount,
    },
  };
}
