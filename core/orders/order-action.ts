/**
 * What the flow does with an Amazon order, decided from its status, its fulfilment channel and the mappings alone
 * (docs/design.md, Order-to-cash step 2). One decision for processing an order, the timed sweep and the completeness
 * check: none of them needs the M3 calls to know whether an order is to be created, canceled, waited for or ignored.
 */
import type { CanonicalOrder } from './canonical-order';
import type { Mappings, OrderAction } from '../mapping/mappings-schema';
import type { PlanIssue } from './order-plan';

export interface OrderDecision {
  action: OrderAction;
  /** Why, in words an operator reads on the plan and on the outcome. */
  reason: string;
  /** Warnings the decision found (an unknown status). */
  issues: PlanIssue[];
}

export function decideOrderAction(order: CanonicalOrder, mappings: Mappings): OrderDecision {
  const status = order.status;
  if (order.channel === 'amazon') {
    if (status === 'pending') return { action: 'wait', reason: `Amazon-fulfilled order is ${order.amazonStatus}: wait for the next change`, issues: [] };
    if (mappings.fulfillment.amazon === 'ignore') {
      return { action: 'ignore', reason: 'Amazon-fulfilled order: ignored per mappings fulfillment.amazon', issues: [] };
    }
    if (status === 'canceled') return { action: 'cancel', reason: 'Amazon-fulfilled order canceled: cancel the M3 order if it exists', issues: [] };
    if (status === 'unknown') return unknownStatus(order);
    // Booking as fulfilled follows statusActions like merchant orders (an UNFULFILLABLE order is not booked by default),
    // except that a shipped Amazon-fulfilled order is exactly what create-as-fulfilled is there to book.
    const fbaAction = status === 'shipped' ? 'create' : mappings.statusActions[status];
    if (fbaAction !== 'create') {
      return { action: fbaAction, reason: `Amazon-fulfilled order ${order.amazonStatus}: ${fbaAction} per mappings statusActions.${status}`, issues: [] };
    }
    return { action: 'create', reason: `Amazon-fulfilled order ${order.amazonStatus}: book in M3 as fulfilled per mappings`, issues: [] };
  }
  if (mappings.fulfillment.merchant === 'ignore') return { action: 'ignore', reason: 'merchant-fulfilled orders are ignored per mappings fulfillment.merchant', issues: [] };
  if (status === 'unknown') return unknownStatus(order);
  const action = mappings.statusActions[status];
  const why: Record<OrderAction, string> = {
    create: `order is ${order.amazonStatus}: create it in M3`,
    cancel: `order is ${order.amazonStatus}: cancel the M3 order if it exists`,
    wait: `order is ${order.amazonStatus}: wait for the next change`,
    ignore: `order is ${order.amazonStatus}: ignored per mappings statusActions.${status}`,
  };
  return { action, reason: why[action], issues: [] };
}

function unknownStatus(order: CanonicalOrder): OrderDecision {
  return {
    action: 'wait',
    reason: 'order status unknown: wait for the next change',
    issues: [{ code: 'STATUS_UNKNOWN', message: `Amazon status "${order.amazonStatus}" is not known (getOrder without includedData=FULFILLMENT?)` }],
  };
}
