/**
 * A refund as the Finances API (2024-06-19, listTransactions) reports it, reduced to what an M3 credit needs: the
 * transaction id (Amazon's id for the adjustment, the exactly-once key), the order, and per item the SKU, quantity and
 * the product amount refunded. No personal data is read.
 * Unconfirmed: Amazon's model documents `transactionType` only as an open string (`Refund` is the value observed for
 * refunds); the product part of an item is taken from its `ProductCharges` breakdown when there is one, else its total.
 */
import Decimal from 'decimal.js';
import { z } from 'zod';

const CurrencySchema = z.object({ currencyCode: z.string().optional(), currencyAmount: z.union([z.number(), z.string()]).optional() }).passthrough();
const BreakdownSchema: z.ZodType<{ breakdownType?: string; breakdownAmount?: z.infer<typeof CurrencySchema>; breakdowns?: unknown[] }> = z.object({
  breakdownType: z.string().optional(), breakdownAmount: CurrencySchema.optional(), breakdowns: z.array(z.unknown()).optional(),
}).passthrough();

export const FinanceTransactionSchema = z.object({
  transactionId: z.string().min(1),
  transactionType: z.string().default(''),
  transactionStatus: z.string().optional(),
  postedDate: z.string(),
  marketplaceDetails: z.object({ marketplaceId: z.string().optional() }).passthrough().optional(),
  relatedIdentifiers: z.array(z.object({ relatedIdentifierName: z.string(), relatedIdentifierValue: z.string().optional() }).passthrough()).default([]),
  totalAmount: CurrencySchema.optional(),
  items: z.array(z.object({
    relatedIdentifiers: z.array(z.object({ itemRelatedIdentifierName: z.string(), itemRelatedIdentifierValue: z.string().optional() }).passthrough()).default([]),
    totalAmount: CurrencySchema.optional(),
    breakdowns: z.array(BreakdownSchema).default([]),
    contexts: z.array(z.object({ contextType: z.string(), sku: z.string().optional(), quantityShipped: z.number().optional() }).passthrough()).default([]),
  }).passthrough()).default([]),
}).passthrough();
export type FinanceTransaction = z.infer<typeof FinanceTransactionSchema>;

export interface RefundItem {
  sku: string;
  /** Units refunded (at least 1). */
  quantity: number;
  /** Product amount refunded, positive, 2 decimals. */
  amount: string;
  /** Amazon's ORDER_ADJUSTMENT_ITEM_ID when given. */
  adjustmentItemId: string;
}

export interface Refund {
  /** The Finances transaction id: one refund = one adjustment = one M3 credit. */
  adjustmentId: string;
  transactionType: string;
  amazonOrderId: string;
  marketplaceId: string;
  postedDate: string;
  currency: string;
  items: RefundItem[];
  /** Items Amazon named no SKU for (cannot be credited per item). */
  itemsWithoutSku: number;
}

function amountOf(c: z.infer<typeof CurrencySchema> | undefined): Decimal {
  return new Decimal(String(c?.currencyAmount ?? '0'));
}

/** The refund in a transaction, or undefined when it names no Amazon order (not an order refund). */
export function refundOf(tx: FinanceTransaction): Refund | undefined {
  const amazonOrderId = tx.relatedIdentifiers.find((r) => r.relatedIdentifierName === 'ORDER_ID')?.relatedIdentifierValue;
  if (!amazonOrderId) return undefined;
  let itemsWithoutSku = 0;
  const items: RefundItem[] = [];
  for (const item of tx.items) {
    const product = item.contexts.find((c) => c.contextType === 'ProductContext' && c.sku);
    if (!product?.sku) { itemsWithoutSku += 1; continue; }
    const charges = item.breakdowns.find((b) => b.breakdownType === 'ProductCharges');
    const amount = amountOf(charges ? charges.breakdownAmount : item.totalAmount).abs();
    items.push({
      sku: product.sku, quantity: Math.max(1, Math.abs(product.quantityShipped ?? 1)), amount: amount.toFixed(2),
      adjustmentItemId: item.relatedIdentifiers.find((r) => r.itemRelatedIdentifierName === 'ORDER_ADJUSTMENT_ITEM_ID')?.itemRelatedIdentifierValue ?? '',
    });
  }
  return {
    adjustmentId: tx.transactionId, transactionType: tx.transactionType, amazonOrderId, marketplaceId: tx.marketplaceDetails?.marketplaceId ?? '',
    postedDate: tx.postedDate, currency: tx.totalAmount?.currencyCode ?? '', items, itemsWithoutSku,
  };
}
