/** Customer-order status rules (docs/m3-facts.md, Batch and order statuses): two digits lowest/highest, allocation against warehouse balances. */
import Decimal from 'decimal.js';
import type { CustomerOrder, OrderLine, SimData } from '../m3-sim-state';
import { allocationLocation, locationsOf, warehouseFigures } from '../stock-locations';
import { decimalText } from '../mi-handler';

/** Header ORSL/ORST are the lowest/highest status of the remaining lines; an order without lines keeps its own. */
export function refreshOrderStatus(order: CustomerOrder): void {
  const statuses = order.lines.map((l) => l.ORST).sort();
  if (statuses.length === 0) return;
  order.head.ORSL = statuses[0];
  order.head.ORST = statuses[statuses.length - 1];
  order.STAT = order.head.ORST;
}

/** Allocates a line in full when the warehouse's allocatable net (AV01) covers it; the allocation sits on an allocatable location. */
export function allocateLine(data: SimData, line: OrderLine): void {
  const balance = allocationLocation(data, line.WHLO, line.ITNO);
  if (!balance) return;
  const available = warehouseFigures(data, line.WHLO, line.ITNO).AV01;
  const qty = new Decimal(line.ORQT);
  // A credit order's negative line reserves nothing.
  if (qty.lte(0)) return;
  if (available.gte(qty)) {
    balance.ALQT = decimalText(new Decimal(balance.ALQT).plus(qty));
    line.ALQT = decimalText(qty);
    line.ORST = '33';
  }
}

/** Deleting or closing a line gives its allocation back to the warehouse. */
export function releaseAllocation(data: SimData, line: OrderLine): void {
  const allocated = new Decimal(line.ALQT || '0');
  if (allocated.isZero()) return;
  let left = allocated;
  for (const balance of locationsOf(data, line.WHLO, line.ITNO)) {
    if (left.lte(0)) break;
    const taken = Decimal.min(left, balance.ALQT);
    balance.ALQT = decimalText(new Decimal(balance.ALQT).minus(taken));
    left = left.minus(taken);
  }
  line.ALQT = '0';
}

/** Status 44 and up means a picking list exists: M3 no longer lets the line be deleted (inferred, docs/m3-facts.md, Field lengths and formats). */
export function isDeletable(line: OrderLine): boolean {
  return line.ORST < '44';
}
