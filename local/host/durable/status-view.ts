/** An instance as the durable client's status API shows it (DurableOrchestrationStatus), with its history if asked for. */
import type { InstanceRecord } from './durable-store';
import { EventType, fromJsonText, type HistoryEvent, type RuntimeStatus } from './history-events';

export interface StatusOptions {
  showHistory?: boolean;
  showHistoryOutput?: boolean;
  showInput?: boolean;
}

/** DurableOrchestrationStatus as the client expects it (input/output/customStatus present, null when absent). */
export interface StatusView {
  name: string;
  instanceId: string;
  createdTime: string;
  lastUpdatedTime: string;
  input: unknown;
  output: unknown;
  runtimeStatus: RuntimeStatus;
  customStatus: unknown;
  history?: unknown[];
}

function nullable(text: string | undefined): unknown {
  const value = fromJsonText(text);
  return value === undefined ? null : value;
}

const EVENT_NAMES = new Map<number, string>(Object.entries(EventType).map(([name, value]) => [value, name]));

export function statusView(record: InstanceRecord, showInput: boolean): StatusView {
  return {
    name: record.name,
    instanceId: record.instanceId,
    createdTime: record.createdTime,
    lastUpdatedTime: record.lastUpdatedTime,
    input: showInput ? nullable(record.input) : null,
    output: nullable(record.output),
    runtimeStatus: record.runtimeStatus,
    customStatus: nullable(record.customStatus),
  };
}

/** One history event as the status query's showHistory lists it. */
export function historyEventView(event: HistoryEvent, showOutput: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = { EventType: EVENT_NAMES.get(event.EventType) ?? String(event.EventType), Timestamp: event.Timestamp };
  if (event.EventType === EventType.TaskScheduled || event.EventType === EventType.SubOrchestrationInstanceCreated) view.FunctionName = event.Name;
  if (event.EventType === EventType.EventRaised || event.EventType === EventType.EventSent) view.Name = event.Name;
  if (event.EventType === EventType.TimerCreated || event.EventType === EventType.TimerFired) view.FireAt = event.FireAt;
  if (event.EventType === EventType.ExecutionStarted) view.FunctionName = event.Name;
  if (event.EventType === EventType.ExecutionCompleted) view.OrchestrationStatus = event.OrchestrationStatus;
  if (event.Reason !== undefined) view.Reason = event.Reason;
  if (showOutput && event.Result !== undefined) view.Result = nullable(event.Result);
  return view;
}
