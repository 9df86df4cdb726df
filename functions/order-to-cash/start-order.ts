/**
 * Starts the order's orchestration, or signals the running one (correlation identifier: seller + order id). Starting an
 * id that runs already is refused by Durable; then the change is delivered as an event instead.
 */
import type { DurableClient } from 'durable-functions';
import { ORDER_CHANGED_EVENT, ORDER_TO_CASH, orderInstanceId } from './names';
import type { OrderInstanceInput } from './order-outcome';

const ACTIVE = new Set(['Pending', 'Running', 'ContinuedAsNew', 'Suspended']);

export async function startOrSignalOrder(client: DurableClient, input: OrderInstanceInput): Promise<'started' | 'signaled'> {
  const instanceId = orderInstanceId(input.sellerId, input.amazonOrderId);
  for (let attempt = 0; attempt < 3; attempt++) {
    const status = await client.getStatus(instanceId).catch(() => undefined);
    const runtimeStatus = status ? String(status.runtimeStatus) : '';
    if (status && ACTIVE.has(runtimeStatus)) {
      await client.raiseEvent(instanceId, ORDER_CHANGED_EVENT, { trigger: input.trigger });
      return 'signaled';
    }
    try {
      await client.startNew(ORDER_TO_CASH, { instanceId, input });
      return 'started';
    } catch {
      // Someone else started it between our read and our start: signal it instead.
    }
  }
  await client.raiseEvent(instanceId, ORDER_CHANGED_EVENT, { trigger: input.trigger });
  return 'signaled';
}
