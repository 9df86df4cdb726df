/** Instance management as the Durable extension offers it: start, status/query, events, terminate/suspend/resume, rewind, purge. */
import { randomUUID } from 'node:crypto';
import type { InstanceRecord } from './durable-store';
import type { EngineContext } from './engine-context';
import { entitySchedulerId } from './entity-batch';
import type { EntityHost } from './entity-host';
import { EventType, fromJsonText, isTerminal, type HistoryEvent, type RuntimeStatus } from './history-events';
import { historyEventView, statusView, type StatusOptions, type StatusView } from './status-view';
import { controlMessageId, raisedEventId, subOrchestrationResultId } from './message-ids';
import { findHandler } from './registry-from-registrations';

export type { StatusOptions, StatusView } from './status-view';

export type ControlResult = 'accepted' | 'notFound' | 'gone' | 'conflict';

export interface StatusQuery {
  runtimeStatus?: RuntimeStatus[];
  createdTimeFrom?: Date;
  createdTimeTo?: Date;
}

export class InstanceControl {
  constructor(
    private readonly engine: EngineContext,
    private readonly entities: EntityHost,
  ) {}

  private get store() {
    return this.engine.store;
  }

  /** Azure's default (OverridableExistingInstanceStates = NonRunningStates): a Pending/Running/Suspended id is not started again. */
  async startNew(
    name: string,
    instanceId: string | undefined,
    input: string | undefined,
  ): Promise<{ result: 'started' | 'exists' | 'unknownFunction'; instanceId: string; runtimeStatus?: RuntimeStatus }> {
    const id = instanceId ?? randomUUID().replace(/-/g, '');
    if (!findHandler(this.engine.registry.orchestrations, name)) {
      return { result: 'unknownFunction', instanceId: id };
    }
    const outcome = await this.createOrRestart(id, name, input, undefined);
    return { result: outcome.created ? 'started' : 'exists', instanceId: id, runtimeStatus: outcome.existingStatus };
  }

  private async createOrRestart(
    instanceId: string,
    name: string,
    input: string | undefined,
    parent: { instanceId: string; execution: number; taskId: number } | undefined,
  ): Promise<{ created: boolean; existing?: InstanceRecord; existingStatus?: RuntimeStatus }> {
    const held = this.engine.live.peek(instanceId);
    if (held) return { created: false, existing: held.record, existingStatus: held.record.runtimeStatus };
    const stamp = this.engine.clock.now().toISOString();
    const recordFor = (execution: number, etag: string | undefined): InstanceRecord => ({
      instanceId,
      name,
      runtimeStatus: 'Pending',
      input,
      createdTime: stamp,
      lastUpdatedTime: stamp,
      parentInstanceId: parent?.instanceId,
      parentExecution: parent?.execution,
      parentTaskId: parent?.taskId,
      execution,
      historyLength: 0,
      etag,
    });
    // Insert first: a new id costs one write, and an existing row answers 409 (then we read it). The execution's
    // ExecutionStarted is rebuilt from this row by the first episode (inbox-triage.ts: startedEntry).
    const fresh = recordFor(0, undefined);
    const etag = await this.store.createInstance(fresh);
    if (etag !== undefined) {
      this.engine.live.remember({ ...fresh, etag }, []);
    } else {
      const existing = await this.store.getInstance(instanceId);
      if (!existing || !isTerminal(existing.runtimeStatus)) return { created: false, existing, existingStatus: existing?.runtimeStatus };
      const restarted = recordFor(existing.execution + 1, existing.etag);
      const newEtag = await this.store.replaceInstance(restarted);
      this.engine.live.remember({ ...restarted, etag: newEtag }, []);
      void this.store.deleteHistory(instanceId, restarted.execution).catch(() => undefined);
    }
    this.engine.log({ event: 'instanceStarted', instanceId, name, parentInstanceId: parent?.instanceId });
    this.engine.wake(instanceId);
    return { created: true };
  }

  /** Idempotent: an existing child started by this same parent task is left alone. */
  async startSubOrchestration(parent: InstanceRecord, taskId: number, name: string, childId: string, input: string | undefined): Promise<void> {
    const outcome = await this.createOrRestart(childId, name, input, { instanceId: parent.instanceId, execution: parent.execution, taskId });
    if (outcome.created) return;
    const child = outcome.existing;
    const sameTask = child?.parentInstanceId === parent.instanceId && child.parentTaskId === taskId && child.parentExecution === parent.execution;
    if (sameTask) return;
    await this.store.sendToInbox(parent.instanceId, subOrchestrationResultId(parent.execution, taskId), {
      kind: 'event',
      execution: parent.execution,
      event: {
        EventType: EventType.SubOrchestrationInstanceFailed,
        EventId: -1,
        Timestamp: this.engine.clock.now().toISOString(),
        TaskScheduledId: taskId,
        Reason: `An orchestration instance with ID '${childId}' already exists and is ${child?.runtimeStatus ?? 'running'}.`,
        Details: '',
      },
    });
    this.engine.wake(parent.instanceId);
  }

  async notifyParent(child: InstanceRecord, failed: boolean, text: string | undefined, stamp: string): Promise<void> {
    if (child.parentInstanceId === undefined || child.parentTaskId === undefined) return;
    const event: HistoryEvent = failed
      ? {
          EventType: EventType.SubOrchestrationInstanceFailed,
          EventId: -1,
          Timestamp: stamp,
          TaskScheduledId: child.parentTaskId,
          Reason: text ?? 'failed',
          Details: '',
        }
      : { EventType: EventType.SubOrchestrationInstanceCompleted, EventId: -1, Timestamp: stamp, TaskScheduledId: child.parentTaskId, Result: text ?? 'null' };
    await this.store.sendToInbox(child.parentInstanceId, subOrchestrationResultId(child.parentExecution ?? 0, child.parentTaskId), {
      kind: 'event',
      execution: child.parentExecution,
      event,
    });
    this.engine.wake(child.parentInstanceId);
  }

  // ---- queries ----------------------------------------------------------------------------------------------

  /** The instance as last committed: the engine's own copy when it drives the instance, else the stored row. */
  private async current(instanceId: string): Promise<InstanceRecord | undefined> {
    return this.engine.live.peek(instanceId)?.record ?? (await this.store.getInstance(instanceId));
  }

  async getStatus(instanceId: string, options: StatusOptions): Promise<StatusView | undefined> {
    const held = this.engine.live.peek(instanceId);
    const record = held?.record ?? (await this.store.getInstance(instanceId));
    if (!record) return undefined;
    const view = statusView(record, options.showInput !== false);
    if (options.showHistory) {
      const rows = held ? held.rows : await this.store.readHistory(record);
      view.history = rows
        .map((r) => r.event)
        .filter((e) => e.EventType !== EventType.OrchestratorStarted && e.EventType !== EventType.OrchestratorCompleted)
        .map((e) => historyEventView(e, options.showHistoryOutput === true));
    }
    return view;
  }

  async query(filter: StatusQuery, showInput: boolean): Promise<StatusView[]> {
    const records = await this.matching(filter);
    return records.map((r) => statusView(r, showInput));
  }

  private async matching(filter: StatusQuery): Promise<InstanceRecord[]> {
    const all = await this.store.listInstances();
    return all
      .filter((r) => !filter.runtimeStatus?.length || filter.runtimeStatus.includes(r.runtimeStatus))
      .filter((r) => !filter.createdTimeFrom || new Date(r.createdTime) >= filter.createdTimeFrom)
      .filter((r) => !filter.createdTimeTo || new Date(r.createdTime) <= filter.createdTimeTo)
      .sort((a, b) => a.createdTime.localeCompare(b.createdTime) || a.instanceId.localeCompare(b.instanceId));
  }

  // ---- commands ---------------------------------------------------------------------------------------------

  async raiseEvent(instanceId: string, eventName: string, data: string | undefined): Promise<ControlResult> {
    const record = await this.current(instanceId);
    if (!record) return 'notFound';
    if (isTerminal(record.runtimeStatus)) return 'gone';
    const event: HistoryEvent = {
      EventType: EventType.EventRaised,
      EventId: -1,
      Timestamp: this.engine.clock.now().toISOString(),
      Name: eventName,
      Input: data,
    };
    await this.store.sendToInbox(instanceId, raisedEventId(), { kind: 'event', event });
    this.engine.wake(instanceId);
    return 'accepted';
  }

  async sendControl(instanceId: string, kind: 'terminate' | 'suspend' | 'resume', reason: string): Promise<ControlResult> {
    const record = await this.current(instanceId);
    if (!record) return 'notFound';
    if (isTerminal(record.runtimeStatus)) return 'gone';
    await this.store.sendToInbox(instanceId, controlMessageId(kind), { kind, reason });
    this.engine.wake(instanceId);
    return 'accepted';
  }

  /**
   * Rewind a Failed instance: drop the failure (the ExecutionCompleted event and the last TaskFailed with the retry
   * timer it caused), so the failed activity is scheduled-without-result again and gets re-run.
   */
  async rewind(instanceId: string, reason: string): Promise<ControlResult> {
    const record = await this.store.getInstance(instanceId);
    if (!record) return 'notFound';
    if (record.runtimeStatus !== 'Failed') return 'conflict';
    const rows = await this.store.readHistory(record);
    const kept = rows.filter((r) => r.event.EventType !== EventType.ExecutionCompleted);
    const lastFailure = kept.map((r) => r.event.EventType).lastIndexOf(EventType.TaskFailed);
    let rewound = kept;
    if (lastFailure >= 0) {
      const failedId = kept[lastFailure].event.TaskScheduledId ?? -1;
      rewound = kept.filter((r, i) => {
        if (i === lastFailure) return false;
        const isRetryTimer = i > lastFailure && (r.event.EventType === EventType.TimerCreated || r.event.EventType === EventType.TimerFired);
        const timerId = r.event.EventType === EventType.TimerCreated ? r.event.EventId : r.event.TimerId;
        return !(isRetryTimer && (timerId ?? -1) > failedId);
      });
    }
    const stamp = this.engine.clock.now().toISOString();
    const running: InstanceRecord = { ...record, runtimeStatus: 'Running', output: undefined, lastUpdatedTime: stamp, historyLength: rewound.length };
    delete running.legacyHistory;
    const etag = await this.store.commit(record.execution, 0, rewound, running);
    this.engine.live.remember({ ...running, etag }, rewound);
    this.engine.log({ event: 'instanceRewound', instanceId, reasonLength: reason.length });
    const scheduled = rewound.map((r) => r.event);
    const finished = new Set(
      scheduled.filter((e) => e.EventType === EventType.TaskCompleted || e.EventType === EventType.TaskFailed).map((e) => e.TaskScheduledId),
    );
    for (const e of scheduled) {
      if (e.EventType === EventType.TaskScheduled && !finished.has(e.EventId)) {
        this.engine.dispatchActivity(instanceId, record.execution, e.EventId, e.Name ?? '', e.Input);
      }
    }
    return 'accepted';
  }

  async purge(instanceId: string): Promise<number> {
    this.engine.live.forget(instanceId);
    return (await this.store.purgeInstance(instanceId)) ? 1 : 0;
  }

  async purgeBy(filter: StatusQuery): Promise<number> {
    let count = 0;
    for (const record of await this.matching(filter)) {
      // Like Azure, only instances that are finished are purged by filter.
      if (!isTerminal(record.runtimeStatus)) continue;
      count += await this.purge(record.instanceId);
    }
    return count;
  }

  async signalEntity(name: string, key: string, operation: string, input: string | undefined): Promise<void> {
    await this.entities.signal(entitySchedulerId(name, key), operation, input);
  }

  async readEntity(name: string, key: string): Promise<{ exists: boolean; state: unknown }> {
    const { exists, state } = await this.entities.readState(entitySchedulerId(name, key));
    return { exists, state: fromJsonText(state) };
  }
}
