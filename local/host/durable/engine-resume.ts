/**
 * Start-up after a crash or restart: every unfinished instance in storage is loaded, its pending work re-dispatched
 * (activities scheduled without a result run again, timers without TimerFired are re-armed, sub-orchestrations and
 * entity messages are re-sent — all idempotent) and every target with stored messages is woken.
 */
import type { LocalDurableEngine } from './durable-engine';
import type { InboxEntry, InstanceRecord } from './durable-store';
import { EventType, isTerminal, type HistoryEvent } from './history-events';

export async function resumeAll(engine: LocalDurableEngine): Promise<void> {
  const targets = new Set(await engine.store.inboxTargets());
  for (const target of targets) engine.pending.markStored(target);
  for (const instance of await engine.store.listInstances()) {
    if (isTerminal(instance.runtimeStatus)) continue;
    const live = await engine.live.load(instance.instanceId);
    if (!live) continue;
    const inbox = targets.has(instance.instanceId) ? await engine.store.readInbox(instance.instanceId) : [];
    await redispatchPending(engine, live.record, live.rows.map((r) => r.event), inbox);
    engine.log({ event: 'instanceResumed', instanceId: instance.instanceId });
    engine.wake(instance.instanceId);
  }
  for (const target of targets) engine.wake(target);
}

async function redispatchPending(engine: LocalDurableEngine, instance: InstanceRecord, history: HistoryEvent[], inbox: InboxEntry[]): Promise<void> {
  const done = new Set<number>();
  for (const e of history) {
    if (e.EventType === EventType.TaskCompleted || e.EventType === EventType.TaskFailed) done.add(e.TaskScheduledId ?? -1);
    if (e.EventType === EventType.TimerFired) done.add(e.TimerId ?? -1);
    if (e.EventType === EventType.SubOrchestrationInstanceCompleted || e.EventType === EventType.SubOrchestrationInstanceFailed) done.add(e.TaskScheduledId ?? -1);
  }
  // Results stored by older versions of the engine are still delivered from the inbox.
  const waiting = new Set(inbox.map((m) => m.id));
  for (const e of history) {
    if (done.has(e.EventId)) continue;
    if (e.EventType === EventType.TaskScheduled && !waiting.has(engine.taskMessageId(instance.execution, e.EventId))) {
      engine.dispatchActivity(instance.instanceId, instance.execution, e.EventId, e.Name ?? '', e.Input);
    } else if (e.EventType === EventType.TimerCreated && e.FireAt) {
      engine.armTimer(instance.instanceId, instance.execution, e.EventId, new Date(e.FireAt));
    } else if (e.EventType === EventType.SubOrchestrationInstanceCreated) {
      await engine.control.startSubOrchestration(instance, e.EventId, e.Name ?? '', e.InstanceId ?? '', e.Input);
    } else if (e.EventType === EventType.EventSent && e.InstanceId?.startsWith('@')) {
      await engine.entities.deliverFromHistory(instance, e);
    }
  }
}
