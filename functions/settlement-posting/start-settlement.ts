/**
 * Starts the settlement-posting instance of one report (correlation identifier: seller + report id). A report seen again
 * (sweep overlap, notification and sweep both) leaves the existing instance alone; only a failed or terminated one restarts.
 */
import type { DurableClient } from 'durable-functions';
import { SETTLEMENT_POSTING, settlementInstanceId } from './names';
import type { SettlementInstanceInput } from './settlement-outcome';

const RESTARTABLE = new Set(['Failed', 'Terminated', 'Canceled']);

export type StartPort = Pick<DurableClient, 'getStatus' | 'startNew'>;

export async function startSettlementPosting(client: StartPort, input: SettlementInstanceInput): Promise<'started' | 'exists'> {
  const instanceId = settlementInstanceId(input.sellerId, input.reportId);
  const status = await client.getStatus(instanceId).catch(() => undefined);
  if (status && !RESTARTABLE.has(String(status.runtimeStatus))) return 'exists';
  try {
    await client.startNew(SETTLEMENT_POSTING, { instanceId, input });
    return 'started';
  } catch {
    // Someone started it between our read and our start.
    return 'exists';
  }
}
