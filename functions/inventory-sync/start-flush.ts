/** Starts the flush of seller × region, or tells the running one that more quantities wait (one instance per region). */
import type { DurableClient } from 'durable-functions';
import { INVENTORY_FLUSH, PENDING_EVENT, flushInstanceId } from './names';
import type { FlushInput } from './flush-model';

const ACTIVE = new Set(['Pending', 'Running', 'ContinuedAsNew', 'Suspended']);

export async function startOrSignalFlush(client: DurableClient, sellerId: string, region: string, timeScale: number): Promise<'started' | 'signaled'> {
  const instanceId = flushInstanceId(sellerId, region);
  const input: FlushInput = { sellerId, region, timeScale, submissions: [] };
  for (let attempt = 0; attempt < 3; attempt++) {
    const status = await client.getStatus(instanceId).catch(() => undefined);
    if (status && ACTIVE.has(String(status.runtimeStatus))) {
      await client.raiseEvent(instanceId, PENDING_EVENT, {});
      return 'signaled';
    }
    try {
      await client.startNew(INVENTORY_FLUSH, { instanceId, input });
      return 'started';
    } catch {
      // Started by someone else between our read and our start: signal it instead.
    }
  }
  await client.raiseEvent(instanceId, PENDING_EVENT, {});
  return 'signaled';
}
