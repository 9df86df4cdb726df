/** Starts the flush of seller × region, or tells the running one that more quantities wait (one instance per region). */
import { INVENTORY_FLUSH, PENDING_EVENT, flushInstanceId } from './names';
import type { FlushInput } from './flush-model';
import { startOrSignal, type StartClient } from '../runtime/start-or-signal';

export async function startOrSignalFlush(client: StartClient, sellerId: string, region: string, timeScale: number): Promise<'started' | 'signaled'> {
  const input: FlushInput = { sellerId, region, timeScale, submissions: [] };
  return startOrSignal(client, { orchestrator: INVENTORY_FLUSH, instanceId: flushInstanceId(sellerId, region), input, event: { name: PENDING_EVENT, data: {} } });
}
