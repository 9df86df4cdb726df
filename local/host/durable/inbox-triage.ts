/**
 * Which waiting messages become history events in an episode: control messages (terminate/suspend/resume) turn into
 * their events, events of this execution are taken unless the instance is suspended, stale ones are dropped, those of
 * a later execution wait. A message whose id already sourced a history row was consumed before (redelivery) and is
 * dropped too.
 */
import type { HistoryRow, InboxEntry, InstanceRecord } from './durable-store';
import { EventType, type HistoryEvent, type RuntimeStatus } from './history-events';
import { startMessageId } from './message-ids';

export interface Triage {
  /** New history rows, each with the message id it came from. */
  fresh: HistoryRow[];
  /** Messages to discard without an event. */
  discard: string[];
  status: RuntimeStatus;
  terminateReason?: string;
  /** Events left waiting because the instance is suspended. */
  heldBack: boolean;
}

/** An execution's ExecutionStarted, rebuilt from its instance row (which holds name, input and parent). */
export function startedEntry(instance: InstanceRecord): InboxEntry {
  const event: HistoryEvent = {
    EventType: EventType.ExecutionStarted,
    EventId: -1,
    Timestamp: instance.lastUpdatedTime,
    Name: instance.name,
    Input: instance.input,
    ParentInstanceId: instance.parentInstanceId,
  };
  if (event.ParentInstanceId === undefined) delete event.ParentInstanceId;
  if (event.Input === undefined) delete event.Input;
  return { id: startMessageId(instance.execution), order: -1, message: { kind: 'event', execution: instance.execution, event } };
}

export function triageInbox(instance: InstanceRecord, rows: HistoryRow[], inbox: InboxEntry[], stamp: string): Triage {
  const consumed = new Set(rows.map((r) => r.source).filter((s) => s !== ''));
  const seen = new Set<string>();
  const result: Triage = { fresh: [], discard: [], status: instance.runtimeStatus, heldBack: false };
  const { fresh, discard } = result;
  for (const entry of inbox) {
    const message = entry.message;
    if (consumed.has(entry.id) || seen.has(entry.id)) {
      discard.push(entry.id);
      continue;
    }
    seen.add(entry.id);
    if (message.kind === 'terminate') {
      result.terminateReason ??= message.reason;
      fresh.push({
        event: { EventType: EventType.ExecutionTerminated, EventId: -1, Timestamp: stamp, Input: JSON.stringify(message.reason) },
        source: entry.id,
      });
    } else if (message.kind === 'suspend') {
      if (result.status !== 'Suspended')
        fresh.push({ event: { EventType: EventType.ExecutionSuspended, EventId: -1, Timestamp: stamp, Reason: message.reason }, source: entry.id });
      else discard.push(entry.id);
      result.status = 'Suspended';
    } else if (message.kind === 'resume') {
      if (result.status === 'Suspended')
        fresh.push({ event: { EventType: EventType.ExecutionResumed, EventId: -1, Timestamp: stamp, Reason: message.reason }, source: entry.id });
      else discard.push(entry.id);
      result.status = rows.length > 0 || fresh.some((f) => f.event.EventType === EventType.ExecutionStarted) ? 'Running' : 'Pending';
    } else if (message.kind === 'event') {
      if (message.execution !== undefined && message.execution < instance.execution) discard.push(entry.id);
      else if (message.execution !== undefined && message.execution > instance.execution) seen.delete(entry.id);
      else if (result.status === 'Suspended') {
        result.heldBack = true;
        seen.delete(entry.id);
      } else fresh.push({ event: { ...message.event, Timestamp: message.event.Timestamp || stamp }, source: entry.id });
    } else {
      discard.push(entry.id); // entity operations never target an orchestration
    }
  }
  return result;
}
