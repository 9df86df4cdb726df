/**
 * An event raised while an orchestration was busy (inside an activity) waits in its event buffer; an orchestration
 * that completes now drops it. Racing a wait for the event against a zero-delay timer takes it if it is there, and
 * costs one timer when it is not. Deterministic: the timer's time is currentUtcDateTime.
 */
import type { OrchestrationContext, Task } from 'durable-functions';

export function* takeBufferedEvent(context: OrchestrationContext, name: string): Generator<Task, { result: unknown } | undefined, unknown> {
  const event = context.df.waitForExternalEvent(name);
  const now = context.df.createTimer(context.df.currentUtcDateTime);
  const winner = yield context.df.Task.any([event, now]);
  return winner === event ? { result: event.result } : undefined;
}
