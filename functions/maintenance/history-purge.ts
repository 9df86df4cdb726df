/**
 * `history-purge`: once a day, deletes what finished work leaves behind once it is older than HISTORY_RETENTION_DAYS —
 * the durable history of Completed, Failed and Terminated instances (inputs, outputs and error texts) and claim-check
 * blobs — so nothing is kept longer than the retention an operator set, whether or not anyone asks for a purge.
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import * as df from 'durable-functions';
import { dependencies } from '../runtime/dependencies';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { purgeHistory, type InstanceClient } from '../operations/instance-operations';

export const HISTORY_PURGE = 'history-purge';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface HistoryPurgePorts {
  client: Pick<InstanceClient, 'purgeInstanceHistoryBy'>;
  claimChecks: { deleteOlderThan(before: Date): Promise<number> };
  retentionDays: number;
}

export async function purgeOldHistory(ports: HistoryPurgePorts, log: LogSink, now = new Date()): Promise<{ before: string; instancesDeleted: number; claimChecksDeleted: number }> {
  const before = new Date(now.getTime() - ports.retentionDays * DAY_MS);
  const history = await purgeHistory(ports.client, before);
  const claimChecksDeleted = await ports.claimChecks.deleteOlderThan(before);
  const result = { before: before.toISOString(), instancesDeleted: history.instancesDeleted, claimChecksDeleted };
  logEvent(log, 'info', 'history.purged', result);
  return result;
}

export async function runHistoryPurge(_timer: Timer, context: InvocationContext): Promise<void> {
  const deps = dependencies();
  await purgeOldHistory({ client: df.getClient(context), claimChecks: deps.claimChecks, retentionDays: deps.settings.HISTORY_RETENTION_DAYS }, context);
}

// Daily at 03:15 UTC, away from the other timers.
app.timer(HISTORY_PURGE, { schedule: '0 15 3 * * *', extraInputs: [df.input.durableClient()], handler: runHistoryPurge });
