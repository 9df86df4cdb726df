/**
 * One attempt at one Amazon order (docs/design.md, Order-to-cash steps 2–6): fetch it (one v2026 getOrder), decide by status,
 * resolve SKUs, write or cancel in M3, park what needs an operator. Personal data lives only inside this call; what it
 * returns, logs and stores is PII-free. Transient failures propagate (the orchestrator retries with backoff).
 */
import { AuthError, PermanentError } from '../../core/errors';
import { type CanonicalOrder } from '../../core/orders/canonical-order';
import { canonicalOrderOf2026 } from '../../core/orders/read-canonical-order';
import { decideOrderAction } from '../../core/orders/order-action';
import { planOrder } from '../../core/orders/plan-order';
import { blockingIssues } from '../../core/orders/order-plan';
import { toMiCalls } from '../../core/orders/structured-order-plan';
import { summarizeOrder } from '../../core/orders/order-summary';
import type { LogSink } from '../runtime/structured-log';
import { logEvent } from '../runtime/structured-log';
import type { OrderInstanceInput, OrderOutcome } from './order-outcome';
import type { OrderPorts } from './order-ports';
import { resolveSkus } from './resolve-skus';
import { writeM3Order } from './write-m3-order';
import { cancelM3Order } from './cancel-m3-order';
import { followOrderLifecycle } from './order-lifecycle';
import { ORDER_FLOW } from './names';
import { credentialsRefused, parkRefusedCredentials } from '../runtime/park-and-alert';


export async function processOrder(input: OrderInstanceInput, ports: OrderPorts, log: LogSink): Promise<OrderOutcome> {
  const instanceId = input.instanceId ?? '';
  const ids = { sellerId: input.sellerId, amazonOrderId: input.amazonOrderId };
  if (ports.switches.isPaused(ORDER_FLOW)) return outcome('paused', 'FLOW_PAUSED', 'order-to-cash is paused: nothing is written until it is resumed');

  let order: CanonicalOrder;
  try {
    order = canonicalOrderOf2026((await ports.getAmazonOrder(input.sellerId, input.amazonOrderId, input.marketplaceId)).order);
  } catch (error) {
    if (error instanceof AuthError) return pauseForAuth(error, ports, input, instanceId, log);
    if (error instanceof PermanentError) return park(ports, input, instanceId, 'AMAZON_ORDER_UNREADABLE', error.message, undefined, log);
    throw error;
  }
  const mappings = await ports.mappings();
  const decision = decideOrderAction(order, mappings);
  try {
    // Cancellation requests and canceled items of orders already in M3 (order-lifecycle.ts); else the decision stands.
    const followed = await followOrderLifecycle(order, input, mappings, ports, log, (p) => park(ports, input, instanceId, p.reason, p.message, order, log));
    if (followed) return followed.outcome === 'canceled' ? withUnreadAcknowledgement(followed, ids, ports, order.marketplaceId ?? input.marketplaceId ?? '') : followed;
    switch (decision.action) {
      case 'wait':
        return outcome('wait', 'AMAZON_PENDING', decision.reason);
      case 'ignore':
        return outcome('ignored', 'IGNORED', decision.reason);
      case 'cancel': {
        const result = await cancelM3Order(ids, ports, mappings.cancellation);
        if (result.kind === 'needs-operator') return park(ports, input, instanceId, result.reason, result.message, order, log);
        await ports.counters.increment(ORDER_FLOW, result.kind);
        return { ...outcome(result.kind, '', result.message), m3OrderNumber: result.m3OrderNumber };
      }
      case 'create': {
        // The items are decided once, here (mapping table, alias and item look-up in M3), and the plan built once with them.
        const skus = order.lines.map((l) => l.sku).filter((s): s is string => s !== undefined && s !== '');
        const plan = planOrder(order, mappings, { items: await resolveSkus(skus, mappings, ports.items) });
        const blocking = blockingIssues(plan);
        if (blocking.length > 0) {
          return park(ports, input, instanceId, blocking[0]!.code, blocking.map((i) => i.message).join('; '), order, log);
        }
        if (ports.switches.isDryRun(ORDER_FLOW)) {
          const calls = toMiCalls(plan);
          await ports.parked.park({ flow: `${ORDER_FLOW}-dry-run`, id: input.amazonOrderId, reason: 'DRY_RUN', message: `would make ${calls.length} M3 calls`, sourceRef: `amazon-order:${input.amazonOrderId}`, source: { summary: summarizeOrder(order), calls: calls.map((c) => `${c.program}.${c.transaction}`) } });
          return outcome('dry-run', 'DRY_RUN', `plan of ${calls.length} M3 calls recorded`);
        }
        const skuLines = order.lines.map((l) => ({ orderItemId: l.orderItemId, sku: l.sku ?? '', quantity: l.quantity }));
        const written = await writeM3Order({ ...ids, marketplaceId: order.marketplaceId ?? '', fulfilledBy: order.channel === 'amazon' ? 'AMAZON' : 'MERCHANT', programs: order.programs }, plan, skuLines, ports);
        if (written.kind === 'rejected') return park(ports, input, instanceId, written.reason, written.message, order, log);
        await ports.counters.increment(ORDER_FLOW, written.kind);
        if (written.kind === 'created') await ports.parked.setStatus(ORDER_FLOW, input.amazonOrderId, 'resolved', `created as M3 order ${written.m3OrderNumber}`);
        logEvent(log, 'info', `order.${written.kind}`, { flow: ORDER_FLOW, sellerId: input.sellerId, amazonOrderId: input.amazonOrderId, m3OrderNumber: written.m3OrderNumber, instanceId });
        return { ...outcome(written.kind, '', ''), m3OrderNumber: written.m3OrderNumber, lines: written.lines };
      }
    }
  } catch (error) {
    if (error instanceof AuthError) return pauseForAuth(error, ports, input, instanceId, log);
    // M3 or Amazon refused the data (NOK on the head, an unknown customer …): retrying cannot help, an operator can.
    if (error instanceof PermanentError) return park(ports, input, instanceId, error.system === 'm3' ? 'M3_REJECTED' : `${error.system.toUpperCase()}_REJECTED`, error.message, order, log);
    throw error;
  }
}

/** A cancellation sent to Amazon whose processing report is still unread: the instance reads it back (ack-feed-orchestrator.ts). */
async function withUnreadAcknowledgement(result: OrderOutcome, ids: { sellerId: string; amazonOrderId: string }, ports: OrderPorts, marketplaceId: string): Promise<OrderOutcome> {
  const ack = (await ports.links.get(ids.sellerId, ids.amazonOrderId))?.acknowledgement;
  if (!ack || ack.state !== 'sent' || !ack.feedId || !marketplaceId) return result;
  return { ...result, acknowledgement: { feedId: ack.feedId, marketplaceId } };
}

function outcome(kind: OrderOutcome['outcome'], reason: string, message: string): OrderOutcome {
  return { outcome: kind, reason, message, m3OrderNumber: '', lines: 0 };
}

async function park(ports: OrderPorts, input: OrderInstanceInput, instanceId: string, reason: string, message: string, order: CanonicalOrder | undefined, log: LogSink): Promise<OrderOutcome> {
  await ports.parked.park({
    flow: ORDER_FLOW, id: input.amazonOrderId, reason, message, sourceRef: `amazon-order:${input.sellerId}:${input.amazonOrderId}`,
    source: order ? summarizeOrder(order) : undefined, instanceId, details: { sellerId: input.sellerId },
  });
  await ports.counters.increment(ORDER_FLOW, 'parked');
  logEvent(log, 'warn', 'order.parked', { flow: ORDER_FLOW, sellerId: input.sellerId, amazonOrderId: input.amazonOrderId, reason, instanceId });
  return outcome('parked', reason, message);
}

/** An auth failure stops this flow with an alert instead of burning retries (docs/design.md, Error policy). */
async function pauseForAuth(error: AuthError, ports: OrderPorts, input: OrderInstanceInput, instanceId: string, log: LogSink): Promise<OrderOutcome> {
  await parkRefusedCredentials(ports, log, error, { flow: ORDER_FLOW, id: input.amazonOrderId, sourceRef: `amazon-order:${input.sellerId}:${input.amazonOrderId}`, instanceId }, { amazonOrderId: input.amazonOrderId, instanceId });
  return outcome('paused', 'AUTH_FAILED', credentialsRefused(error));
}
