/**
 * Parking work that a person must look at, with the alert that tells them. Refused credentials do not heal by
 * retrying (docs/design.md, Error policy): the item is parked AUTH_FAILED, the flow's `auth-failed` counter moves and
 * one `alert.auth-failed` line names the system and its code, never the request. Fixing the credentials and
 * re-driving the parked item resumes the work.
 */
import type { ParkInput } from '../../connectors/storage';
import { logEvent, type LogSink } from './structured-log';

export interface ParkAndAlertPorts {
  parked: { park(input: ParkInput): Promise<unknown> };
  counters: { increment(flow: string, outcome: string): Promise<void> };
}

/** What an operator reads on the parked item and in the alert. */
export function credentialsRefused(error: { system: string; code: string }): string {
  return `${error.system} refused our credentials (${error.code})`;
}

/** The parked item's message: what happened and what to do. */
export function credentialsRefusedMessage(error: { system: string; code: string }): string {
  return `${credentialsRefused(error)}; fix them and re-drive`;
}

/**
 * Parks `item` as AUTH_FAILED, counts it and raises the alert. `alert` adds the ids an operator needs to find the
 * work (order, document, batch, settlement); they are ids only, never payloads.
 */
export async function parkRefusedCredentials(
  ports: ParkAndAlertPorts,
  log: LogSink,
  error: { system: string; code: string },
  item: Omit<ParkInput, 'reason' | 'message'>,
  alert: Record<string, string | undefined> = {},
): Promise<string> {
  const message = credentialsRefusedMessage(error);
  await ports.parked.park({ ...item, reason: 'AUTH_FAILED', message });
  await ports.counters.increment(item.flow, 'auth-failed');
  logEvent(log, 'error', 'alert.auth-failed', { flow: item.flow, system: error.system, code: error.code, ...alert });
  return message;
}
