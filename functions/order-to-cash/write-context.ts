/** What one attempt to write an order to M3 carries through its steps (write-m3-order.ts, batch-recovery.ts). */
import type { PlannedCreate } from '../../core/orders/structured-order-plan';
import type { CustomerContext } from './buyer-customer';

export type WriteResult =
  | { kind: 'created' | 'exists'; m3OrderNumber: string; lines: number }
  | { kind: 'rejected'; reason: string; message: string };

export type SkuLine = { orderItemId: string; sku: string; quantity: number };

/** Everything one attempt carries through its steps. */
export interface WriteContext extends CustomerContext {
  /** The calls that create the order, each in its place. */
  create: PlannedCreate;
  skuLines: SkuLine[];
  /** The customer on the head (the plan's, or this buyer's). */
  customer: string;
  /** Kept on every later link write: the per-buyer customer this order created, if any. */
  createdCustomer: string;
}
