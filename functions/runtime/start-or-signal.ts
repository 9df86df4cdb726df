/**
 * Starts a flow's orchestration under its correlation id, or signals the instance that runs under it already. Durable
 * refuses to start an id whose instance is live; that refusal is the one benign start failure (someone else started it
 * between our read and our start), and the change is then delivered as an event. Every other start failure (storage
 * down, unknown orchestrator, a rejected input) propagates, so the trigger's own retry or dead-lettering sees it.
 */
import type { DurableClient, DurableOrchestrationStatus } from 'durable-functions';

export type StartClient = Pick<DurableClient, 'getStatus' | 'startNew' | 'raiseEvent'>;

/** Runtime statuses of an instance that can still receive events. */
const ACTIVE = new Set(['Pending', 'Running', 'ContinuedAsNew', 'Suspended']);

export function isActiveStatus(status: DurableOrchestrationStatus | undefined): boolean {
  return status !== undefined && ACTIVE.has(String(status.runtimeStatus));
}

/**
 * Whether a startNew failure says "an instance with this id already exists". The durable client turns the extension's
 * refusal into an Error naming the HTTP status (409 Conflict, as the local host answers) and the extension's text
 * ("An Orchestration instance with the status Running already exists."). Not confirmed against Azure: whether the
 * extension answers 409 or 400 there; the text is matched as well so either is recognised.
 */
export function isAlreadyExists(error: unknown): boolean {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return /\bstatus code: 409\b/.test(message) || /already exists/i.test(message);
}

export interface StartOrSignalRequest {
  orchestrator: string;
  instanceId: string;
  input: unknown;
  /** The event a live instance receives instead of a second start. */
  event: { name: string; data: unknown };
  /**
   * Called when the instance under `instanceId` is not live: another live instance to signal instead of starting
   * (the order flow's lease holder), or undefined to start. `status` is undefined when no instance ever ran.
   */
  liveElsewhere?: (status: DurableOrchestrationStatus | undefined) => Promise<string | undefined>;
}

export async function startOrSignal(client: StartClient, request: StartOrSignalRequest): Promise<'started' | 'signaled'> {
  const { orchestrator, instanceId, input, event } = request;
  for (let attempt = 0; attempt < 3; attempt++) {
    // getStatus of an id that never ran fails (the extension answers 404): that is "not running".
    const status = await client.getStatus(instanceId).catch(() => undefined);
    if (isActiveStatus(status)) {
      await client.raiseEvent(instanceId, event.name, event.data);
      return 'signaled';
    }
    const elsewhere = request.liveElsewhere ? await request.liveElsewhere(status) : undefined;
    if (elsewhere) {
      await client.raiseEvent(elsewhere, event.name, event.data);
      return 'signaled';
    }
    try {
      await client.startNew(orchestrator, { instanceId, input });
      return 'started';
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      // Started by someone else between our read and our start: read again and signal it.
    }
  }
  await client.raiseEvent(instanceId, event.name, event.data);
  return 'signaled';
}
