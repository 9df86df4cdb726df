/**
 * Start-up after a crash or restart: which work an unfinished instance still waits for, computed from its committed
 * history. Activities scheduled without a result run again, timers without TimerFired are re-armed, sub-orchestrations
 * and entity messages are sent again — the engine dispatches them, and every one of them is idempotent.
 */
import type { InboxEntry, InstanceRecord } from './durable-store';
import { EventType, type HistoryEvent } from './history-events';
import { taskResultId } from './message-ids';

export type PendingWork =
  | { kind: 'activity'; taskId: number; name: string; input: string | undefined }
  | { kind: 'timer'; timerId: number; fireAt: Date }
  | { kind: 'subOrchestration'; taskId: number; name: string; childId: string; input: string | undefined }
  /** The EventSent that carried an entity operation. */
  | { kind: 'entityMessage'; event: HistoryEvent };

/** The pending work in history order. `inbox` is the instance's stored inbox: results stored there (by a graceful stop or an older engine) are delivered from it, not re-run. */
export function pendingWork(instance: InstanceRecord, history: HistoryEvent[], inbox: InboxEntry[]): PendingWork[] {
  const done = new Set<number>();
  for (const e of history) {
    if (e.EventType === EventType.TaskCompleted || e.EventType === EventType.TaskFailed) done.add(e.TaskScheduledId ?? -1);
    if (e.EventType === EventType.TimerFired) done.add(e.TimerId ?? -1);
    if (e.EventType === EventType.SubOrchestrationInstanceCompleted || e.EventType === EventType.SubOrchestrationInstanceFailed)
      done.add(e.TaskScheduledId ?? -1);
  }
  const waiting = new Set(inbox.map((m) => m.id));
  const work: PendingWork[] = [];
  for (const e of history) {
    if (done.has(e.EventId)) continue;
    if (e.EventType === EventType.TaskScheduled && !waiting.has(taskResultId(instance.execution, e.EventId))) {
      work.push({ kind: 'activity', taskId: e.EventId, name: e.Name ?? '', input: e.Input });
    } else if (e.EventType === EventType.TimerCreated && e.FireAt) {
      work.push({ kind: 'timer', timerId: e.EventId, fireAt: new Date(e.FireAt) });
    } else if (e.EventType === EventType.SubOrchestrationInstanceCreated) {
      work.push({ kind: 'subOrchestration', taskId: e.EventId, name: e.Name ?? '', childId: e.InstanceId ?? '', input: e.Input });
    } else if (e.EventType === EventType.EventSent && e.InstanceId?.startsWith('@')) {
      work.push({ kind: 'entityMessage', event: e });
    }
  }
  return work;
}
