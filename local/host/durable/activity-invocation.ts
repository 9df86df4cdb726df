/** Runs one activity through the app's wrapped handler and turns the outcome into its completion history event. */
import { randomUUID } from 'node:crypto';
import { InvocationContext, type LogHandler } from '@azure/functions';
import type { Clock } from './clock';
import { EventType, fromJsonText, type HistoryEvent } from './history-events';
import type { Handler } from './registry-from-registrations';

export interface ActivityInvocation {
  handler: Handler | undefined;
  name: string;
  taskId: number;
  /** JSON text from TaskScheduled.Input. */
  input: string | undefined;
  clock: Clock;
  logHandler: LogHandler;
}

export async function invokeActivity(call: ActivityInvocation): Promise<HistoryEvent> {
  const stamp = (): string => call.clock.now().toISOString();
  if (!call.handler) {
    const reason = `The function '${call.name}' doesn't exist, is disabled, or is not an activity function.`;
    return { EventType: EventType.TaskFailed, EventId: -1, Timestamp: stamp(), TaskScheduledId: call.taskId, Reason: reason, Details: '' };
  }
  const context = new InvocationContext({
    invocationId: randomUUID(),
    functionName: call.name,
    logHandler: call.logHandler,
    options: { trigger: { type: 'activityTrigger', name: 'input' }, extraInputs: [], extraOutputs: [] },
  });
  try {
    const result: unknown = await call.handler(fromJsonText(call.input), context);
    // The extension serializes an absent return value as JSON null.
    return { EventType: EventType.TaskCompleted, EventId: -1, Timestamp: stamp(), TaskScheduledId: call.taskId, Result: JSON.stringify(result ?? null) };
  } catch (error) {
    // TaskFailed carries Reason = message and Details = stack; the library rethrows them as `${Reason} \n ${Details}`.
    const reason = error instanceof Error ? error.message : String(error);
    const details = error instanceof Error ? (error.stack ?? '') : '';
    return { EventType: EventType.TaskFailed, EventId: -1, Timestamp: stamp(), TaskScheduledId: call.taskId, Reason: reason, Details: details };
  }
}
