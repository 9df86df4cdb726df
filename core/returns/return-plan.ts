/**
 * What OIS390 customer return a physical return becomes: the warehouse and reason from the mapping, one return line
 * per returned SKU against the original order line (RORL); or why it waits or cannot be booked. Pure.
 */
import type { PhysicalReturn } from './returns-report';
import { returnReasonFor, returnWarehouseFor, type ReturnsMapping } from './returns-mapping';

export interface ReturnOrderLine { sku: string; lineNumber?: number }

export interface ReturnPlan {
  head: { WHLO: string; RORN: string; YREF: string; RSCD?: string };
  /** SAPR '0' on a line whose money a refund's credit order credited already (credit-once.ts). */
  lines: Array<{ RORL: string; REQ0: string; RSCD?: string; WHSL?: string; SAPR?: string; sku: string }>;
}

export type ReturnDecision =
  | { kind: 'book'; plan: ReturnPlan }
  | { kind: 'wait'; why: string }
  | { kind: 'park'; reason: 'no-rule' | 'item-not-on-order'; message: string };

export function planReturn(ret: PhysicalReturn, marketplaceId: string, m3OrderNumber: string, lines: readonly ReturnOrderLine[], mapping: ReturnsMapping): ReturnDecision {
  if (mapping.physical.bookOn === 'delivered' && !ret.deliveryDate) return { kind: 'wait', why: 'the parcel has not reached the seller yet' };
  const warehouse = returnWarehouseFor(mapping, marketplaceId, ret.channel);
  if (!warehouse) return { kind: 'park', reason: 'no-rule', message: ret.channel === 'fba' ? 'the returns mapping names no FBA returns warehouse (physical.fbaWarehouse)' : `the returns mapping names no returns warehouse for marketplace ${marketplaceId || '(none)'}` };
  const out: ReturnPlan['lines'] = [];
  for (const item of ret.items) {
    const line = lines.find((l) => l.sku === item.sku);
    if (line?.lineNumber === undefined) return { kind: 'park', reason: 'item-not-on-order', message: `SKU ${item.sku} of return ${ret.returnId} is not a line of M3 order ${m3OrderNumber}` };
    const reason = item.reason ? returnReasonFor(mapping, item.reason) : returnReasonFor(mapping, '*');
    if (item.reason && !reason) return { kind: 'park', reason: 'no-rule', message: `the returns mapping has no M3 reason code for Amazon return reason ${item.reason}` };
    out.push({ RORL: String(line.lineNumber), REQ0: String(item.quantity), sku: item.sku, ...(reason ? { RSCD: reason } : {}), ...(mapping.physical.location ? { WHSL: mapping.physical.location } : {}) });
  }
  const headReason = out[0]?.RSCD;
  return { kind: 'book', plan: { head: { WHLO: warehouse, RORN: m3OrderNumber, YREF: ret.returnId.slice(0, 30), ...(headReason ? { RSCD: headReason } : {}) }, lines: out } };
}
